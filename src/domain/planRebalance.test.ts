import { describe, expect, test } from 'vitest';
import { evaluateQuantities } from './evaluateQuantities.ts';
import { DEFAULT_FEE_RATES } from './fees.ts';
import { floorQuantities } from './floorQuantities.ts';
import { InvalidPlanInputError } from './InvalidPlanInputError.ts';
import { legCosts } from './legCosts.ts';
import { MissingQuoteError } from './MissingQuoteError.ts';
import { PlanError } from './PlanError.ts';
import type { PlanInput } from './PlanInput.ts';
import { planRebalance } from './planRebalance.ts';
import { makeQuantityProblem } from './QuantityProblem.ts';
import { resolvePlanUniverse } from './resolvePlanUniverse.ts';
import { splitRounds } from './splitRounds.ts';
import type { FeeRates, Plan, Position, PriceQuote, RebalanceSettings } from './types.ts';
import { UnknownWeightCodeError } from './UnknownWeightCodeError.ts';
import { WeightsOverflowError } from './WeightsOverflowError.ts';

const NO_FEES: FeeRates = { commissionPpm: 0, sellTaxPpm: 0 };

function settings(over: Partial<RebalanceSettings> = {}): RebalanceSettings {
  return {
    weights: {},
    excluded: [],
    added: [],
    cashPct: 0,
    sellSplit: 1,
    buySplit: 1,
    sellEnabled: true,
    buyEnabled: true,
    ...over,
  };
}

function pos(code: string, qty: number, price: number, sellableQty?: number): Position {
  return { code, name: `종목${code}`, qty, price, ...(sellableQty === undefined ? {} : { sellableQty }) };
}

function quote(code: string, price: number): PriceQuote {
  return { code, name: `신규${code}`, price };
}

function input(
  deposit: number,
  positions: Position[],
  over: Partial<RebalanceSettings> = {},
  extra: { quotes?: PriceQuote[]; fees?: FeeRates } = {},
): PlanInput {
  return {
    account: { deposit, positions },
    quotes: extra.quotes ?? [],
    settings: settings(over),
    fees: extra.fees ?? NO_FEES,
  };
}

/** Shares each code holds after the plan. */
function postQty(inp: PlanInput, plan: Plan): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of inp.account.positions) out[p.code] = p.qty;
  for (const l of plan.sells) out[l.code] = (out[l.code] ?? 0) - l.qty;
  for (const l of plan.buys) out[l.code] = (out[l.code] ?? 0) + l.qty;
  return out;
}

const legCodes = (plan: Plan): string[] => [...plan.sells, ...plan.buys].map((l) => l.code);

