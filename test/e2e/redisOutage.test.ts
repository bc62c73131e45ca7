import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runRebalanceCli } from '../../src/cli/rebalance.ts';
import { OrderLedger } from '../../src/store/OrderLedger.ts';
import { PlanStore } from '../../src/store/PlanStore.ts';
import { createRedis } from '../../src/store/redis.ts';
import { type Bench, startBench } from '../kit/Bench.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';
import { type RedisProxy, startRedisProxy } from '../kit/RedisProxy.ts';
import { SCALED_ENV } from '../kit/scaledEnv.ts';

const account = {
  deposit: 2_000_000,
  positions: [
    { code: '005930', name: '삼성전자', qty: 100, price: 71_200 },
    { code: '000660', name: 'SK하이닉스', qty: 10, price: 198_500 },
  ],
  quotes: [{ code: '373220', name: 'LG에너지솔루션', price: 380_000 }],
};

const settings = {
  weights: { '005930': 50, '000660': 25, '373220': 20 },
  excluded: [],
  added: ['373220'],
  cashPct: 5,
  sellSplit: 3,
  buySplit: 2,
  sellEnabled: true,
  buyEnabled: true,
};

const cleanups = closeAfterEach();

describe('a Redis outage longer than the client retry budget (issue 7, item 11)', () => {
  // The runner's connection goes through a proxy the test cuts mid-phase. Its retry budget is scaled down (one retry
  // per command, as ioredis' default 20 is at about 76 s), and the outage outlasts it many times over. Before, the
  // first command past the budget failed the run ("Reached the max retries per request limit"); now the engine
  // waits, reconnects, reconciles and finishes, and says when Redis is back.
  test('the runner rides it out: nothing sent while Redis is gone, the plan finishes, no order twice', {
    timeout: 90_000,
  }, async () => {
    const bench: Bench = await startBench(account);
    cleanups.push(() => bench.close());
    const proxy: RedisProxy = await startRedisProxy();
    cleanups.push(() => proxy.close());
    const redis = createRedis(proxy.url, 'commands', { maxRetriesPerRequest: 1 });
    redis.on('error', () => {});
    cleanups.push(async () => redis.disconnect());
    const dir = await mkdtemp(join(tmpdir(), 'redis-outage-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const settingsFile = join(dir, 'settings.json');
    await writeFile(settingsFile, JSON.stringify(settings));

    let cutAt: number | undefined;
    let restoredAt: number | undefined;
    let out = '';
    let err = '';
    const code = await runRebalanceCli(
      ['--settings', settingsFile],
      {
        stdout: (t) => {
          out += t;
          if (cutAt === undefined && /^SELL .* round 1: \d+ sh at/m.test(t)) {
            cutAt = Date.now();
            void proxy.cut();
            setTimeout(() => {
              restoredAt = Date.now();
              void proxy.restore();
            }, 5_000);
          }
        },
        stderr: (t) => {
          err += t;
        },
        readFile: (p) => readFile(p, 'utf8'),
        env: { ...SCALED_ENV, BROKER: 'paper', LOG_LEVEL: 'silent' },
      },
      {
        createBroker: async () => ({
          broker: bench.broker,
          accountId: bench.accountId,
          kind: 'kiwoom',
          close: async () => {},
        }),
        redis,
        engine: { prefix: bench.prefix, settleMs: 500 },
        tailEveryMs: 50,
      },
    );
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(cutAt).toBeDefined();
    expect(restoredAt).toBeDefined();
    expect(out).toMatch(/Redis is reachable again after \d+ s; the engine reconciles with the broker and continues\./);
    const planId = /Plan (p[\w-]+) done\./.exec(out)?.[1] ?? '';
    expect(planId).not.toBe('');

    // Nothing placed while Redis was gone (every order request needs its ledger record written first).
    const orderRequests = bench.paper.requestLog.filter((q) => ['kt10000', 'kt10001'].includes(q.apiId));
    const duringCut = orderRequests.filter((q) => q.at > (cutAt ?? 0) + 200 && q.at < (restoredAt ?? 0));
    expect(duringCut).toEqual([]);
    expect(orderRequests.some((q) => q.at > (restoredAt ?? 0))).toBe(true);
    // No order twice: every exchange order belongs to exactly one ledger record, each leg placed its planned shares.
    const records = await new OrderLedger(bench.redis, bench.accountId).listByPlan(planId);
    const owned = records.flatMap((r) => r.orderNos);
    const orders = bench.paper.exchange.orders();
    expect(new Set(owned).size).toBe(owned.length);
    expect(orders.map((o) => o.orderNo).sort()).toEqual([...owned].sort());
    expect(orderRequests).toHaveLength(orders.filter((o) => o.kind === 'new').length);
    const stored = await new PlanStore(bench.redis, bench.accountId).get(planId);
    for (const leg of stored?.plan.sells ?? []) {
      const sent = orders.filter((o) => o.code === leg.code && o.side === 'sell' && o.kind === 'new');
      expect([leg.code, sent.reduce((s, o) => s + o.qty, 0)]).toEqual([leg.code, leg.qty]);
    }
  });
});
