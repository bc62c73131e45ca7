import fc from 'fast-check';
import { DEFAULT_FEE_RATES } from '../../src/domain/fees.ts';
import type { PlanInput } from '../../src/domain/PlanInput.ts';
import type { FeeRates } from '../../src/domain/types.ts';

/** The ranges of smallPlanInputs: what varies between the planner's exhaustive property tests. */
export interface SmallAccountRanges {
  readonly holdings: { readonly min: number; readonly max: number };
  /** Share prices in thousands of won. */
  readonly priceK: { readonly min: number; readonly max: number };
  readonly maxQty: number;
  /** fc.option frequency of a partly sellable holding (higher: rarer). */
  readonly sellableFreq: number;
  readonly maxExplicitWeight: number;
  readonly deposit: fc.Arbitrary<number>;
  readonly cashPcts: readonly number[];
  /** How many times more often a side is enabled than disabled. */
  readonly sideOnWeight: number;
}

/**
 * Small random plan inputs for exhaustive checks of the planner: a few holdings in the given ranges, random explicit
 * weights that fit under the cash target, partly sellable shares, disabled sides, splits, three fee schedules, drift
 * bands and minimum trade values.
 */
export function smallPlanInputs(r: SmallAccountRanges): fc.Arbitrary<PlanInput> {
  return fc.integer(r.holdings).chain((n) => {
    const each = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, { minLength: n, maxLength: n });
    const side = fc.oneof(
      { weight: r.sideOnWeight, arbitrary: fc.constant(true) },
      { weight: 1, arbitrary: fc.constant(false) },
    );
    return fc
      .record({
        prices: each(fc.integer(r.priceK).map((k) => k * 1_000)),
        qty: each(fc.integer({ min: 0, max: r.maxQty })),
        sellable: each(fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { freq: r.sellableFreq })),
        explicit: each(fc.option(fc.integer({ min: 0, max: r.maxExplicitWeight }), { freq: 2 })),
        deposit: r.deposit,
        cashPct: fc.constantFrom(...r.cashPcts),
        split: fc.integer({ min: 1, max: 3 }),
        sellEnabled: side,
        buyEnabled: side,
        band: fc.oneof(fc.constant(0), fc.constantFrom(0.5, 1, 2, 5)),
        minTrade: fc.oneof(fc.constant(0), fc.constantFrom(100_000, 500_000, 1_200_000)),
        fees: fc.constantFrom<FeeRates>(
          DEFAULT_FEE_RATES,
          { commissionPpm: 0, sellTaxPpm: 0 },
          { commissionPpm: 3_000, sellTaxPpm: 5_000 },
        ),
      })
      .map((x): PlanInput => {
        const codes = x.prices.map((_, i) => String(100_000 + i * 1_110));
        const weights: Record<string, number> = {};
        let room = 100 - x.cashPct;
        x.explicit.forEach((w, i) => {
          if (w !== null && w <= room && (x.qty[i] as number) > 0) {
            weights[codes[i] as string] = w;
            room -= w;
          }
        });
        return {
          account: {
            deposit: x.deposit,
            positions: x.prices.map((price, i) => {
              const qty = x.qty[i] as number;
              const s = x.sellable[i];
              return {
                code: codes[i] as string,
                name: `종목${i}`,
                qty,
                price,
                ...(s === null || s === undefined ? {} : { sellableQty: Math.floor(s * qty) }),
              };
            }),
          },
          quotes: [],
          settings: {
            weights,
            excluded: [],
            added: [],
            cashPct: x.cashPct,
            sellSplit: x.split,
            buySplit: x.split,
            sellEnabled: x.sellEnabled,
            buyEnabled: x.buyEnabled,
            driftBandPp: x.band,
            minTradeValue: x.minTrade,
          },
          fees: x.fees,
        };
      });
  });
}
