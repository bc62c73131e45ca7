/** The sender was closed (the bot is stopping) before the call could be made or while it waited to retry. */
export class SenderClosedError extends Error {
  override readonly name = 'SenderClosedError';
  readonly retryable = false;

  constructor(readonly method: string) {
    super(`sender closed; ${method} not sent`);
  }
}
