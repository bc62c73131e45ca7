import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InvalidPlanInputError } from './InvalidPlanInputError.ts';
import { type PostTradeInput, type PostTradeReport, postTradeReport } from './postTradeReport.ts';
import { trackingError } from './trackingError.ts';
import type { ExcludedHolding, PlanLeg, Position } from './types.ts';

function leg(code: string, price: number, targetPct: number): PlanLeg {
  return { code, name: `n${code}`, price, qty: 1, rounds: [1], heldQty: 0, targetValue: 0, targetPct };
}

function pos(code: string, qty: number, price: number, sellableQty = qty): Position {
  return { code, name: `n${code}`, qty, price, sellableQty };
}

function leftOut(code: string, reason: ExcludedHolding['reason']): ExcludedHolding {
  return { code, name: `n${code}`, qty: 10, price: 100_000, value: 1_000_000, reason };
}

/** A: sold down to 50%, B: added and bought to 40%, cash target 10%. */
const basePlan: PostTradeInput['plan'] = {
  sells: [leg('000001', 1_000, 50)],
  buys: [leg('000002', 2_000, 40)],
  excluded: [],
  projected: { weights: { '000001': 50, '000002': 40 }, cash: 100_000 },
  totalValue: 1_000_000,
};
const baseSettings = { weights: { '000001': 50, '000002': 40 }, excluded: [], added: ['000002'], cashPct: 10 };

/** code -> [weightPct, targetPct] of a report, in its order. */
const rows = (r: PostTradeReport) => r.byCode.map((c) => [c.code, c.weightPct, c.targetPct]);