describe('planRebalance: totals and targets', () => {
  test('brings two holdings to equal weights of holdings plus deposit', () => {
    const inp = input(0, [pos('000010', 30, 10_000), pos('000020', 10, 10_000)]);
    const plan = planRebalance(inp);
    expect(plan.totalValue).toBe(400_000);
    expect(plan.sells.map((l) => [l.code, l.qty])).toEqual([['000010', 10]]);
    expect(plan.buys.map((l) => [l.code, l.qty])).toEqual([['000020', 10]]);
    expect(plan.projected.weights).toEqual({ '000010': 50, '000020': 50 });
    expect(plan.projected.cash).toBe(0);
  });

  test('counts the deposit in the total the weights apply to', () => {
    const inp = input(200_000, [pos('000010', 20, 10_000)]);
    const plan = planRebalance(inp);
    expect(plan.totalValue).toBe(400_000);
    // One holding at 100%: the deposit is invested.
    expect(plan.buys.map((l) => [l.code, l.qty])).toEqual([['000010', 20]]);
  });

  test('fills PlanLeg.heldQty, targetValue and targetPct', () => {
    const plan = planRebalance(
      input(0, [pos('000010', 30, 10_000), pos('000020', 10, 10_000)], { weights: { '000010': 25 } }),
    );
    expect(plan.sells[0]).toMatchObject({ code: '000010', heldQty: 30, targetValue: 100_000, targetPct: 25 });
    expect(plan.buys[0]).toMatchObject({ code: '000020', heldQty: 10, targetValue: 300_000, targetPct: 75 });
  });

  test('keeps explicit weights fixed and shares what is left equally among the rest', () => {
    const codes = ['000010', '000020', '000030'];
    const inp = input(
      1_000_000,
      [],
      { added: codes, weights: { '000010': 50 }, cashPct: 10 },
      { quotes: codes.map((c) => quote(c, 1_000)) },
    );
    const plan = planRebalance(inp);
    expect(postQty(inp, plan)).toEqual({ '000010': 500, '000020': 200, '000030': 200 });
    expect(plan.buys.map((l) => l.targetPct).sort()).toEqual([20, 20, 50]);
    expect(plan.projected.cash).toBe(100_000);
  });

  test('leaves unallocated weight in cash when every code has an explicit weight', () => {
    const inp = input(0, [pos('000010', 50, 10_000), pos('000020', 50, 10_000)], {
      weights: { '000010': 30, '000020': 30 },
    });
    const plan = planRebalance(inp);
    expect(postQty(inp, plan)).toEqual({ '000010': 30, '000020': 30 });
    expect(plan.projected.cash).toBe(400_000);
  });

  test('sells everything of a code whose weight is 0', () => {
    const inp = input(0, [pos('000010', 7, 10_000), pos('000020', 10, 10_000)], { weights: { '000010': 0 } });
    const plan = planRebalance(inp);
    expect(plan.sells.map((l) => [l.code, l.qty])).toEqual([['000010', 7]]);
    expect(postQty(inp, plan)['000010']).toBe(0);
  });

  test('plans nothing for an empty account', () => {
    const plan = planRebalance(input(0, []));
    expect(plan).toEqual({
      sells: [],
      buys: [],
      excluded: [],
      projected: { weights: {}, cash: 0 },
      totalValue: 0,
      estimatedCosts: 0,
      tracking: { before: 0, after: 0, withoutBand: 0, lowerBound: 0, optimal: true },
      estimatedFees: { commission: 0, tax: 0 },
      droppedLegs: { band: 0, minimum: 0 },
    });
  });
});

describe('planRebalance: excluded and untradable holdings', () => {
  test('never trades an excluded code, reports it and leaves it out of the total', () => {
    const inp = input(0, [pos('000010', 30, 10_000), pos('000020', 10, 10_000), pos('000030', 100, 10_000)], {
      excluded: ['000030'],
    });
    const plan = planRebalance(inp);
    expect(plan.totalValue).toBe(400_000);
    expect(legCodes(plan)).not.toContain('000030');
    expect(plan.projected.weights).not.toHaveProperty('000030');
    expect(plan.excluded).toEqual([
      { code: '000030', name: '종목000030', qty: 100, price: 10_000, value: 1_000_000, reason: 'excluded' },
    ]);
  });

  test('leaves a held but untradable position (sellableQty 0) out cleanly, even with a weight', () => {
    const inp = input(0, [pos('000010', 30, 10_000), pos('000020', 10, 10_000), pos('000030', 5, 10_000, 0)], {
      weights: { '000030': 50 },
    });
    const plan = planRebalance(inp);
    expect(plan.totalValue).toBe(400_000);
    expect(legCodes(plan)).not.toContain('000030');
    expect(plan.excluded).toEqual([
      { code: '000030', name: '종목000030', qty: 5, price: 10_000, value: 50_000, reason: 'not-tradable' },
    ]);
    expect(plan.projected.weights).toEqual({ '000010': 50, '000020': 50 });
  });

  test('never sells more than the sellable shares of a partly blocked position', () => {
    const inp = input(0, [pos('000010', 30, 10_000, 4), pos('000020', 10, 10_000)]);
    const plan = planRebalance(inp);
    expect(plan.sells.map((l) => [l.code, l.qty])).toEqual([['000010', 4]]);
    expect(plan.buys.map((l) => [l.code, l.qty])).toEqual([['000020', 4]]);
  });

  test('ignores a position of 0 shares', () => {
    const plan = planRebalance(input(100_000, [pos('000010', 0, 10_000), pos('000020', 10, 10_000)]));
    expect(plan.projected.weights).toEqual({ '000020': 100 });
  });
});

