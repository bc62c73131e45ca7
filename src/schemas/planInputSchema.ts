import { z } from 'zod';
import { accountSchema, quotesSchema } from './accountSchema.ts';
import { settingsSchema } from './settingsSchema.ts';

/**
 * Input of `npm run plan -- --input FILE` (product.md "Interfaces"):
 * `{ "account": { "deposit", "positions": [{ code, name, qty, price }] }, "quotes": [{ code, name, price }],
 *    "settings": { ... see settingsSchema } }`. Unknown fields are errors; `quotes` may be left out.
 */
export const planInputSchema = z.strictObject({
  account: accountSchema,
  quotes: quotesSchema.default([]),
  settings: settingsSchema,
});

/** A validated plan input. */
export type PlanInputFile = z.output<typeof planInputSchema>;
