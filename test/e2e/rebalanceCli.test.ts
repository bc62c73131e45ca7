import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createBroker } from '../../src/app/brokerFactory.ts';
import { type RebalanceCliDeps, type RebalanceCliIo, runRebalanceCli } from '../../src/cli/rebalance.ts';
import { OrderLedger } from '../../src/store/OrderLedger.ts';
import { PlanStore } from '../../src/store/PlanStore.ts';
import { createRedis, deleteKeysWithPrefix } from '../../src/store/redis.ts';
import { type Bench, startBench } from '../kit/Bench.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';
import { ORDER_API_IDS } from '../kit/orderApiIds.ts';
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
  sellSplit: 2,
  buySplit: 2,
  sellEnabled: true,
  buyEnabled: true,
};

let dir: string;
let settingsFile: string;
let bench: Bench | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rebalance-cli-'));
  settingsFile = join(dir, 'settings.json');
  await writeFile(settingsFile, JSON.stringify(settings));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
closeAfterEach(() => bench);

interface Run {
  code: number;
  out: string;
  err: string;
}

/**
 * Runs the CLI function in-process against the bench's paper exchange and Redis. The bench's client is a Kiwoom
 * client on a paper exchange that outlives the run (as `npm run paper` with BROKER=kiwoom and KIWOOM_BASE_URL):
 * a stable account that can be resumed.
 */
async function run(
  argv: string[],
  b: Bench | undefined,
  options: {
    env?: Record<string, string>;
    onLine?: (line: string) => void;
    signal?: AbortSignal;
    deps?: RebalanceCliDeps;
    /** The engine's settle time (default 500 ms); at least twice ORDER_INTERVAL_MS, as defaultSettleMs keeps it. */
    settleMs?: number;
  } = {},
): Promise<Run> {
  let out = '';
  let err = '';
  const io: RebalanceCliIo = {
    stdout: (t) => {
      out += t;
      for (const line of t.split('\n')) if (line !== '') options.onLine?.(line);
    },
    stderr: (t) => {
      err += t;
    },
    readFile: (p) => readFile(p, 'utf8'),
    env: { ...SCALED_ENV, BROKER: 'paper', LOG_LEVEL: 'silent', ...options.env },
  };
  const deps: RebalanceCliDeps =
    b === undefined
      ? (options.deps ?? {})
      : {
          createBroker: async () => ({
            broker: b.broker,
            accountId: b.accountId,
            kind: 'kiwoom',
            close: async () => {},
          }),
          redis: b.redis,
          engine: { prefix: b.prefix, settleMs: options.settleMs ?? 500 },
          tailEveryMs: 50,
          ...(options.signal !== undefined ? { signal: options.signal } : {}),
        };
  const code = await runRebalanceCli(argv, io, deps);
  return { code, out, err };
}

