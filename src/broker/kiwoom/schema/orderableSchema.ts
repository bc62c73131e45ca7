import { z } from 'zod';
import { wireNumber } from './wireFields.ts';

/**
 * kt00010 orderable amount (주문인출가능금액): `ord_alowa` (orderable cash) and `profa_100ord_alowq` (shares that
 * cash buys at the asked price under 100% margin, a cash account's rate) are what we use; amounts come zero-padded
 * to 12 characters, quantities to 10.
 * @see docs/KIWOOM_PROTOCOL.md "kt00010"
 */
export const orderableSchema = z.looseObject({
  ord_alowa: wireNumber,
  profa_100ord_alowq: wireNumber,
  profa_100ord_alow_amt: wireNumber.optional(),
});

/** Parsed `orderableSchema` (numbers still wire strings). */
export type OrderableResponse = z.infer<typeof orderableSchema>;