describe('planRebalance: added codes', () => {
  test('buys an added code, with its name and price from the quotes', () => {
    const inp = input(0, [pos('000010', 20, 10_000)], { added: ['000020'] }, { quotes: [quote('000020', 5_000)] });
    const plan = planRebalance(inp);
    expect(plan.buys).toEqual([
      {
        code: '000020',
        name: '신규000020',
        price: 5_000,
        qty: 20,
        rounds: [20],
        heldQty: 0,
        targetValue: 100_000,
        targetPct: 50,
      },
    ]);
  });

  test('refuses an added code without a quote', () => {
    expect(() => planRebalance(input(0, [pos('000010', 20, 10_000)], { added: ['000020'] }))).toThrow(
      MissingQuoteError,
    );
  });

  test('treats an added code that is already held as an ordinary holding', () => {
    const inp = input(
      0,
      [pos('000010', 30, 10_000), pos('000020', 10, 10_000)],
      { added: ['000020'] },
      { quotes: [quote('000020', 99)] },
    );
    const plan = planRebalance(inp);
    expect(plan.buys).toHaveLength(1);
    expect(plan.buys[0]).toMatchObject({ code: '000020', price: 10_000, qty: 10, heldQty: 10 });
  });

  test('does not buy an added code that is also excluded', () => {
    const inp = input(
      100_000,
      [pos('000010', 10, 10_000)],
      { added: ['000020'], excluded: ['000020'] },
      { quotes: [quote('000020', 1_000)] },
    );
    const plan = planRebalance(inp);
    expect(legCodes(plan)).not.toContain('000020');
    expect(plan.projected.weights).toEqual({ '000010': 100 });
  });
});

