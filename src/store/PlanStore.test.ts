import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openTestRedis } from '../../test/kit/openTestRedis.ts';
import { testAccountId } from '../../test/kit/testAccountId.ts';
import type { Plan } from '../domain/types.ts';
import { PlanStateError } from './errors/PlanStateError.ts';
import { canonicalJson, PlanStore } from './PlanStore.ts';

let acct: string;
let env: ReturnType<typeof openTestRedis>;
let now = 1_000_000;
let store: PlanStore;

beforeEach(() => {
  acct = testAccountId();
  env = openTestRedis(acct);
  now = 1_000_000;
  store = new PlanStore(env.redis, acct, () => now);
});
afterEach(async () => env.cleanup());

const leg = {
  code: '005930',
  name: '삼성전자',
  price: 71_200,
  qty: 10,
  rounds: [5, 5],
  heldQty: 40,
  targetValue: 2_136_000,
  targetPct: 30,
};
const plan: Plan = {
  sells: [leg],
  buys: [{ ...leg, code: '000660', name: 'SK하이닉스', price: 198_500 }],
  excluded: [],
  projected: { weights: { '005930': 30 }, cash: 100_000 },
  totalValue: 7_120_000,
  estimatedCosts: 1_000,
};

describe('PlanStore', () => {
  test('stores a plan under an id with a content hash that ignores key order', async () => {
    const saved = await store.save(plan, { orderType: 'limit' });
    expect(saved.status).toBe('pending');
    expect(saved.id).toMatch(/^p\d{8}-\d{6}-[0-9a-f]{6}$/);
    const reordered = JSON.parse(canonicalJson(plan)) as Plan;
    const again = await store.save(reordered, { orderType: 'limit' });
    expect(again.hash).toBe(saved.hash);
    expect((await store.get(saved.id))?.plan).toEqual(plan);
    const other = await store.save({ ...plan, totalValue: 1 });
    expect(other.hash).not.toBe(saved.hash);
  });

  test('approves only with the matching hash, before expiry, when no other plan is active', async () => {
    const a = await store.save(plan, { approvalTtlMs: 60_000 });
    const b = await store.save(plan, { approvalTtlMs: 60_000 });
    expect(await store.approve(a.id, 'f'.repeat(64))).toEqual({ ok: false, reason: 'hash-mismatch' });
    expect((await store.approve(a.id, a.hash)).ok).toBe(true);
    expect((await store.getActive())?.id).toBe(a.id);
    expect(await store.approve(b.id, b.hash)).toEqual({ ok: false, reason: 'other-active', detail: a.id });
    expect(await store.approve(a.id, a.hash)).toEqual({ ok: false, reason: 'not-pending', detail: 'active' });
    await store.setStatus(a.id, 'done', ['active']);
    expect(await store.getActive()).toBeUndefined();
    now += 60_001;
    expect(await store.approve(b.id, b.hash)).toEqual({ ok: false, reason: 'expired' });
  });

  test('refuses a status change from an unexpected status', async () => {
    const a = await store.save(plan);
    await expect(store.setStatus(a.id, 'halted', ['active'])).rejects.toThrow(PlanStateError);
    expect((await store.get(a.id))?.status).toBe('pending');
  });

  test('a phase moves on exactly once when two callers race', async () => {
    const a = await store.save(plan);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => store.casPhase(a.id, 'buy', 'pending', 'running')),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await store.getPhase(a.id, 'buy')).toBe('running');
    expect(await store.getPhase(a.id, 'sell')).toBe('pending');
  });

  test('replaces the buy legs while the phase waits, not once it runs; the approved hash stays', async () => {
    const a = await store.save(plan);
    const resized = [{ ...leg, code: '000660', qty: 4, rounds: [2, 2] }];
    await store.replaceLegs(a.id, 'buy', resized);
    const got = await store.get(a.id);
    expect(got?.plan.buys).toEqual(resized);
    expect(got?.hash).toBe(a.hash);
    await store.casPhase(a.id, 'buy', 'pending', 'running');
    await expect(store.replaceLegs(a.id, 'buy', resized)).rejects.toThrow(PlanStateError);
  });

  test('a running phase keeps the legs it started with: a start that loses or a late re-size changes nothing', async () => {
    const a = await store.save(plan);
    const started = [{ ...leg, code: '000660', qty: 4, rounds: [2, 2] }];
    const late = [{ ...leg, code: '000660', qty: 1, rounds: [1, 0] }];
    expect(await store.casPhase(a.id, 'buy', 'pending', 'waiting')).toBe(true);
    expect(await store.casPhase(a.id, 'buy', 'waiting', 'running', started)).toBe(true);
    expect(await store.casPhase(a.id, 'buy', 'waiting', 'running', late)).toBe(false);
    await expect(store.replaceLegs(a.id, 'buy', late)).rejects.toThrow(PlanStateError);
    await expect(store.casPhase(a.id, 'buy', 'running', 'done', late)).rejects.toThrow(RangeError);
    expect(await store.getLegs(a.id, 'buy')).toEqual(started);
    expect(await store.getLegs(a.id, 'sell')).toEqual(plan.sells);
  });

  test('a re-size that checked the phase just before the start cannot land after it', async () => {
    const a = await store.save(plan);
    const started = [{ ...leg, code: '000660', qty: 4, rounds: [2, 2] }];
    const late = [{ ...leg, code: '000660', qty: 1, rounds: [1, 0] }];
    await store.casPhase(a.id, 'buy', 'pending', 'waiting');
    // The re-sizes are sent first: checked apart from their write, they would see `waiting` and write after the start.
    const resizes = Array.from({ length: 4 }, () => store.replaceLegs(a.id, 'buy', late).catch(() => undefined));
    const [won] = await Promise.all([store.casPhase(a.id, 'buy', 'waiting', 'running', started), ...resizes]);
    expect(won).toBe(true);
    expect(await store.getLegs(a.id, 'buy')).toEqual(started);
  });

  test('refuses legs whose rounds do not add up, and a plan id that cannot be a key', async () => {
    const a = await store.save(plan);
    await expect(store.replaceLegs(a.id, 'buy', [{ ...leg, qty: 5, rounds: [2, 2] }])).rejects.toThrow(RangeError);
    await expect(store.save(plan, { id: 'bad:id' })).rejects.toThrow();
  });
});
