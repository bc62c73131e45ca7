import { kstHHmmss } from '../domain/kstClock.ts';
import { NO_ORIG, QUERY_DONE, sideFilter, tradeTypeText } from './accountQuery.ts';
import { signedPrice } from './kiwoomFormat.ts';
import type { PaperOrder } from './PaperOrder.ts';
import { PaperRejection } from './PaperRejection.ts';
import { type Page, pageRequestOf, paginate } from './paging.ts';
import { ok, type RouteContext, type RouteResult } from './RouteContext.ts';
import { optionalString, type RequestBody, selector, toDigits } from './requestFields.ts';

/**
 * The order lists at `/api/dostk/acnt`: ka10075 unfilled and ka10076 executed orders, newest first, paged by order
 * number. Both write plain numbers (`"ord_qty": "1"`) and 6-character codes.
 * @see ../shared/reference/kiwoom-rest.md "Account queries"
 */

/** The fields both lists end a row with: the venue (KRX, no SOR) and no stop price. */
const KRX_ROW_END = { stex_tp: '1', stex_tp_txt: 'KRX', sor_yn: 'N', stop_pric: '' } as const;

/**
 * ka10075 unfilled orders (`oso[]`), newest first. Filters: `all_stk_tp` 1 + `stk_cd` one stock, `trde_tp`
 * 1 sell / 2 buy. Paged by order number.
 */
export function openOrders(ctx: RouteContext): RouteResult {
  const { body, exchange } = ctx;
  const wanted = listFilter(body, 'all_stk_tp', 'trde_tp');
  const page = newestFirst(exchange.openOrders().filter(wanted), ctx);
  const oso = page.rows.map((o) => {
    const q = exchange.quote(o.code);
    const base = q?.basePrice ?? 0;
    return {
      acnt_no: ctx.accountNo,
      ord_no: o.orderNo,
      mang_empno: '',
      stk_cd: o.code,
      tsk_tp: '',
      ord_stt: o.filledQty > 0 ? '체결' : '접수',
      stk_nm: o.name,
      ord_qty: String(o.qty),
      ord_pric: String(o.price),
      oso_qty: String(o.openQty),
      cntr_tot_amt: String(o.filledValue),
      orig_ord_no: o.origOrderNo ?? NO_ORIG,
      io_tp_nm: sideText(o),
      trde_tp: tradeTypeText(o.type),
      tm: listedTime(ctx, o.acceptedAt),
      cntr_no: '',
      cntr_pric: String(lastFillPrice(o)),
      cntr_qty: String(o.filledQty),
      cur_prc: q === undefined ? '0' : signedPrice(q.price, base),
      sel_bid: q === undefined ? '0' : signedPrice(q.bestAsk, base),
      buy_bid: q === undefined ? '0' : signedPrice(q.bestBid, base),
      unit_cntr_pric: '',
      unit_cntr_qty: '',
      tdy_trde_cmsn: String(o.commission),
      tdy_trde_tax: String(o.tax),
      ind_invsr: '',
      ...KRX_ROW_END,
    };
  });
  return { body: ok(QUERY_DONE, { oso }), headers: page.headers };
}

/**
 * ka10076 executed orders (`cntr[]`): every order with at least one fill, newest first, with its cumulative fill
 * quantity, average fill price, commission and tax. Filters: `qry_tp` 1 + `stk_cd`, `sell_tp` 1 sell / 2 buy,
 * `ord_no` (only orders older than it). Paged by order number.
 */
export function executions(ctx: RouteContext): RouteResult {
  const { body, exchange } = ctx;
  const wanted = listFilter(body, 'qry_tp', 'sell_tp');
  const beforeText = optionalString(body, 'ord_no', '');
  const before = beforeText === '' ? '' : String(toDigits('ord_no', beforeText)).padStart(7, '0');
  const rows = exchange.orders().filter((o) => o.filledQty > 0 && wanted(o) && (before === '' || o.orderNo < before));
  const page = newestFirst(rows, ctx);
  const cntr = page.rows.map((o) => ({
    ord_no: o.orderNo,
    stk_nm: o.name,
    io_tp_nm: sideText(o),
    ord_pric: String(o.price),
    ord_qty: String(o.qty),
    cntr_pric: String(Math.round(o.filledValue / o.filledQty)),
    cntr_qty: String(o.filledQty),
    oso_qty: String(o.openQty),
    tdy_trde_cmsn: String(o.commission),
    tdy_trde_tax: String(o.tax),
    ord_stt: '체결',
    trde_tp: tradeTypeText(o.type),
    orig_ord_no: o.origOrderNo ?? NO_ORIG,
    ord_tm: listedTime(ctx, o.acceptedAt),
    stk_cd: o.code,
    ...KRX_ROW_END,
  }));
  return { body: ok(QUERY_DONE, { cntr }), headers: page.headers };
}

/**
 * The stock and side a list query asks for: `stockKey` 1 with `stk_cd` one stock (0 all), `sideKey` 1 sell / 2 buy
 * (0 both). Reads (and checks) the fields in that order.
 */
function listFilter(body: RequestBody, stockKey: string, sideKey: string): (o: PaperOrder) => boolean {
  const oneStock = selector(body, stockKey, ['0', '1'], '0') === '1';
  const side = sideFilter(selector(body, sideKey, ['0', '1', '2'], '0'));
  const code = oneStock ? requiredCode(body) : undefined;
  return (o) => (code === undefined || o.code === code) && (side === undefined || o.side === side);
}

/** The page of `rows` (oldest first) the request asks for, newest first, keyed by order number. */
function newestFirst(rows: PaperOrder[], ctx: RouteContext): Page<PaperOrder> {
  return paginate(
    rows.reverse(),
    (o) => o.orderNo,
    (key, cursor) => key < cursor,
    pageRequestOf(ctx),
  );
}

/** An order's time as the list shows it: KST `HHmmss` on the exchange's (possibly shifted) clock. */
function listedTime(ctx: RouteContext, epochMs: number): string {
  return kstHHmmss(epochMs + (ctx.clockOffsetMs ?? 0));
}

/** `+매수` / `-매도` as in the spec's examples; amendments are told apart by `orig_ord_no`. */
function sideText(o: PaperOrder): string {
  return o.side === 'buy' ? '+매수' : '-매도';
}

function lastFillPrice(o: PaperOrder): number {
  return o.fills[o.fills.length - 1]?.price ?? 0;
}

function requiredCode(body: RequestBody): string {
  const code = optionalString(body, 'stk_cd', '');
  if (code === '') throw new PaperRejection('missingField', 'stk_cd');
  return code;
}