describe('planRebalance: cash and sides', () => {
  test('sizes buys to deposit + sale proceeds after commission and tax, never more', () => {
    const inp = input(0, [pos('000010', 30, 10_000), pos('000020', 10, 10_000)], {}, { fees: DEFAULT_FEE_RATES });
    const plan = planRebalance(inp);
    const sell = plan.sells[0];
    const buy = plan.buys[0];
    if (sell === undefined || buy === undefined) throw new Error('expected a sell and a buy');
    const proceeds = sell.qty * 10_000 - legCosts('sell', 10_000, sell.qty, 1, DEFAULT_FEE_RATES);
    const cost = (qty: number) => qty * 10_000 + legCosts('buy', 10_000, qty, 1, DEFAULT_FEE_RATES);
    expect(cost(buy.qty)).toBeLessThanOrEqual(proceeds);
    expect(cost(buy.qty + 1)).toBeGreaterThan(proceeds);
    expect(plan.projected.cash).toBe(proceeds - cost(buy.qty));
    expect(plan.estimatedCosts).toBe(
      legCosts('sell', 10_000, sell.qty, 1, DEFAULT_FEE_RATES) + legCosts('buy', 10_000, buy.qty, 1, DEFAULT_FEE_RATES),
    );
  });

  test('counts buy commission: a deposit of exactly ten shares buys nine', () => {
    const inp = input(
      100_000,
      [pos('000010', 10, 10_000)],
      { added: ['000020'], sellEnabled: false },
      {
        quotes: [quote('000020', 10_000)],
        fees: DEFAULT_FEE_RATES,
      },
    );
    const plan = planRebalance(inp);
    // Ten would cost 100,015 won with commission.
    expect(plan.buys.map((l) => [l.code, l.qty])).toEqual([['000020', 9]]);
    expect(plan.projected.cash).toBe(100_000 - 90_000 - 14);
  });

  test('keeps the cash target out of the buys', () => {
    const inp = input(1_000_000, [pos('000010', 1, 1_000)], { cashPct: 10 }, { fees: DEFAULT_FEE_RATES });
    const plan = planRebalance(inp);
    const spent = plan.buys.reduce(
      (s, l) => s + l.qty * l.price + legCosts('buy', l.price, l.qty, 1, DEFAULT_FEE_RATES),
      0,
    );
    expect(1_000_000 - spent).toBeGreaterThanOrEqual(Math.ceil(1_001_000 * 0.1));
    expect(plan.projected.cash).toBe(1_000_000 - spent);
  });

  test('with sells disabled, plans no sells and buys from the deposit alone', () => {
    const inp = input(50_000, [pos('000010', 30, 10_000), pos('000020', 10, 10_000)], { sellEnabled: false });
    const plan = planRebalance(inp);
    expect(plan.sells).toEqual([]);
    expect(plan.buys.map((l) => [l.code, l.qty])).toEqual([['000020', 5]]);
    expect(plan.projected.cash).toBe(0);
  });

  test('with buys disabled, plans no buys and sells down to the targets', () => {
    const inp = input(
      0,
      [pos('000010', 30, 10_000), pos('000020', 10, 10_000)],
      { buyEnabled: false },
      {
        fees: DEFAULT_FEE_RATES,
      },
    );
    const plan = planRebalance(inp);
    expect(plan.buys).toEqual([]);
    expect(plan.sells.map((l) => [l.code, l.qty])).toEqual([['000010', 10]]);
    // 100,000 won of sales less 15 won of commission and 200 won of tax.
    expect(plan.projected.cash).toBe(99_785);
  });

  test('between two equally close plans takes the cheaper one: with no fees, selling into idle cash is a tie', () => {
    // 75/25 against 50/50 with buys disabled: selling 10 of the first moves 25 points from it to cash, where they
    // are just as far from target (cash target 0). Tracking error 25 either way, so nothing is traded.
    const inp = input(0, [pos('000010', 30, 10_000), pos('000020', 10, 10_000)], { buyEnabled: false });
    const plan = planRebalance(inp);
    expect(plan.sells).toEqual([]);
    expect(plan.tracking?.after).toBeCloseTo(25, 9);
    expect(plan.tracking?.before).toBeCloseTo(25, 9);
  });

  test('spends the change a plain floor of every leg leaves idle', () => {
    // Three added codes, a third each (333,333 won): the floors buy 1, 2 and 4 shares and leave 120,000 won idle.
    const codes = ['000010', '000020', '000030'];
    const inp = input(
      1_000_000,
      [],
      { added: codes },
      { quotes: [quote('000010', 300_000), quote('000020', 150_000), quote('000030', 70_000)] },
    );
    const plan = planRebalance(inp);
    const problem = makeQuantityProblem(resolvePlanUniverse(inp), inp, NO_FEES);
    const floor = evaluateQuantities(problem, floorQuantities(problem));
    expect(floor.cash).toBe(120_000);
    expect(plan.projected.cash).toBeLessThan(70_000);
    const ours = evaluateQuantities(
      problem,
      resolvePlanUniverse(inp).members.map((m) => postQty(inp, plan)[m.code] ?? 0),
    );
    expect(ours.trackingError).toBeLessThan(floor.trackingError);
  });

  test('rounds a sell up when the freed cash buys shares that are short', () => {
    // Total 248,000, target 124,000 each. 000010 (6 x 40,000) is 2.9 shares over: the floor sells 2 and leaves it
    // 36,000 over; selling 3 leaves it 4,000 under and the cash buys 000020 up to its target.
    const inp = input(0, [pos('000010', 6, 40_000), pos('000020', 8, 1_000)]);
    const plan = planRebalance(inp);
    expect(plan.sells.map((l) => [l.code, l.qty])).toEqual([['000010', 3]]);
    const problem = makeQuantityProblem(resolvePlanUniverse(inp), inp, NO_FEES);
    const floor = evaluateQuantities(problem, floorQuantities(problem));
    const post = postQty(inp, plan);
    const ours = evaluateQuantities(problem, [post['000010'] ?? 0, post['000020'] ?? 0]);
    expect(ours.trackingError).toBeLessThan(floor.trackingError / 5);
  });
});

