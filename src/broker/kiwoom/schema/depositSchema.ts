import { z } from 'zod';
import { wireNumber } from './wireFields.ts';

/**
 * kt00001 deposit detail: `entr` (deposit) and `ord_alow_amt` (orderable cash, no margin) are what we use.
 * @see shared/reference/kiwoom-rest.md "Account queries"
 */
export const depositSchema = z.looseObject({
  entr: wireNumber,
  ord_alow_amt: wireNumber,
  d2_entra: wireNumber.optional(),
  pymn_alow_amt: wireNumber.optional(),
});

/** Parsed `depositSchema` (numbers still wire strings). */
export type DepositResponse = z.infer<typeof depositSchema>;
