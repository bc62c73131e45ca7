import { z } from 'zod';
import { wireList, wireNumber, wireText } from './wireFields.ts';

/**
 * One row of ka10075 (미체결) `oso[]`.
 * @see shared/reference/kiwoom-rest.md "Account queries"
 */
export const unfilledRowSchema = z.looseObject({
  ord_no: wireText,
  orig_ord_no: wireText.optional(),
  stk_cd: wireText,
  stk_nm: wireText.optional(),
  ord_qty: wireNumber,
  ord_pric: wireNumber,
  oso_qty: wireNumber,
  cntr_qty: wireNumber.optional(),
  cntr_pric: wireNumber.optional(),
  io_tp_nm: wireText,
  trde_tp: wireText.optional(),
  tm: wireText.optional(),
  ord_stt: wireText.optional(),
  cur_prc: wireNumber.optional(),
});

/** ka10075 answer page. The list key must be there (an absent key is a protocol change, not "no orders"). */
export const unfilledSchema = z.looseObject({ oso: wireList(unfilledRowSchema) });

/** Parsed `unfilledRowSchema` (numbers still wire strings). */
export type UnfilledRow = z.infer<typeof unfilledRowSchema>;
/** Parsed `unfilledSchema` (numbers still wire strings). */
export type UnfilledResponse = z.infer<typeof unfilledSchema>;
