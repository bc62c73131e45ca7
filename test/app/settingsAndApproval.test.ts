import { describe, expect, test } from 'vitest';
import { approvePlan, cancelPlan } from '../../src/app/approvePlan.ts';
import { ApprovalRefusedError } from '../../src/app/errors/ApprovalRefusedError.ts';
import { SettingsRefusedError } from '../../src/app/errors/SettingsRefusedError.ts';
import { expireMissedApproval } from '../../src/app/expireMissedApproval.ts';
import type { AccountSession } from '../../src/app/openAccount.ts';
import { proposePlan } from '../../src/app/proposePlan.ts';
import { AccountSettingsService, allocatedPct, defaultSettings } from '../../src/app/settings.ts';
import { loadConfig } from '../../src/config/config.ts';
import { type Bench, startBench } from '../kit/Bench.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';

const account = {
  deposit: 1_000_000,
  positions: [
    { code: '005930', name: '삼성전자', qty: 100, price: 71_200 },
    { code: '000660', name: 'SK하이닉스', qty: 10, price: 198_500 },
  ],
  quotes: [{ code: '373220', name: 'LG에너지솔루션', price: 380_000 }],
};

let bench: Bench | undefined;
closeAfterEach(() => bench);

async function setUp(): Promise<{ session: AccountSession; settings: AccountSettingsService }> {
  bench = await startBench(account);
  const engine = bench.engine();
  const config = { ...loadConfig(['broker', 'redis'], {}), ...bench.config };
  const session: AccountSession = {
    accountId: bench.accountId,
    mode: 'paper',
    broker: bench.broker,
    handle: { broker: bench.broker, accountId: bench.accountId, kind: 'kiwoom', close: async () => {} },
    redis: bench.redis,
    engine,
    fees: { commissionPpm: 150, sellTaxPpm: 2000 },
    config,
    close: async () => ({ engineStopped: true }),
  };
  return { session, settings: new AccountSettingsService(bench.redis, bench.accountId) };
}

