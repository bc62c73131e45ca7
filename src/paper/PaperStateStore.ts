import type { Redis } from 'ioredis';
import { accountKeys } from '../store/keys.ts';
import type { PaperExchange } from './PaperExchange.ts';
import { PaperSnapshotError } from './PaperSnapshotError.ts';

/**
 * Where a persistent paper account keeps its exchange: one JSON value at `rb:{accountId}:paper:exchange` (a
 * PaperExchangeSnapshot). Saves are serialised and skip a state equal to the last one saved; the latest state
 * always wins because each save takes its snapshot when it is called.
 */
export class PaperStateStore {
  readonly key: string;
  #last: string | undefined;
  #chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly redis: Redis,
    readonly accountId: string,
  ) {
    this.key = `${accountKeys(accountId).prefix}paper:exchange`;
  }

  /** The stored state as parsed JSON (validated by PaperExchange.load), or undefined when there is none. */
  async load(): Promise<unknown> {
    const text = await this.redis.get(this.key);
    if (text === null) return undefined;
    try {
      this.#last = text;
      return JSON.parse(text) as unknown;
    } catch {
      throw new PaperSnapshotError(`the paper exchange state at ${this.key} is not JSON`);
    }
  }

  /** Saves the exchange's state now (resolves once Redis has it; a no-op when nothing changed since the last). */
  save(exchange: PaperExchange): Promise<void> {
    const text = JSON.stringify(exchange.snapshot());
    if (text === this.#last) return this.#chain;
    this.#last = text;
    this.#chain = this.#chain
      .catch(() => undefined)
      .then(async () => {
        await this.redis.set(this.key, text);
      });
    return this.#chain;
  }
}
