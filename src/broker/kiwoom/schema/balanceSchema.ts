import { z } from 'zod';
import { wireList, wireNumber, wireText } from './wireFields.ts';

/**
 * One holding of kt00018 `acnt_evlt_remn_indv_tot[]`; `stk_cd` is prefixed (`A005930`).
 * @see shared/reference/kiwoom-rest.md "Account queries"
 */
export const holdingRowSchema = z.looseObject({
  stk_cd: wireText,
  stk_nm: wireText,
  rmnd_qty: wireNumber,
  trde_able_qty: wireNumber,
  cur_prc: wireNumber,
  pur_pric: wireNumber,
  evlt_amt: wireNumber.optional(),
});

/** kt00018 answer page (summary fields ride along on every page; only the list is used). */
export const balanceSchema = z.looseObject({
  tot_evlt_amt: wireNumber.optional(),
  tot_pur_amt: wireNumber.optional(),
  prsm_dpst_aset_amt: wireNumber.optional(),
  acnt_evlt_remn_indv_tot: wireList(holdingRowSchema),
});

/** Parsed `holdingRowSchema` (numbers still wire strings). */
export type HoldingRow = z.infer<typeof holdingRowSchema>;
/** Parsed `balanceSchema` (numbers still wire strings). */
export type BalanceResponse = z.infer<typeof balanceSchema>;
