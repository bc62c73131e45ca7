/** Spring Boot's default error body, which the Kiwoom gateway sends for HTTP-level errors (e.g. a missing body). */
export function springError(status: number, error: string, path: string): Record<string, unknown> {
  return { timestamp: new Date().toISOString().replace('Z', '+00:00'), status, error, path };
}
