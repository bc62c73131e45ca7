import { describe, expect, test } from 'vitest';
import { checkRedisPersistence } from '../../src/store/redisPersistence.ts';
import { type Bench, startBench } from '../kit/Bench.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';

let bench: Bench | undefined;
closeAfterEach(() => bench);

describe('Engine.start', () => {
  test("reports Redis's persistence settings as it found them, read-only", async () => {
    bench = await startBench({ deposit: 1_000_000, positions: [], quotes: [] });
    const before = await checkRedisPersistence(bench.redis);
    const summary = await bench.engine().start();
    expect(['durable', 'may-lose-writes', 'no-aof', 'unknown']).toContain(summary.persistence.verdict);
    expect(summary.persistence).toEqual(before);
    expect(await checkRedisPersistence(bench.redis)).toEqual(before);
  });
});
