import type { Side } from '../domain/types.ts';
import { padded } from './kiwoomFormat.ts';
import type { PaperReceipt } from './PaperOrderRequests.ts';
import { PaperRejection } from './PaperRejection.ts';
import { ok, type RouteContext, type RouteResult } from './RouteContext.ts';
import { type RequestBody, requiredDigits, requiredString, toDigits } from './requestFields.ts';

/**
 * Order endpoints at `/api/dostk/ordr`: kt10000 buy, kt10001 sell, kt10002 amend (정정), kt10003 cancel.
 * All values are strings. Responses carry the new `ord_no`; amend and cancel also `base_orig_ord_no` (the ROOT of
 * the amendment chain) and the quantity zero-padded to 12 digits, as in the spec's examples.
 * @see ../shared/reference/kiwoom-rest.md "Orders"
 */

/** kt10000 / kt10001: `dmst_stex_tp`, `stk_cd`, `ord_qty`, `ord_uv` (empty for market), `trde_tp` (0 limit, 3 market). */
export function placeOrderRoute(side: Side): (ctx: RouteContext) => RouteResult {
  return (ctx) => {
    const { body } = ctx;
    checkExchange(body);
    checkSession(ctx);
    const code = stockCode(body);
    const qty = requiredDigits(body, 'ord_qty');
    const tradeType = requiredString(body, 'trde_tp');
    let price: number | undefined;
    let type: 'limit' | 'market';
    if (tradeType === '0') {
      type = 'limit';
      price = requiredDigits(body, 'ord_uv');
    } else if (tradeType === '3') {
      type = 'market';
      // A market order carries no price; "" (the spec's example) or "0" are what clients send.
      const uv = body.ord_uv;
      if (uv !== undefined && uv !== null && uv !== '' && uv !== '0') {
        throw new PaperRejection('badFormat', 'ord_uv는 시장가 주문에서 비워야 합니다');
      }
    } else {
      throw new PaperRejection('unsupportedType', `trde_tp=${tradeType.slice(0, 4)}`);
    }
    const receipt = ctx.exchange.placeOrder({ side, code, qty, type, price });
    const msg = side === 'buy' ? '매수주문이 완료되었습니다.' : '매도주문이 완료되었습니다.';
    return { body: ok(msg, { ord_no: receipt.orderNo, dmst_stex_tp: 'KRX' }) };
  };
}

/** kt10002: `orig_ord_no`, `stk_cd`, `mdfy_qty` ("0" = all open), `mdfy_uv`. */
export function amendOrderRoute(ctx: RouteContext): RouteResult {
  const { body } = ctx;
  checkExchange(body);
  checkSession(ctx);
  const origOrderNo = orderNo(body);
  const code = stockCode(body);
  const qty = requiredDigits(body, 'mdfy_qty');
  const price = requiredDigits(body, 'mdfy_uv');
  const side = ctx.exchange.order(origOrderNo)?.side;
  const receipt = ctx.exchange.amendOrder({ origOrderNo, code, qty, price });
  const msg = side === 'sell' ? '매도정정 주문입력이 완료되었습니다' : '매수정정 주문입력이 완료되었습니다';
  return changeAnswer(msg, receipt, 'mdfy_qty', { dmst_stex_tp: 'KRX' });
}

/** kt10003: `orig_ord_no`, `stk_cd`, `cncl_qty` ("0" = all open). */
export function cancelOrderRoute(ctx: RouteContext): RouteResult {
  const { body } = ctx;
  checkExchange(body);
  const origOrderNo = orderNo(body);
  const code = stockCode(body);
  const qty = requiredDigits(body, 'cncl_qty');
  const side = ctx.exchange.order(origOrderNo)?.side;
  const defer = ctx.deferCancel;
  let receipt: PaperReceipt;
  if (defer === undefined) receipt = ctx.exchange.cancelOrder({ origOrderNo, code, qty });
  else {
    receipt = ctx.exchange.acceptCancelLater({ origOrderNo, code, qty }, defer.steps);
    if (defer.steps === undefined) defer.schedule(receipt.orderNo);
  }
  const msg = side === 'sell' ? '매도취소 주문입력이 완료되었습니다' : '매수취소 주문입력이 완료되었습니다';
  return changeAnswer(msg, receipt, 'cncl_qty');
}

/**
 * The answer to an amend or cancel: the new order number, the root of the amendment chain and the quantity under
 * `qtyKey` zero-padded to 12 digits, then `extra`.
 */
function changeAnswer(
  msg: string,
  receipt: PaperReceipt,
  qtyKey: 'mdfy_qty' | 'cncl_qty',
  extra: Record<string, string> = {},
): RouteResult {
  return {
    body: ok(msg, {
      ord_no: receipt.orderNo,
      base_orig_ord_no: receipt.rootOrderNo,
      [qtyKey]: padded(receipt.qty, 12),
      ...extra,
    }),
  };
}

/** The mock server trades on KRX only. @see ../shared/reference/kiwoom-rest.md "Hosts and envelope" */
function checkExchange(body: RequestBody): void {
  const exchange = requiredString(body, 'dmst_stex_tp');
  if (exchange !== 'KRX') throw new PaperRejection('wrongExchange', `dmst_stex_tp=${exchange.slice(0, 6)}`);
}

/**
 * A paper exchange keeping KRX hours refuses new orders and amendments outside the session, as the broker does
 * (cancels stay allowed: they only reduce what is open).
 * @see ../domain/orderSession.ts
 */
function checkSession(ctx: RouteContext): void {
  if (ctx.marketOpen !== undefined && !ctx.marketOpen()) throw new PaperRejection('marketClosed');
}

/** Orders take the plain six-character code; anything the exchange does not list is 1902. */
function stockCode(body: RequestBody): string {
  return requiredString(body, 'stk_cd');
}

/** Order numbers are digits; the exchange writes them with 7 digits but accepts them unpadded too. */
function orderNo(body: RequestBody): string {
  const text = requiredString(body, 'orig_ord_no');
  const n = toDigits('orig_ord_no', text);
  return String(n).padStart(7, '0');
}
