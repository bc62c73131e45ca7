/**
 * When the next message to one chat may go (generic cell rate algorithm): one every `intervalMs` on average, up to
 * `burst` at once after a quiet spell; a 429's retry_after holds the chat until it has passed. Pure bookkeeping:
 * `reserve(now)` returns how long to wait and books the slot.
 * @see ../../../shared/reference/telegram.md "Bot API limits" (about 1 message per second per chat)
 */
export class ChatPacer {
  private theoreticalAt = 0;
  private blockedUntil = 0;

  constructor(
    private readonly intervalMs: number,
    private readonly burst: number,
  ) {}

  /** Books the next slot; returns the wait in ms (0 = now). */
  reserve(now: number): number {
    const start = Math.max(now, this.blockedUntil);
    const tat = Math.max(this.theoreticalAt, start);
    const at = Math.max(start, tat - (this.burst - 1) * this.intervalMs);
    this.theoreticalAt = tat + this.intervalMs;
    return at - now;
  }

  /** Telegram said wait: nothing goes to this chat before `until`, and no burst right after it. */
  block(until: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, until);
    this.theoreticalAt = Math.max(this.theoreticalAt, until + (this.burst - 1) * this.intervalMs);
  }
}
