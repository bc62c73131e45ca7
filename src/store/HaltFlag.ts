import type { Redis } from 'ioredis';
import type { HaltSource } from '../domain/HaltSource.ts';
import { type AccountKeys, accountKeys } from './keys.ts';

/** When and by whom the kill switch was thrown. */
export interface HaltInfo {
  readonly at: number;
  /** Who threw it, when the caller said so. */
  readonly by?: HaltSource;
  /** The reason in English words, as an older version stored it (never written now). */
  readonly reason?: string;
}

/**
 * The kill switch flag of one account, in Redis so every process sees it: the order worker checks it right before
 * every request that would create or change an order.
 */
export class HaltFlag {
  readonly keys: AccountKeys;

  constructor(
    private readonly redis: Redis,
    readonly accountId: string,
  ) {
    this.keys = accountKeys(accountId);
  }

  /** Throws the switch (keeps the first one's facts if it is already thrown). */
  async set(info: HaltInfo): Promise<void> {
    await this.redis.set(this.keys.halted, JSON.stringify(info), 'NX');
  }

  /** Releases the switch. */
  async clear(): Promise<void> {
    await this.redis.del(this.keys.halted);
  }

  /** The switch's state, or undefined when not thrown. */
  async get(): Promise<HaltInfo | undefined> {
    const v = await this.redis.get(this.keys.halted);
    return v === null ? undefined : (JSON.parse(v) as HaltInfo);
  }

  /** True when the switch is thrown. */
  async isSet(): Promise<boolean> {
    return (await this.redis.exists(this.keys.halted)) === 1;
  }
}
