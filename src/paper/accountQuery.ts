import type { OrderType } from '../domain/OrderType.ts';

/**
 * What the account queries at `/api/dostk/acnt` share: their success message, the original-order number of an
 * order that amends nothing, the side selector and the order-type text. Field names and encodings follow the spec's tables and examples.
 * @see ../shared/reference/kiwoom-rest.md "Account queries"
 */

/** return_msg of a successful account query (kt00007 writes its own, without the full stop). */
export const QUERY_DONE = '조회가 완료되었습니다.';

/** `orig_ord_no` of an order that is not an amendment. */
export const NO_ORIG = '0000000';

/** A side selector's value (`trde_tp` / `sell_tp`): 1 sell, 2 buy, anything else both. */
export function sideFilter(value: string): 'buy' | 'sell' | undefined {
  if (value === '1') return 'sell';
  if (value === '2') return 'buy';
  return undefined;
}

/** `trde_tp` of a listed order: `보통` for a limit order, `시장가` for a market order. */
export function tradeTypeText(type: OrderType): string {
  return type === 'limit' ? '보통' : '시장가';
}
