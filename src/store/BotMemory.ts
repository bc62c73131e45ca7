import type { Redis } from 'ioredis';
import { accountKeys } from './keys.ts';

/** How long an update id is remembered: Telegram keeps undelivered updates for 24 hours. */
export const UPDATE_MEMORY_MS = 26 * 3600 * 1000;

/**
 * What the bot remembers of an account's chat traffic in Redis (`rb:{acct}:bot:*`): the update ids already handled
 * (a redelivered update after a crash changes nothing) and when a stranger was last refused (one polite refusal per
 * chat per hour). Both are SET NX with an expiry: atomic, and they clean themselves up.
 */
export class BotMemory {
  private readonly base: string;

  constructor(
    private readonly redis: Redis,
    accountId: string,
  ) {
    this.base = `${accountKeys(accountId).prefix}bot:`;
  }

  /** True the first time `updateId` is seen (and remembers it), false for a repeat. */
  async firstSighting(updateId: number): Promise<boolean> {
    const res = await this.redis.set(`${this.base}update:${updateId}`, '1', 'PX', UPDATE_MEMORY_MS, 'NX');
    return res === 'OK';
  }

  /** True when no refusal was sent to `chatId` within `windowMs` (and claims this one). */
  async mayRefuse(chatId: number, windowMs: number): Promise<boolean> {
    const res = await this.redis.set(`${this.base}refused:${chatId}`, String(Date.now()), 'PX', windowMs, 'NX');
    return res === 'OK';
  }

  /** A small JSON value of the bot (e.g. which message shows which preview). */
  async getJson(name: string): Promise<unknown> {
    const raw = await this.redis.get(`${this.base}${name}`);
    return raw === null ? undefined : (JSON.parse(raw) as unknown);
  }

  async setJson(name: string, value: unknown, ttlMs?: number): Promise<void> {
    if (ttlMs !== undefined) await this.redis.set(`${this.base}${name}`, JSON.stringify(value), 'PX', ttlMs);
    else await this.redis.set(`${this.base}${name}`, JSON.stringify(value));
  }
}
