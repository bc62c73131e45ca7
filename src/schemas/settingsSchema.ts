import { z } from 'zod';
import { MAX_SPLIT } from '../domain/validatePlanInput.ts';
import { stockCodeSchema } from './stockCodeSchema.ts';

const percent = z.number({ error: 'must be a number' }).min(0, { error: 'must be 0 or more' }).max(100, {
  error: 'must be 100 or less',
});
const split = z
  .number({ error: 'must be a number' })
  .int({ error: 'must be a whole number of rounds' })
  .min(1, { error: 'must be at least 1' })
  .max(MAX_SPLIT, { error: `must be at most ${MAX_SPLIT}` });

/**
 * Rebalancing settings (domain RebalanceSettings), as the plan input's `settings` object and the rebalance CLI's
 * settings file hold them:
 * `{ "weights": {"005930": 30}, "excluded": [], "added": ["373220"], "cashPct": 0, "sellSplit": 10, "buySplit": 10,
 *    "sellEnabled": true, "buyEnabled": true, "driftBandPp": 1, "minTradeValue": 100000 }`.
 * Unknown fields are errors. weights, excluded, added, cashPct, driftBandPp (a member within target ± this many
 * percentage points is left alone) and minTradeValue (no leg worth less, in won) may be left out (none, none,
 * none, 0, 0, 0: no band, no minimum); the splits
 * and the two switches must be given, since they decide whether and how orders go out. Explicit weights plus
 * cashPct over 100 is an error: the planner never normalises.
 */
export const settingsSchema = z
  .strictObject({
    weights: z.record(stockCodeSchema, percent).default({}),
    excluded: z.array(stockCodeSchema).default([]),
    added: z.array(stockCodeSchema).default([]),
    cashPct: percent.default(0),
    sellSplit: split,
    buySplit: split,
    sellEnabled: z.boolean({ error: 'must be true or false' }),
    buyEnabled: z.boolean({ error: 'must be true or false' }),
    driftBandPp: percent.default(0),
    minTradeValue: z
      .number({ error: 'must be a number' })
      .int({ error: 'must be a whole number of won' })
      .min(0, { error: 'must be 0 or more' })
      .max(Number.MAX_SAFE_INTEGER, { error: 'is too large' })
      .default(0),
  })
  .superRefine((s, ctx) => {
    const explicit = Object.values(s.weights).reduce((sum, w) => sum + w, 0);
    // Same float slack as the planner: 0.2 + 83.9 + 15.9 is 100.00000000000001 in binary.
    if (explicit + s.cashPct > 100 + 1e-9) {
      ctx.addIssue({
        code: 'custom',
        path: ['weights'],
        message: `weights (${round(explicit)}%) plus cashPct (${round(s.cashPct)}%) add up to ${round(explicit + s.cashPct)}%, more than 100%`,
      });
    }
  });

/** Validated settings. */
export type SettingsInput = z.output<typeof settingsSchema>;

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