describe('planRebalance: legs', () => {
  test('splits each leg into rounds with splitRounds', () => {
    const inp = input(
      0,
      [pos('000010', 60, 10_000), pos('000020', 0, 10_000)],
      { sellSplit: 7, buySplit: 4, added: ['000030'] },
      { quotes: [quote('000030', 10_000)] },
    );
    const plan = planRebalance(inp);
    expect(plan.sells[0]?.rounds).toEqual(splitRounds(30, 7));
    expect(plan.buys[0]?.rounds).toEqual(splitRounds(30, 4));
  });

  test('drops legs of 0 shares', () => {
    // Both on target already.
    const plan = planRebalance(input(0, [pos('000010', 10, 10_000), pos('000020', 10, 10_000)]));
    expect(plan.sells).toEqual([]);
    expect(plan.buys).toEqual([]);
  });

  test('orders legs by value, largest first, then by code', () => {
    const inp = input(
      0,
      [pos('000040', 20, 10_000), pos('000030', 20, 10_000), pos('000020', 40, 10_000), pos('000010', 0, 1)],
      {
        weights: { '000020': 10, '000030': 10, '000040': 10 },
        cashPct: 70,
      },
    );
    const plan = planRebalance(inp);
    expect(plan.sells.map((l) => [l.code, l.qty])).toEqual([
      ['000020', 32],
      ['000030', 12],
      ['000040', 12],
    ]);
  });

  test('gives the same plan for the same input', () => {
    const inp = input(
      123_456,
      [pos('000010', 31, 7_770), pos('000020', 9, 55_500), pos('000030', 120, 1_234)],
      {},
      { fees: DEFAULT_FEE_RATES },
    );
    expect(planRebalance(inp)).toEqual(planRebalance(inp));
  });

  test('reports projected weights of every included code and cash that add up to 100', () => {
    const inp = input(
      77_777,
      [pos('000010', 31, 7_770), pos('000020', 9, 55_500)],
      { cashPct: 3 },
      { fees: DEFAULT_FEE_RATES },
    );
    const plan = planRebalance(inp);
    const post = postQty(inp, plan);
    const total = Object.entries(post).reduce(
      (s, [c, q]) => s + q * (c === '000010' ? 7_770 : 55_500),
      plan.projected.cash,
    );
    const sum = Object.values(plan.projected.weights).reduce((a, b) => a + b, 0) + (100 * plan.projected.cash) / total;
    expect(sum).toBeCloseTo(100, 9);
    expect(Object.keys(plan.projected.weights).sort()).toEqual(['000010', '000020']);
  });
});

describe('planRebalance: the whole-share optimum', () => {
  test('the worked example of issue 10: 1.58 pp, not the 5.62 pp of selling 7 and keeping 7.8% cash', () => {
    // Deposit 2,404,844; 10 x 547,000, 1 x 511,000, 1 x 91,100; 25% on the first, cash 3%: the others get 36% each.
    const inp = input(
      2_404_844,
      [pos('373220', 10, 547_000), pos('207940', 1, 511_000), pos('005930', 1, 91_100)],
      { weights: { '373220': 25 }, cashPct: 3, sellSplit: 10, buySplit: 10 },
      { fees: DEFAULT_FEE_RATES },
    );
    const plan = planRebalance(inp);
    expect(postQty(inp, plan)).toEqual({ '373220': 4, '207940': 6, '005930': 32 });
    const problem = makeQuantityProblem(resolvePlanUniverse(inp), inp, DEFAULT_FEE_RATES);
    const te = evaluateQuantities(problem, [4, 6, 32]).trackingError;
    expect(te).toBeLessThanOrEqual(1.58);
    expect(plan.tracking?.after).toBeCloseTo(te, 12);
    expect(plan.tracking?.optimal).toBe(true);
    expect(plan.tracking?.lowerBound).toBeCloseTo(te, 12);
    // 3.5% cash, above the 3% target.
    expect(plan.projected.cash / (plan.projected.cash + 4 * 547_000 + 6 * 511_000 + 32 * 91_100)).toBeGreaterThan(0.03);
  });

  test('splits the estimated costs into commission and sales tax', () => {
    const inp = input(0, [pos('000010', 30, 10_000), pos('000020', 10, 10_000)], {}, { fees: DEFAULT_FEE_RATES });
    const plan = planRebalance(inp);
    const sold = plan.sells.reduce((s, l) => s + legCosts('sell', l.price, l.qty, 1, DEFAULT_FEE_RATES), 0);
    const bought = plan.buys.reduce((s, l) => s + legCosts('buy', l.price, l.qty, 1, DEFAULT_FEE_RATES), 0);
    const soldCommission = plan.sells.reduce((s, l) => s + legCosts('buy', l.price, l.qty, 1, DEFAULT_FEE_RATES), 0);
    expect(plan.estimatedFees).toEqual({ commission: soldCommission + bought, tax: sold - soldCommission });
    expect(plan.estimatedCosts).toBe(sold + bought);
    expect(plan.estimatedFees?.tax).toBeGreaterThan(0);
  });
});

