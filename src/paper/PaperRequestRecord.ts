/** One request as it arrived at the server (recorded before any fault or validation). */
export interface PaperRequestRecord {
  readonly apiId: string;
  /** Date.now() on arrival. */
  readonly at: number;
  /** Parsed JSON body (secrets replaced by "[redacted]"), or the raw text when it was not JSON. */
  readonly body: unknown;
}
