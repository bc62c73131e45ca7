import { z } from 'zod';
import { settingsSchema } from './settingsSchema.ts';

/** A KST clock time `HH:MM` (00:00 to 23:59). */
export const clockTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be a time HH:MM from 00:00 to 23:59' });

/**
 * Everything the owner sets for one account (product.md "Settings"), as stored per account in Redis: the rebalancing
 * settings (settingsSchema), the phase start times (KST, trading days) with an optional time for a pushed preview,
 * and the order type. Unknown fields are errors.
 */
export const accountSettingsSchema = z.strictObject({
  rebalance: settingsSchema,
  times: z.strictObject({
    sell: clockTimeSchema,
    buy: clockTimeSchema,
    preview: clockTimeSchema.optional(),
  }),
  orderType: z.enum(['limit', 'market']),
});

/** Validated account settings. */
export type AccountSettings = z.output<typeof accountSettingsSchema>;
