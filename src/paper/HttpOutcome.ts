/** The answer to one request before it is written: HTTP status, JSON body and extra headers. */
export interface HttpOutcome {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers?: Record<string, string> | undefined;
}
