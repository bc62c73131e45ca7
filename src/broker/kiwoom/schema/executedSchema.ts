import { z } from 'zod';
import { wireList, wireNumber, wireText } from './wireFields.ts';

/**
 * One row of ka10076 (체결) `cntr[]`. Commission and tax are required: cash reconciliation depends on them.
 * @see shared/reference/kiwoom-rest.md "Account queries"
 */
export const executedRowSchema = z.looseObject({
  ord_no: wireText,
  orig_ord_no: wireText.optional(),
  stk_cd: wireText,
  stk_nm: wireText.optional(),
  io_tp_nm: wireText,
  ord_pric: wireNumber,
  ord_qty: wireNumber,
  cntr_pric: wireNumber,
  cntr_qty: wireNumber,
  oso_qty: wireNumber,
  tdy_trde_cmsn: wireNumber,
  tdy_trde_tax: wireNumber,
  ord_stt: wireText.optional(),
  ord_tm: wireText.optional(),
});

/** ka10076 answer page. */
export const executedSchema = z.looseObject({ cntr: wireList(executedRowSchema) });

/** Parsed `executedRowSchema` (numbers still wire strings). */
export type ExecutedRow = z.infer<typeof executedRowSchema>;
/** Parsed `executedSchema` (numbers still wire strings). */
export type ExecutedResponse = z.infer<typeof executedSchema>;
