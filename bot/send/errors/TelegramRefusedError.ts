/**
 * Telegram answered a call with a refusal that sending again cannot fix (400 bad request, 403 blocked, 401, 404):
 * never retried. `code` and `description` are Telegram's; `method` the Bot API method.
 */
export class TelegramRefusedError extends Error {
  override readonly name = 'TelegramRefusedError';
  readonly retryable = false;

  constructor(
    readonly method: string,
    readonly code: number,
    readonly description: string,
  ) {
    super(`Telegram refused ${method}: ${code} ${description}`);
  }
}
