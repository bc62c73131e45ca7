import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * A Lua script run atomically on the Redis server: by SHA (EVALSHA), loading it once when the server does not know
 * it yet (NOSCRIPT after a restart or on a fresh server).
 */
export class LuaScript {
  readonly sha: string;

  constructor(
    readonly source: string,
    readonly numberOfKeys: number,
  ) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  /** Runs the script with `keys` (exactly numberOfKeys of them) and `args`. */
  async run(redis: Redis, keys: readonly string[], args: ReadonlyArray<string | number>): Promise<unknown> {
    if (keys.length !== this.numberOfKeys) {
      throw new RangeError(`script expects ${this.numberOfKeys} keys, got ${keys.length}`);
    }
    try {
      return await redis.evalsha(this.sha, this.numberOfKeys, ...keys, ...args);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.includes('NOSCRIPT')) throw err;
      return await redis.eval(this.source, this.numberOfKeys, ...keys, ...args);
    }
  }
}
