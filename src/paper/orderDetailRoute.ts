import type { Side } from '../domain/types.ts';
import { NO_ORIG, sideFilter, tradeTypeText } from './accountQuery.ts';
import { kstColonTime, kstYyyymmdd, padded } from './kiwoomFormat.ts';
import { PaperRejection } from './PaperRejection.ts';
import { pageRequestOf, paginate } from './paging.ts';
import { ok, type RouteContext, type RouteResult } from './RouteContext.ts';
import { optionalString, selector, toDigits } from './requestFields.ts';

/**
 * kt00007 order detail (계좌별주문체결내역상세): today's orders, one row per order number (new orders and
 * amendments; cancels as rows of their own with `mdfy_cncl` 취소). Request: `qry_tp` 1 in order / 2 reverse /
 * 3 open only / 4 with fills only, `stk_bond_tp`, `sell_tp` 0/1 sell/2 buy, `stk_cd` (empty: all), `fr_ord_no`
 * (from this number on), `ord_dt` (empty or today; another day lists nothing: the paper exchange has one day),
 * `dmst_stex_tp` `%` or KRX (NXT/SOR list nothing). Quantities and prices zero-padded to 10, codes prefixed `A`,
 * times `HH:mm:ss`. Paged by order number.
 * @see docs/KIWOOM_PROTOCOL.md "kt00007"
 */
export function orderDetail(ctx: RouteContext): RouteResult {
  const { body, exchange } = ctx;
  const query = selector(body, 'qry_tp', ['1', '2', '3', '4'], '1');
  selector(body, 'stk_bond_tp', ['0', '1', '2'], '0');
  const side = sideFilter(selector(body, 'sell_tp', ['0', '1', '2'], '0'));
  const venue = selector(body, 'dmst_stex_tp', ['%', 'KRX', 'NXT', 'SOR'], '%');
  const codeText = optionalString(body, 'stk_cd', '');
  const code = codeText.startsWith('A') ? codeText.slice(1) : codeText;
  const fromText = optionalString(body, 'fr_ord_no', '');
  const from = fromText === '' ? '' : String(toDigits('fr_ord_no', fromText)).padStart(7, '0');
  const dateText = optionalString(body, 'ord_dt', '');
  if (dateText !== '' && !/^\d{8}$/.test(dateText))
    throw new PaperRejection('badFormat', `ord_dt=${dateText.slice(0, 10)}`);
  const today = dateText === '' || dateText === kstYyyymmdd(ctx.now());
  const w = 10;
  const zero = padded(0, w);
  type Row = Record<string, string>;
  const rows: Row[] = [];
  if (today && (venue === '%' || venue === 'KRX')) {
    for (const o of exchange.orders()) {
      if (query === '3' && o.openQty === 0) continue;
      if (query === '4' && o.filledQty === 0) continue;
      rows.push({
        ord_no: o.orderNo,
        stk_cd: `A${o.code}`,
        trde_tp: tradeTypeText(o.type),
        crd_tp: '보통매매',
        ord_qty: padded(o.qty, w),
        ord_uv: padded(o.price, w),
        cnfm_qty: zero,
        acpt_tp: '접수',
        rsrv_tp: '',
        ord_tm: kstColonTime(o.acceptedAt),
        ori_ord: o.origOrderNo ?? NO_ORIG,
        stk_nm: o.name,
        io_tp_nm: cashSideText(o.side),
        loan_dt: '',
        cntr_qty: padded(o.filledQty, w),
        cntr_uv: padded(o.filledQty === 0 ? 0 : Math.round(o.filledValue / o.filledQty), w),
        ord_remnq: padded(o.openQty, w),
        comm_ord_tp: 'REST API',
        mdfy_cncl: o.kind === 'amend' ? '정정' : '',
        cnfm_tm: '',
        dmst_stex_tp: 'KRX',
        cond_uv: zero,
      });
    }
    if (query === '1' || query === '2') {
      for (const c of exchange.cancellations()) {
        const name = exchange.quote(c.code)?.name ?? '';
        rows.push({
          ord_no: c.orderNo,
          stk_cd: `A${c.code}`,
          trde_tp: '보통',
          crd_tp: '보통매매',
          ord_qty: padded(c.qty, w),
          ord_uv: zero,
          cnfm_qty: padded(c.qty, w),
          acpt_tp: '확인',
          rsrv_tp: '',
          ord_tm: kstColonTime(c.at),
          ori_ord: c.origOrderNo,
          stk_nm: name,
          io_tp_nm: cashSideText(c.side),
          loan_dt: '',
          cntr_qty: zero,
          cntr_uv: zero,
          ord_remnq: zero,
          comm_ord_tp: 'REST API',
          mdfy_cncl: '취소',
          cnfm_tm: kstColonTime(c.at),
          dmst_stex_tp: 'KRX',
          cond_uv: zero,
        });
      }
    }
  }
  const wanted = rows
    .filter(
      (r) =>
        (code === '' || r.stk_cd === `A${code}`) &&
        (side === undefined || r.io_tp_nm === cashSideText(side)) &&
        (from === '' || (r.ord_no ?? '') >= from),
    )
    .sort((a, b) => ((a.ord_no ?? '') < (b.ord_no ?? '') ? -1 : 1));
  if (query === '2') wanted.reverse();
  const ascending = query !== '2';
  const page = paginate(
    wanted,
    (r) => r.ord_no ?? '',
    (key, cursor) => (ascending ? key > cursor : key < cursor),
    pageRequestOf(ctx),
  );
  return { body: ok('조회가 완료되었습니다', { acnt_ord_cntr_prps_dtl: page.rows }), headers: page.headers };
}

/** kt00007's `io_tp_nm`: a cash account's buy or sell (the filter compares rows by it too). */
function cashSideText(side: Side): string {
  return side === 'buy' ? '현금매수' : '현금매도';
}
