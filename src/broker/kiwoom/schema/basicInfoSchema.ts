import { z } from 'zod';
import { wireNumber, wireText } from './wireFields.ts';

/**
 * ka10001 basic info: last price (signed), today's limits and base price.
 * @see shared/reference/kiwoom-rest.md "Market data"
 */
export const basicInfoSchema = z.looseObject({
  stk_cd: wireText,
  stk_nm: wireText,
  cur_prc: wireNumber,
  upl_pric: wireNumber,
  lst_pric: wireNumber,
  base_pric: wireNumber,
});

/** Parsed `basicInfoSchema` (numbers still wire strings). */
export type BasicInfoResponse = z.infer<typeof basicInfoSchema>;