describe('postTradeReport', () => {
  test.each<{
    what: string;
    input: PostTradeInput;
    rows: Array<[string, number, number]>;
    cash: [number, number];
    total: number;
    te: number;
  }>([
    {
      what: 'on target: weights and cash at their targets, tracking error 0',
      input: {
        account: { orderableCash: 100_000, positions: [pos('000001', 500, 1_000), pos('000002', 200, 2_000)] },
        plan: basePlan,
        settings: baseSettings,
      },
      rows: [
        ['000001', 50, 50],
        ['000002', 40, 40],
      ],
      cash: [10, 10],
      total: 1_000_000,
      te: 0,
    },
    {
      what: 'a code 5 points over and cash 5 under: tracking error 5',
      input: {
        account: { orderableCash: 50_000, positions: [pos('000001', 550, 1_000), pos('000002', 200, 2_000)] },
        plan: basePlan,
        settings: baseSettings,
      },
      rows: [
        ['000001', 55, 50],
        ['000002', 40, 40],
      ],
      cash: [5, 10],
      total: 1_000_000,
      te: 5,
    },
    {
      what: 'an excluded holding stays out of the total and the table',
      input: {
        account: {
          orderableCash: 100_000,
          positions: [pos('000001', 500, 1_000), pos('000009', 10, 100_000), pos('000002', 200, 2_000)],
        },
        plan: { ...basePlan, excluded: [leftOut('000009', 'excluded')] },
        settings: { ...baseSettings, excluded: ['000009'] },
      },
      rows: [
        ['000001', 50, 50],
        ['000002', 40, 40],
      ],
      cash: [10, 10],
      total: 1_000_000,
      te: 0,
    },
    {
      what: 'a holding not tradable at plan time stays out even when it is tradable now',
      input: {
        account: { orderableCash: 100_000, positions: [pos('000001', 500, 1_000), pos('000009', 10, 100_000)] },
        plan: { ...basePlan, excluded: [leftOut('000009', 'not-tradable')] },
        settings: baseSettings,
      },
      rows: [
        ['000001', (100 * 500_000) / 600_000, 50],
        ['000002', 0, 40],
      ],
      cash: [(100 * 100_000) / 600_000, 10],
      total: 600_000,
      te: 40,
    },
    {
      what: 'a member sold out is listed at 0 against its target of 0',
      input: {
        account: { orderableCash: 100_000, positions: [pos('000002', 450, 2_000)] },
        plan: { ...basePlan, projected: { weights: { '000001': 0, '000002': 90 }, cash: 100_000 } },
        settings: { ...baseSettings, weights: { '000001': 0, '000002': 90 } },
      },
      rows: [
        ['000002', 90, 90],
        ['000001', 0, 0],
      ],
      cash: [10, 10],
      total: 1_000_000,
      te: 0,
    },
    {
      what: 'a buy that did not happen leaves its code at 0 and the cash over',
      input: {
        account: { orderableCash: 500_000, positions: [pos('000001', 500, 1_000)] },
        plan: basePlan,
        settings: baseSettings,
      },
      rows: [
        ['000001', 50, 50],
        ['000002', 0, 40],
      ],
      cash: [50, 10],
      total: 1_000_000,
      te: 40,
    },
    {
      what: 'members without a weight share what the weights and the cash target leave, as the planner does',
      input: {
        account: { orderableCash: 100_000, positions: [pos('000001', 600, 1_000), pos('000003', 300, 1_000)] },
        plan: {
          ...basePlan,
          buys: [],
          sells: [leg('000001', 1_000, 60)],
          projected: { weights: { '000001': 60, '000003': 30 }, cash: 100_000 },
        },
        settings: { weights: { '000001': 60 }, excluded: [], added: [], cashPct: 10 },
      },
      rows: [
        ['000001', 60, 60],
        ['000003', 30, 30],
      ],
      cash: [10, 10],
      total: 1_000_000,
      te: 0,
    },
    {
      what: 'explicit weights under 100 leave the rest as the cash target',
      input: {
        account: { orderableCash: 300_000, positions: [pos('000001', 700, 1_000)] },
        plan: { ...basePlan, buys: [], projected: { weights: { '000001': 70 }, cash: 300_000 } },
        settings: { weights: { '000001': 70 }, excluded: [], added: [], cashPct: 5 },
      },
      rows: [['000001', 70, 70]],
      cash: [30, 30],
      total: 1_000_000,
      te: 0,
    },
    {
      what: 'a member whose shares are not sellable right now still counts',
      input: {
        account: { orderableCash: 100_000, positions: [pos('000001', 500, 1_000), pos('000002', 200, 2_000, 0)] },
        plan: basePlan,
        settings: baseSettings,
      },
      rows: [
        ['000001', 50, 50],
        ['000002', 40, 40],
      ],
      cash: [10, 10],
      total: 1_000_000,
      te: 0,
    },
    {
      what: 'a holding the plan did not know is counted as the planner would, with what the targets leave',
      input: {
        account: {
          orderableCash: 100_000,
          positions: [pos('000001', 400, 1_000), pos('000002', 200, 2_000), pos('000007', 100, 1_000)],
        },
        plan: basePlan,
        settings: baseSettings,
      },
      rows: [
        ['000001', 40, 50],
        ['000002', 40, 40],
        ['000007', 10, 0],
      ],
      cash: [10, 10],
      total: 1_000_000,
      te: 10,
    },
    {
      what: 'without settings, every member traded: leg targets, and the cash target is what they leave',
      input: {
        account: { orderableCash: 100_000, positions: [pos('000001', 500, 1_000), pos('000002', 200, 2_000)] },
        plan: basePlan,
      },
      rows: [
        ['000001', 50, 50],
        ['000002', 40, 40],
      ],
      cash: [10, 10],
      total: 1_000_000,
      te: 0,
    },
    {
      what: 'without settings, an untraded member gets what the leg targets leave',
      input: {
        account: { orderableCash: 100_000, positions: [pos('000001', 600, 1_000), pos('000003', 300, 1_000)] },
        plan: {
          ...basePlan,
          buys: [],
          sells: [leg('000001', 1_000, 60)],
          projected: { weights: { '000001': 60, '000003': 30 }, cash: 100_000 },
        },
      },
      rows: [
        ['000001', 60, 60],
        ['000003', 30, 40],
      ],
      cash: [10, 0],
      total: 1_000_000,
      te: 10,
    },
    {
      what: 'an empty account has nothing to weigh: all 0',
      input: { account: { orderableCash: 0, positions: [] }, plan: basePlan, settings: baseSettings },
      rows: [
        ['000001', 0, 50],
        ['000002', 0, 40],
      ],
      cash: [0, 10],
      total: 0,
      te: 0,
    },
  ])('$what', ({ input, rows: want, cash, total, te }) => {
    const r = postTradeReport(input);
    expect(rows(r).map(([code]) => code)).toEqual(want.map(([code]) => code));
    r.byCode.forEach((c, i) => {
      const [, weight, target] = want[i] ?? ['', Number.NaN, Number.NaN];
      expect(c.weightPct).toBeCloseTo(weight, 9);
      expect(c.targetPct).toBeCloseTo(target, 9);
      expect(c.diffPct).toBeCloseTo(weight - target, 9);
    });
    expect(r.cash).toBe(input.account.orderableCash);
    expect(r.cashWeightPct).toBeCloseTo(cash[0], 9);
    expect(r.cashTargetPct).toBeCloseTo(cash[1], 9);
    expect(r.totalValue).toBe(total);
    expect(r.planTotalValue).toBe(input.plan.totalValue);
    expect(r.trackingError).toBeCloseTo(te, 9);
  });

  test('reports each code with its shares, its value in won and its name', () => {
    const r = postTradeReport({
      account: { orderableCash: 100_000, positions: [pos('000001', 500, 1_000)] },
      plan: basePlan,
      settings: baseSettings,
    });
    expect(r.byCode.map(({ code, name, qty, value }) => ({ code, name, qty, value }))).toEqual([
      { code: '000001', name: 'n000001', qty: 500, value: 500_000 },
      { code: '000002', name: 'n000002', qty: 0, value: 0 },
    ]);
  });

  test.each([
    ['fractional cash', { orderableCash: 10.5, positions: [] }, 'orderable cash'],
    ['negative cash', { orderableCash: -1, positions: [] }, 'orderable cash'],
    ['fractional shares', { orderableCash: 0, positions: [pos('000001', 1.5, 1_000)] }, 'qty'],
    ['a fractional price', { orderableCash: 0, positions: [pos('000001', 1, 999.9)] }, 'price'],
    [
      'a code listed twice',
      { orderableCash: 0, positions: [pos('000001', 1, 1_000), pos('000001', 2, 1_000)] },
      'listed twice',
    ],
  ])('refuses an account with %s, naming it', (_what, account, message) => {
    expect(() => postTradeReport({ account, plan: basePlan, settings: baseSettings })).toThrow(InvalidPlanInputError);
    expect(() => postTradeReport({ account, plan: basePlan, settings: baseSettings })).toThrow(message);
  });

  test('weights of the codes and cash add up to 100, and money adds up to the total, for any account', () => {
    const codes = ['000001', '000002', '000003', '000004', '000005'];
    const holding = fc.record({
      qty: fc.integer({ min: 0, max: 100_000 }),
      price: fc.integer({ min: 1, max: 2_000_000 }),
      sellable: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(fc.option(holding, { nil: undefined }), { minLength: codes.length, maxLength: codes.length }),
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 0, max: 30 }),
        fc.boolean(),
        (held, cash, weights, cashPct, withSettings) => {
          // Members 1-3 (weighted), 4 (free, untraded), 5 excluded.
          const plan: PostTradeInput['plan'] = {
            sells: [leg('000001', 1_000, weights[0] ?? 0)],
            buys: [leg('000002', 1_000, weights[1] ?? 0), leg('000003', 1_000, weights[2] ?? 0)],
            excluded: [leftOut('000005', 'excluded')],
            projected: { weights: { '000001': 0, '000002': 0, '000003': 0, '000004': 0 }, cash: 0 },
            totalValue: 1,
          };
          const settings = {
            weights: { '000001': weights[0] ?? 0, '000002': weights[1] ?? 0, '000003': weights[2] ?? 0 },
            excluded: ['000005'],
            added: [],
            cashPct,
          };
          const positions = codes.flatMap((code, i) => {
            const h = held[i];
            return h === undefined ? [] : [pos(code, h.qty, h.price, h.sellable ? h.qty : 0)];
          });
          const r = postTradeReport({
            account: { orderableCash: cash, positions },
            plan,
            ...(withSettings ? { settings } : {}),
          });
          const included = positions.filter((p) => p.code !== '000005');
          const total = cash + included.reduce((s, p) => s + p.qty * p.price, 0);
          expect(r.totalValue).toBe(total);
          expect(Number.isSafeInteger(r.totalValue)).toBe(true);
          expect(r.byCode.map((c) => c.code).sort()).toEqual(['000001', '000002', '000003', '000004']);
          for (const c of r.byCode) {
            expect(Number.isSafeInteger(c.value)).toBe(true);
            expect(c.diffPct).toBe(c.weightPct - c.targetPct);
          }
          const sum = r.byCode.reduce((s, c) => s + c.weightPct, r.cashWeightPct);
          if (total > 0) expect(Math.abs(sum - 100)).toBeLessThan(1e-9);
          else expect(sum).toBe(0);
          expect(r.trackingError).toBe(trackingError(r.byCode, { value: cash, targetPct: r.cashTargetPct }));
          expect(r.trackingError).toBeGreaterThanOrEqual(0);
          expect(r.trackingError).toBeLessThanOrEqual(100 + 1e-9);
        },
      ),
    );
  });
});