describe('account settings', () => {
  test('start from the defaults, change with before and after, and survive a new service (restart)', async () => {
    const { session, settings } = await setUp();
    expect(await settings.get()).toEqual({ settings: defaultSettings(), rev: 0 });
    const r = await settings.change({ kind: 'weights', set: { '005930': 30, '000660': 20 }, remove: [] });
    expect(r.changed).toBe(true);
    expect(r.before.rebalance.weights).toEqual({});
    expect(r.after.rebalance.weights).toEqual({ '000660': 20, '005930': 30 });
    const again = new AccountSettingsService(session.redis, session.accountId);
    expect((await again.get()).settings.rebalance.weights).toEqual({ '000660': 20, '005930': 30 });
    const off = await again.change({ kind: 'weights', set: {}, remove: ['005930'] });
    expect(off.after.rebalance.weights).toEqual({ '000660': 20 });
    expect(off.rev).toBe(2);
  });

  test('a change that would make the weights 120% is refused and changes nothing', async () => {
    const { settings } = await setUp();
    const before = await settings.get();
    const err = await settings
      .change({ kind: 'weights', set: { '005930': 70, '000660': 50 }, remove: [] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SettingsRefusedError);
    expect(allocatedPct((err as SettingsRefusedError).attempted as never)).toBe(120);
    expect(await settings.get()).toEqual(before);
  });

  test('two changes at once both land (compare-and-set on the revision)', async () => {
    const { settings } = await setUp();
    await Promise.all([
      settings.change({ kind: 'exclude', codes: ['005930'] }),
      settings.change({ kind: 'add', codes: ['373220'] }),
      settings.change({ kind: 'split', sell: 3 }),
    ]);
    const { settings: s, rev } = await settings.get();
    expect(s.rebalance.excluded).toEqual(['005930']);
    expect(s.rebalance.added).toEqual(['373220']);
    expect(s.rebalance.sellSplit).toBe(3);
    expect(rev).toBe(3);
  });
});

describe('approval of a previewed plan', () => {
  const refusal = async (p: Promise<unknown>) => {
    const err = await p.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApprovalRefusedError);
    return (err as ApprovalRefusedError).reason;
  };

  test('is accepted once; a second press is refused', async () => {
    const { session, settings } = await setUp();
    await settings.change({ kind: 'weights', set: { '005930': 50, '000660': 40 }, remove: [] });
    const proposed = await proposePlan(session, settings);
    const approved = await approvePlan(session, settings, proposed.id, proposed.hash.slice(0, 12));
    expect(approved.id).toBe(proposed.id);
    expect((await session.engine.orders.plans.getActive())?.id).toBe(proposed.id);
    expect(await refusal(approvePlan(session, settings, proposed.id, proposed.hash.slice(0, 12)))).toBe('not-pending');
  });

  test('a forged hash, a superseded preview, a settings change, an expired plan are each refused', async () => {
    const { session, settings } = await setUp();
    const first = await proposePlan(session, settings);
    expect(await refusal(approvePlan(session, settings, first.id, 'deadbeefdead'))).toBe('hash-mismatch');
    expect(await refusal(approvePlan(session, settings, 'p-nope', first.hash.slice(0, 12)))).toBe('missing');
    const second = await proposePlan(session, settings);
    expect(await refusal(approvePlan(session, settings, first.id, first.hash.slice(0, 12)))).toBe('superseded');
    await settings.change({ kind: 'cash', pct: 3 });
    expect(await refusal(approvePlan(session, settings, second.id, second.hash.slice(0, 12)))).toBe('settings-changed');
    const third = await proposePlan(session, settings, { approvalTtlMs: 1 });
    expect(
      await refusal(approvePlan(session, settings, third.id, third.hash.slice(0, 12), third.createdAt + 1_000)),
    ).toBe('expired');
    expect(await session.engine.orders.plans.getActive()).toBeUndefined();
  });

  test('a cancelled preview cannot be approved', async () => {
    const { session, settings } = await setUp();
    const p = await proposePlan(session, settings);
    expect(await cancelPlan(session, p.id)).toBe(true);
    expect(await cancelPlan(session, p.id)).toBe(false);
    expect(await refusal(approvePlan(session, settings, p.id, p.hash.slice(0, 12)))).toBe('not-pending');
  });
});

describe('an approval whose session passed without starting', () => {
  const kst = (iso: string) => Date.parse(`${iso}+09:00`);

  test('expires after the close of its day, and not before; a started plan never expires', async () => {
    const { session, settings } = await setUp();
    const approvedAt = kst('2026-03-04T08:00:00'); // a Wednesday, sell time 09:10 ahead
    const p = await proposePlan(session, settings);
    await approvePlan(session, settings, p.id, p.hash.slice(0, 12), p.createdAt);
    await session.redis.hset(`rb:${session.accountId}:plan:${p.id}`, 'approvedAt', String(approvedAt));
    expect(await expireMissedApproval(session, settings, kst('2026-03-04T15:00:00'))).toBeUndefined();
    expect((await session.engine.orders.plans.getActive())?.id).toBe(p.id);
    expect(await expireMissedApproval(session, settings, kst('2026-03-04T17:00:00'))).toEqual({
      planId: p.id,
      date: '2026-03-04',
    });
    expect(await session.engine.orders.plans.getActive()).toBeUndefined();
    expect((await session.engine.orders.plans.get(p.id))?.status).toBe('cancelled');

    const q = await proposePlan(session, settings);
    await approvePlan(session, settings, q.id, q.hash.slice(0, 12), q.createdAt);
    await session.redis.hset(`rb:${session.accountId}:plan:${q.id}`, 'approvedAt', String(approvedAt));
    await session.engine.orders.plans.casPhase(q.id, 'sell', 'pending', 'running');
    expect(await expireMissedApproval(session, settings, kst('2026-03-05T17:00:00'))).toBeUndefined();
    expect((await session.engine.orders.plans.getActive())?.id).toBe(q.id);
  });
});
