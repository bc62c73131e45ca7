import { setTimeout as sleep } from 'node:timers/promises';
import { ChatPacer } from './ChatPacer.ts';
import { SenderClosedError } from './errors/SenderClosedError.ts';

/**
 * The sender's waits: every call waits for its chat's slot (ChatPacer per chat, about one message per
 * `intervalMs` with bursts of `burst`) and then for the global slot (all calls together under Telegram's overall
 * limit). Every wait, backoffs included, ends with SenderClosedError as soon as the sender closes.
 */
export class SendPacing {
  private readonly pacers = new Map<number, ChatPacer>();
  private readonly global: ChatPacer;

  constructor(
    private readonly intervalMs: number,
    private readonly burst: number,
    globalIntervalMs: number,
    private readonly closing: AbortSignal,
  ) {
    this.global = new ChatPacer(globalIntervalMs, 30);
  }

  /** Waits for the chat's slot (when the call is for a chat), then for the global one. */
  async pace(method: string, chatId: number | undefined): Promise<void> {
    const chatWait = chatId === undefined ? 0 : this.pacer(chatId).reserve(Date.now());
    if (chatWait > 0) await this.wait(chatWait, method);
    const globalWait = this.global.reserve(Date.now());
    if (globalWait > 0) await this.wait(globalWait, method);
  }

  /** Telegram said wait (429): nothing goes to the chat before `until`. */
  block(chatId: number, until: number): void {
    this.pacer(chatId).block(until);
  }

  /** Sleeps `ms`; throws SenderClosedError when the sender closes meanwhile. */
  async wait(ms: number, method: string): Promise<void> {
    try {
      await sleep(ms, undefined, { signal: this.closing });
    } catch {
      throw new SenderClosedError(method);
    }
  }

  private pacer(chatId: number): ChatPacer {
    let pacer = this.pacers.get(chatId);
    if (!pacer) {
      pacer = new ChatPacer(this.intervalMs, this.burst);
      this.pacers.set(chatId, pacer);
    }
    return pacer;
  }
}