describe('planRebalance: drift band and minimum trade value', () => {
  const near = [pos('000010', 52, 10_000), pos('000020', 48, 10_000)];

  test('with no band, trades a 2-point drift', () => {
    const plan = planRebalance(input(0, near, {}, { fees: DEFAULT_FEE_RATES }));
    expect(legCodes(plan).sort()).toEqual(['000010', '000020']);
    expect(plan.droppedLegs).toEqual({ band: 0, minimum: 0 });
    expect(plan.tracking?.withoutBand).toBe(plan.tracking?.after);
  });

  test('leaves alone every holding inside target ± band, and shows what the band leaves on the table', () => {
    const plan = planRebalance(input(0, near, { driftBandPp: 2 }, { fees: DEFAULT_FEE_RATES }));
    expect(legCodes(plan)).toEqual([]);
    expect(plan.estimatedCosts).toBe(0);
    expect(plan.droppedLegs).toEqual({ band: 2, minimum: 0 });
    expect(plan.tracking?.before).toBeCloseTo(2, 9);
    expect(plan.tracking?.after).toBeCloseTo(2, 9);
    expect(plan.tracking?.withoutBand).toBeLessThan(1.5);
  });

  test('trades a holding just outside its band, and the others only as far as the cash allows', () => {
    // 53% against 50% is outside a 2-point band; 47% is outside too: both legs stay.
    const plan = planRebalance(
      input(0, [pos('000010', 53, 10_000), pos('000020', 47, 10_000)], { driftBandPp: 2 }, { fees: DEFAULT_FEE_RATES }),
    );
    expect(legCodes(plan).sort()).toEqual(['000010', '000020']);
    // A band of 3 points holds 53/47 exactly on its edge: inside, left alone.
    const edge = planRebalance(
      input(0, [pos('000010', 53, 10_000), pos('000020', 47, 10_000)], { driftBandPp: 3 }, { fees: DEFAULT_FEE_RATES }),
    );
    expect(legCodes(edge)).toEqual([]);
  });

  test('drops every leg worth less than the minimum trade value and counts them', () => {
    // 60/38/1 shares of 10,000 won against 50/48/2%: sell 10 of the first, buy 10 of the second, and one share
    // (10,000 won) of the third, which a 50,000-won minimum drops.
    const three = [pos('000010', 60, 10_000), pos('000020', 38, 10_000), pos('000030', 1, 10_000)];
    const weights = { '000010': 50, '000020': 48, '000030': 2 };
    const free = planRebalance(input(0, three, { weights }));
    expect(legCodes(free)).toContain('000030');
    const plan = planRebalance(input(0, three, { weights, minTradeValue: 50_000 }));
    expect(legCodes(plan)).not.toContain('000030');
    for (const leg of [...plan.sells, ...plan.buys]) expect(leg.qty * leg.price).toBeGreaterThanOrEqual(50_000);
    expect(plan.droppedLegs).toEqual({ band: 0, minimum: 1 });
    expect(plan.tracking?.withoutBand).toBeCloseTo(free.tracking?.after ?? Number.NaN, 12);
    expect(plan.tracking?.after).toBeGreaterThan(plan.tracking?.withoutBand ?? Number.POSITIVE_INFINITY);
  });

  test('a minimum above every possible leg plans nothing', () => {
    const plan = planRebalance(input(0, near, { minTradeValue: 10_000_000 }, { fees: DEFAULT_FEE_RATES }));
    expect(legCodes(plan)).toEqual([]);
    expect(plan.droppedLegs).toEqual({ band: 0, minimum: 2 });
  });
});

