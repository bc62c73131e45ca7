/**
 * Telegram could not be reached or kept answering 429/5xx until the sender's attempts ran out. Sending later may
 * work; the outcome of the last attempt may be unknown (a message can have arrived without its answer).
 */
export class TelegramUnavailableError extends Error {
  override readonly name = 'TelegramUnavailableError';
  readonly retryable = true;

  constructor(
    readonly method: string,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(`Telegram unavailable for ${method} after ${attempts} attempts`, options);
  }
}