describe('npm run rebalance (runRebalanceCli)', () => {
  test.each([
    [[], '--settings FILE is required'],
    [['--settings'], 'argument missing'],
    [['--settings', 'x.json', '--frobnicate'], "Unknown option '--frobnicate'"],
    [['--settings', '/nonexistent/settings.json'], 'Cannot read the settings file'],
  ])('refuses the arguments %j with exit 2 and says why', async (argv, message) => {
    const r = await run(argv, undefined);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.out).toBe('');
  });

  test('refuses a settings file the schema rejects, naming the field, with exit 2', async () => {
    const file = join(dir, 'bad.json');
    await writeFile(file, JSON.stringify({ ...settings, sellSplit: 0, weights: { '005930': 120 } }));
    const r = await run(['--settings', file], undefined);
    expect(r.code).toBe(2);
    expect(r.err).toContain('sellSplit');
    expect(r.err).toContain('weights');
  });

  test('refuses a bad configuration, naming the variable, with exit 2', async () => {
    const r = await run(['--settings', settingsFile], undefined, { env: { POLL_INTERVAL_MS: 'soon' } });
    expect(r.code).toBe(2);
    expect(r.err).toContain('POLL_INTERVAL_MS');
  });

  test('with --dry-run prints the plan and places nothing', async () => {
    bench = await startBench(account);
    const b = bench;
    const r = await run(['--settings', settingsFile, '--dry-run'], b);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Sells:');
    expect(r.out).toMatch(/005930 삼성전자: \d+ sh x 71,200/);
    expect(r.out).toMatch(/373220 LG에너지솔루션: \d+ sh x 380,000/);
    expect(r.out).toContain('Dry run: nothing was placed.');
    expect(b.paper.requestLog.filter((q) => ORDER_API_IDS.has(q.apiId))).toEqual([]);
    expect(await new PlanStore(b.redis, b.accountId).getActive()).toBeUndefined();
  });

  test('with nothing to trade says so, approves nothing and exits 0', async () => {
    bench = await startBench({ deposit: 1_000_000, positions: [], quotes: [] });
    const b = bench;
    const file = join(dir, 'cash-only.json');
    await writeFile(file, JSON.stringify({ ...settings, weights: {}, added: [] }));
    const r = await run(['--settings', file], b);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Nothing to trade');
    expect(await new PlanStore(b.redis, b.accountId).getActive()).toBeUndefined();
    expect(b.paper.requestLog.filter((q) => ORDER_API_IDS.has(q.apiId))).toEqual([]);
  });

  test('runs the whole plan, printing a line per order and fill and the summaries, and exits 0', async () => {
    bench = await startBench(account);
    const b = bench;
    const r = await run(['--settings', settingsFile], b);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    const orders = b.paper.exchange.orders();
    expect(lines.filter((l) => /round \d+: \d+ sh at [\d,]+ \(order \d{7}\)/.test(l))).toHaveLength(orders.length);
    expect(lines.filter((l) => / filled \d+ sh at /.test(l)).length).toBeGreaterThanOrEqual(orders.length);
    expect(r.out).toContain('Sell phase done: 1/1 legs complete');
    expect(r.out).toContain('Buy phase done: 2/2 legs complete');
    expect(r.out).toMatch(/Plan p[\w-]+ done\./);
    expect(r.out).toContain('Summary:');
    // After each phase, and again at the end of the summary: cash, then weight against target per code.
    expect(r.out).toMatch(/After the sell phase: cash [\d,]+ won of [\d,]+ won, tracking error \d+\.\d\d pp/);
    expect(r.out).toMatch(/After the buy phase: cash [\d,]+ won of [\d,]+ won, tracking error \d+\.\d\d pp/);
    const summary = r.out.slice(r.out.indexOf('Summary:'));
    const cash = b.paper.exchange.orderableCash().toLocaleString('en-US');
    expect(summary).toContain(`  Post-trade: cash ${cash} won of `);
    expect(summary).toMatch(/ {4}Code {4}Name +Weight +Target +Diff\n/);
    expect(summary).toMatch(/ {4}005930 {2}삼성전자 +\d+\.\d\d% +50\.00% +[+-]?\d+\.\d\d\n/);
    expect(summary).toMatch(/ {4}000660 {2}SK하이닉스 +\d+\.\d\d% +25\.00% +[+-]?\d+\.\d\d\n/);
    expect(summary).toMatch(/ {4}373220 {2}LG에너지솔루션 +\d+\.\d\d% +20\.00% +[+-]?\d+\.\d\d\n/);
    expect(summary).toMatch(/ {4}cash +\d+\.\d\d% +5\.00% +[+-]?\d+\.\d\d\n/);
    expect(await new PlanStore(b.redis, b.accountId).getActive()).toBeUndefined();
  });

  test('after a crash mid-run, the same command resumes the unfinished plan and places nothing twice', async () => {
    bench = await startBench(account, {}, { orderTimeoutMs: 300 });
    const b = bench;
    // The second sell request reaches the exchange but its answer is lost: the first run ends while that
    // order's outcome is unknown to it.
    b.paper.exchange.holdFills(true);
    let sells = 0;
    const controller = new AbortController();
    const first = await run(['--settings', settingsFile], b, {
      signal: controller.signal,
      onLine: (line) => {
        if (/^SELL .* round \d+: \d+ sh at/.test(line) && ++sells === 1) {
          b.paper.faults.inject({ kind: 'timeoutAfterAccept', apiId: 'kt10001', times: 1, holdMs: 5_000 });
        }
        if (/outcome unknown/.test(line)) controller.abort();
      },
    });
    expect(first.code).toBe(1);
    expect(first.err).toContain('Run the same command again');
    expect(sells).toBe(1);
    const planId = (await new PlanStore(b.redis, b.accountId).getActive())?.id;
    expect(planId).toBeDefined();
    const ordersAfterCrash = b.paper.exchange.orders().length;
    expect(ordersAfterCrash).toBe(2);

    // Fills resume: orders resting since the hold match at the next price event.
    b.paper.exchange.holdFills(false);
    b.paper.exchange.setPrice('005930', 71_200);
    const second = await run(['--settings', settingsFile], b);
    expect(second.err).toBe('');
    expect(second.code).toBe(0);
    expect(second.out).toContain(`Resuming unfinished plan ${planId}`);
    expect(second.out).toContain('1 order(s) found at the broker');
    expect(second.out).toContain(`Plan ${planId} done.`);

    // Nothing placed twice: every exchange order belongs to exactly one ledger record, and every sell leg placed
    // exactly its planned shares.
    const records = await new OrderLedger(b.redis, b.accountId).listByPlan(planId ?? '');
    const owned = records.flatMap((r) => r.orderNos);
    const orders = b.paper.exchange.orders();
    expect(new Set(owned).size).toBe(owned.length);
    expect(orders.map((o) => o.orderNo).sort()).toEqual([...owned].sort());
    const stored = await new PlanStore(b.redis, b.accountId).get(planId ?? '');
    for (const leg of [...(stored?.plan.sells ?? []), ...(stored?.plan.buys ?? [])]) {
      const side = stored?.plan.sells.includes(leg) ? 'sell' : 'buy';
      const sent = orders.filter((o) => o.code === leg.code && o.side === side && o.kind === 'new');
      expect([leg.code, sent.reduce((s, o) => s + o.qty, 0)]).toEqual([leg.code, leg.qty]);
      expect([leg.code, sent.reduce((s, o) => s + o.filledQty, 0)]).toEqual([leg.code, leg.qty]);
    }
    const placeRequests = b.paper.requestLog.filter((q) => q.apiId === 'kt10000' || q.apiId === 'kt10001');
    expect(placeRequests).toHaveLength(orders.length);
  });

  // Issue 7: a quote outage longer than a place job's old retry budget (5 attempts, 1 s backoff: about 15 s) failed
  // the rounds for good and the runner waited silently for ever. Now the rounds wait, the runner says why, and the
  // plan finishes once the broker answers again.
  test('a quote endpoint failing for 30 s mid-phase: the runner says it waits, then finishes the plan', {
    timeout: 120_000,
  }, async () => {
    bench = await startBench(account);
    const b = bench;
    let outageAt: number | undefined;
    // The outage starts the moment the first sell order reaches the exchange, before any later round can fetch its
    // quote (triggering it from the runner's printed line raced the next round on a loaded machine).
    const exchange = b.paper.exchange;
    const record = exchange.recordRequest.bind(exchange);
    exchange.recordRequest = (entry) => {
      record(entry);
      if (outageAt === undefined && entry.apiId === 'kt10001') {
        outageAt = Date.now();
        b.paper.faults.outage({ apiId: 'ka10001', forMs: 30_000 });
      }
    };
    const r = await run(['--settings', settingsFile], b);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(outageAt).toBeDefined();
    expect(r.out).toContain('Waiting: the broker has been failing since');
    expect(r.out).toMatch(/The broker answers again after \d+ s; continuing\./);
    expect(r.out).toMatch(/Plan p[\w-]+ done\./);
    // The outage was real and long: quote requests kept failing for 30 s, and the second sell round went out after.
    const refused = b.paper.requestLog.filter((q) => q.apiId === 'ka10001' && q.at >= (outageAt ?? 0));
    expect(refused.length).toBeGreaterThan(5);
    const sells = b.paper.exchange.orders().filter((o) => o.side === 'sell' && o.kind === 'new');
    expect(Math.max(...sells.map((o) => o.acceptedAt)) - (outageAt ?? 0)).toBeGreaterThanOrEqual(29_000);
    // Every leg placed exactly its planned shares, each order once.
    const planId = /Plan (p[\w-]+) done\./.exec(r.out)?.[1] ?? '';
    const stored = await new PlanStore(b.redis, b.accountId).get(planId);
    const records = await new OrderLedger(b.redis, b.accountId).listByPlan(planId);
    const owned = records.flatMap((x) => x.orderNos);
    const orders = b.paper.exchange.orders();
    expect(orders.map((o) => o.orderNo).sort()).toEqual([...owned].sort());
    for (const leg of stored?.plan.sells ?? []) {
      const sent = orders.filter((o) => o.code === leg.code && o.side === 'sell' && o.kind === 'new');
      expect([leg.code, sent.reduce((sum, o) => sum + o.qty, 0)]).toEqual([leg.code, leg.qty]);
    }
    const placeRequests = b.paper.requestLog.filter((q) => q.apiId === 'kt10000' || q.apiId === 'kt10001');
    expect(placeRequests).toHaveLength(orders.length);
  });

  test('against a broker clock 3 s behind ours, a sell whose answer was lost is placed once', async () => {
    bench = await startBench(account, {}, { orderTimeoutMs: 300 });
    const b = bench;
    // The broker lists its order times 3 s behind our clock, and the answer to the second sell is lost (the order
    // exists at the exchange). Fills are held so that order rests in the open list while it is reconciled.
    b.paper.faults.setClockOffset(-3_000);
    b.paper.exchange.holdFills(true);
    let sells = 0;
    let released = false;
    const r = await run(['--settings', settingsFile], b, {
      onLine: (line) => {
        if (/^SELL .* round \d+: \d+ sh at/.test(line) && ++sells === 1) {
          b.paper.faults.inject({ kind: 'timeoutAfterAccept', apiId: 'kt10001', times: 1, holdMs: 5_000 });
        }
        if (/^SELL .*(found|not placed)/.test(line) && !released) {
          released = true;
          b.paper.exchange.holdFills(false);
          b.paper.exchange.setPrice('005930', 71_200);
        }
      },
    });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const planId = /Plan (p[\w-]+) done\./.exec(r.out)?.[1];
    expect(planId).toBeDefined();

    // The lost order was found, not sent again: every order at the exchange belongs to exactly one record, and each
    // sell leg placed exactly its planned shares.
    const records = await new OrderLedger(b.redis, b.accountId).listByPlan(planId ?? '');
    const owned = records.flatMap((rec) => rec.orderNos);
    const orders = b.paper.exchange.orders();
    expect(new Set(owned).size).toBe(owned.length);
    expect(orders.map((o) => o.orderNo).sort()).toEqual([...owned].sort());
    const stored = await new PlanStore(b.redis, b.accountId).get(planId ?? '');
    for (const leg of stored?.plan.sells ?? []) {
      const sent = orders.filter((o) => o.code === leg.code && o.side === 'sell' && o.kind === 'new');
      expect([leg.code, sent.reduce((sum, o) => sum + o.qty, 0)]).toEqual([leg.code, leg.qty]);
    }
    expect(records.some((rec) => rec.side === 'sell' && rec.round === 2 && rec.state === 'filled')).toBe(true);
  });

  test('with BROKER=paper every run starts fresh: an interrupted run is not resumed and leaves nothing in Redis', async () => {
    const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const prefix = `test-${randomUUID()}`;
    const accountFile = join(dir, 'paper-account.json');
    await writeFile(accountFile, JSON.stringify(account));
    const env = { PAPER_ACCOUNT: accountFile, PAPER_PORT: '0' };
    const deps: RebalanceCliDeps = {
      // The real factory (so the real paper account id), with the client's limiter opened wide as in the bench.
      createBroker: (c, logger) =>
        createBroker(c, { logger, kiwoom: { rateLimits: { ordersPerSecond: 1_000, queriesPerSecond: 1_000 } } }),
      redis,
      engine: { prefix, settleMs: 500 },
      tailEveryMs: 50,
    };
    const accountOf = (out: string) => /Paper trading on account (paper-[\w-]+):/.exec(out)?.[1];
    const keysOf = async (accountId: string) => [
      ...(await redis.keys(`rb:${accountId}:*`)),
      ...(await redis.keys(`${prefix}:*${accountId}:*`)),
    ];
    try {
      // The first run is interrupted after its first order: the ledger holds an unfinished plan at that moment.
      const controller = new AbortController();
      let firstId: string | undefined;
      let activeDuringRun: string | undefined;
      const first = await run(['--settings', settingsFile], undefined, {
        env,
        signal: controller.signal,
        deps: { ...deps, signal: controller.signal },
        onLine: (line) => {
          firstId ??= accountOf(line);
          if (/\(order \d{7}\)/.test(line) && !controller.signal.aborted) {
            void new PlanStore(redis, firstId ?? '').getActive().then((p) => {
              activeDuringRun = p?.id;
              controller.abort();
            });
          }
        },
      });
      expect(first.code).toBe(1);
      expect(first.out).toContain('starts fresh from its account file on every run');
      expect(first.err).toContain('the next run starts fresh');
      expect(first.err).not.toContain('Run the same command again');
      expect(firstId).toBeDefined();
      expect(activeDuringRun).toBeDefined();
      // The exchange of that run is gone, and so is its state: nothing stale for a later run to resume.
      expect(await keysOf(firstId ?? '')).toEqual([]);

      const second = await run(['--settings', settingsFile], undefined, { env, deps });
      expect(second.err).toBe('');
      expect(second.code).toBe(0);
      const secondId = accountOf(second.out);
      expect(secondId).toBeDefined();
      expect(secondId).not.toBe(firstId);
      expect(second.out).not.toContain('Resuming');
      expect(second.out).toContain('Sells:');
      expect(second.out).toMatch(/Plan p[\w-]+ done\./);
      expect(await keysOf(secondId ?? '')).toEqual([]);
    } finally {
      await deleteKeysWithPrefix(redis, `${prefix}:`);
      await redis.quit();
    }
  });
});