describe('planRebalance: bad input', () => {
  const two = [pos('000010', 30, 10_000), pos('000020', 10, 10_000)];

  test('refuses explicit weights plus cash target over 100, naming the sum', () => {
    const call = () => planRebalance(input(0, two, { weights: { '000010': 60, '000020': 35 }, cashPct: 10 }));
    expect(call).toThrow(WeightsOverflowError);
    expect(call).toThrow(/105%/);
  });

  test('accepts weights that add up to 100 in decimal but a hair over in binary', () => {
    // 0.2 + 83.9 + 15.9 is 100.00000000000001 in binary floating point.
    const inp = input(0, [pos('000010', 1, 1_000), pos('000020', 1, 1_000), pos('000030', 1, 1_000)], {
      weights: { '000010': 0.2, '000020': 83.9, '000030': 15.9 },
    });
    expect(0.2 + 83.9 + 15.9).toBeGreaterThan(100);
    expect(Object.keys(planRebalance(inp).projected.weights)).toHaveLength(3);
  });

  test('refuses a weight for a code neither held nor added', () => {
    expect(() => planRebalance(input(0, two, { weights: { '000099': 10 } }))).toThrow(UnknownWeightCodeError);
    expect(() => planRebalance(input(0, two, { weights: { '000099': 10 } }))).toThrow(
      /not in the account or the added list/,
    );
  });

  test('ignores the weight of an excluded code', () => {
    const plan = planRebalance(
      input(0, [...two, pos('000030', 1, 1_000)], { weights: { '000030': 90 }, excluded: ['000030'] }),
    );
    expect(plan.projected.weights).toEqual({ '000010': 50, '000020': 50 });
  });

  test('every plan error is a PlanError that is not retried', () => {
    try {
      planRebalance(input(0, two, { cashPct: 101 }));
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(PlanError);
      expect((err as PlanError).retryable).toBe(false);
    }
  });

  test.each<[string, Partial<RebalanceSettings>]>([
    ['sellSplit 0', { sellSplit: 0 }],
    ['sellSplit 101', { sellSplit: 101 }],
    ['buySplit 2.5', { buySplit: 2.5 }],
    ['buySplit NaN', { buySplit: Number.NaN }],
    ['cashPct -1', { cashPct: -1 }],
    ['cashPct 100.5', { cashPct: 100.5 }],
    ['cashPct NaN', { cashPct: Number.NaN }],
    ['a negative weight', { weights: { '000010': -1 } }],
    ['a NaN weight', { weights: { '000010': Number.NaN } }],
    ['an infinite weight', { weights: { '000010': Number.POSITIVE_INFINITY } }],
    ['a weight over 100', { weights: { '000010': 101 } }],
    ['a weight for a malformed code', { weights: { '5930': 10 } }],
    ['a malformed excluded code', { excluded: ['A005930'] }],
    ['a malformed added code', { added: ['00593'] }],
    ['driftBandPp -1', { driftBandPp: -1 }],
    ['driftBandPp 101', { driftBandPp: 101 }],
    ['driftBandPp NaN', { driftBandPp: Number.NaN }],
    ['minTradeValue -1', { minTradeValue: -1 }],
    ['minTradeValue 0.5', { minTradeValue: 0.5 }],
  ])('refuses settings with %s', (_, over) => {
    expect(() => planRebalance(input(0, two, over))).toThrow(InvalidPlanInputError);
  });

  test.each<[string, number, Position[]]>([
    ['a negative deposit', -1, two],
    ['a fractional deposit', 0.5, two],
    ['a negative quantity', 0, [pos('000010', -1, 10_000)]],
    ['a fractional quantity', 0, [pos('000010', 1.5, 10_000)]],
    ['a zero price', 0, [pos('000010', 1, 0)]],
    ['a fractional price', 0, [pos('000010', 1, 100.5)]],
    ['sellableQty over qty', 0, [pos('000010', 1, 10_000, 2)]],
    ['a code held twice', 0, [pos('000010', 1, 10_000), pos('000010', 2, 10_000)]],
    ['a malformed code', 0, [pos('5930', 1, 10_000)]],
  ])('refuses an account with %s', (_, deposit, positions) => {
    expect(() => planRebalance(input(deposit, positions))).toThrow(InvalidPlanInputError);
  });

  test('refuses a quote with a bad price', () => {
    expect(() => planRebalance(input(0, two, { added: ['000030'] }, { quotes: [quote('000030', -5)] }))).toThrow(
      InvalidPlanInputError,
    );
  });

  test('refuses fee rates out of range', () => {
    expect(() => planRebalance(input(0, two, {}, { fees: { commissionPpm: -1, sellTaxPpm: 0 } }))).toThrow(
      InvalidPlanInputError,
    );
  });
});
