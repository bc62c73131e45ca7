import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, test } from 'vitest';
import { createBroker } from '../../src/app/brokerFactory.ts';
import { DEMO_DEFAULTS, demoEnv, runDemo } from '../../src/cli/demo.ts';
import { createRedis, deleteKeysWithPrefix } from '../../src/store/redis.ts';

const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const prefix = `test-${randomUUID()}`;

afterAll(async () => {
  await deleteKeysWithPrefix(redis, `${prefix}:`);
  await redis.quit();
});

interface Run {
  code: number;
  out: string;
  err: string;
}

async function demo(argv: string[], env: Record<string, string>, withRedis: boolean): Promise<Run> {
  let out = '';
  let err = '';
  const code = await runDemo(
    argv,
    { stdout: (t) => (out += t), stderr: (t) => (err += t), env },
    withRedis
      ? {
          rebalance: {
            redis,
            engine: { prefix, settleMs: 500 },
            tailEveryMs: 50,
            // The real factory, with the client's limiter opened wide so the scaled intervals are the engine's own.
            createBroker: (c, logger) =>
              createBroker(c, { logger, kiwoom: { rateLimits: { ordersPerSecond: 1_000, queriesPerSecond: 1_000 } } }),
          },
        }
      : { redisTimeoutMs: 1_000 },
  );
  return { code, out, err };
}

/** Scaled down: the demo's flow in a few seconds. */
const SCALED = {
  ORDER_INTERVAL_MS: '100',
  POLL_INTERVAL_MS: '200',
  AMEND_AFTER_MS: '1000',
  LOG_LEVEL: 'silent',
} as const;

describe('npm run demo (runDemo)', () => {
  test('rebalances the example account on a fresh paper exchange: preview tables, progress, summaries, exit 0', async () => {
    // Whatever the environment says about the broker, the demo trades the in-process paper exchange.
    const r = await demo([], { ...SCALED, BROKER: 'kiwoom', KIWOOM_ENV: 'live', PAPER_ACCOUNT: '/nonexistent' }, true);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const out = r.out;
    // The preview as text tables, sells, buys and excluded, before the first order; no HTML left.
    const firstOrder = out.search(/\(order \d{7}\)/);
    expect(out.indexOf('매도 계획')).toBeGreaterThan(-1);
    expect(out.indexOf('매수 계획')).toBeGreaterThan(out.indexOf('매도 계획'));
    expect(out.indexOf('제외 종목')).toBeGreaterThan(out.indexOf('매수 계획'));
    expect(firstOrder).toBeGreaterThan(out.indexOf('제외 종목'));
    expect(out).toMatch(/종목\s+현재가\s+금액\s+목표\s+수량\s+회차/);
    expect(out).toMatch(/삼성바이\S*\s+1 1,012,000 제외/); // the excluded holding
    expect(out).not.toMatch(/<\/?(b|pre)>|&amp;|&lt;|&gt;/);
    // Fresh paper account, sells then buys, and the summaries.
    expect(out).toContain('starts fresh from its account file on every run');
    expect(out).toMatch(/SELL 035720 카카오 round 1: \d+ sh at [\d,]+ \(order \d{7}\)/);
    expect(out).toMatch(/BUY {2}373220 LG에너지솔루션 round \d: \d+ sh at/);
    expect(out).toContain('Sell phase done: 2/2 legs complete');
    expect(out).toContain('Buy phase done: 8/8 legs complete');
    expect(out).toMatch(/Plan p[\w-]+ done\./);
    expect(out).toContain('Summary:');
    // The run's paper account is gone from Redis with its exchange.
    const accountId = /Paper trading on account (paper-[\w-]+):/.exec(out)?.[1] ?? '';
    expect(accountId).not.toBe('');
    expect(await redis.keys(`*${accountId}*`)).toEqual([]);
  });

  test('with Redis unreachable exits 1 with one line saying so, and never shows the password', async () => {
    const r = await demo([], { ...SCALED, REDIS_URL: 'redis://:hunter2secret@127.0.0.1:1' }, false);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    expect(r.err).toContain('Cannot reach Redis at 127.0.0.1:1');
    expect(r.err).not.toContain('hunter2secret');
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  test.each([[['--settings', 'x.json']], [['extra']]])(
    'refuses the arguments %j with exit 2 and the usage',
    async (argv) => {
      const r = await demo(argv, SCALED, false);
      expect(r.code).toBe(2);
      expect(r.err).toContain('Usage: npm run demo');
    },
  );

  test('--help prints the usage and exits 0', async () => {
    const r = await demo(['--help'], SCALED, false);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Usage: npm run demo');
  });
});

describe('demoEnv', () => {
  test('uses the demo timings unless the environment sets them, and forces the paper broker and account', () => {
    const env = demoEnv({
      ORDER_INTERVAL_MS: '2500',
      POLL_INTERVAL_MS: '',
      BROKER: 'kiwoom',
      REDIS_URL: 'redis://x:1',
    });
    expect(env).toMatchObject({
      ORDER_INTERVAL_MS: '2500',
      POLL_INTERVAL_MS: DEMO_DEFAULTS.POLL_INTERVAL_MS,
      AMEND_AFTER_MS: '15000',
      BROKER: 'paper',
      REDIS_URL: 'redis://x:1',
    });
    expect(env.PAPER_ACCOUNT).toMatch(/examples\/paper-account\.json$/);
    expect(demoEnv({})).toMatchObject({ ORDER_INTERVAL_MS: '1000', POLL_INTERVAL_MS: '3000', AMEND_AFTER_MS: '15000' });
  });
});
