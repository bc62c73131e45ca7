import { kstHHmmss } from '../domain/kstClock.ts';
import { nextTickDown, nextTickUp } from '../domain/ticks.ts';
import { kstYyyymmdd, percent, signedDiff, signedPrice } from './kiwoomFormat.ts';
import type { PaperQuoteView } from './PaperQuoteView.ts';
import { PaperRejection } from './PaperRejection.ts';
import { ok, type RouteContext, type RouteResult } from './RouteContext.ts';
import { requiredString } from './requestFields.ts';

/**
 * Market data: ka10001 basic info at `/api/dostk/stkinfo`, ka10004 order book at `/api/dostk/mrkcond`.
 * Prices are signed by direction against the base price (`+71300`); the upper limit always carries `+` and the
 * lower limit `-`, as observed on the live API.
 * @see ../shared/reference/kiwoom-rest.md "Market data"
 */

/** Order-book levels Kiwoom writes on each side: the best (`fpr`) and `2th` .. `10th`. */
const BOOK_LEVELS = 10;

/**
 * ka10001: all 45 fields of Kiwoom's table. The paper exchange knows prices, limits, the day's range and the
 * account's own volume; company data it does not have is `0` (amounts) or `""` (PER, EPS, ROE, PBR, EV, BPS, which
 * Kiwoom takes from an outside vendor and leaves empty too). The 250-day and yearly high/low are the day's (the
 * only history a paper run has), dated today.
 * @see docs/KIWOOM_PROTOCOL.md "ka10001"
 */
export function stockInfo(ctx: RouteContext): RouteResult {
  const q = quoteOf(ctx);
  const base = q.basePrice;
  const today = kstYyyymmdd(ctx.now());
  return {
    body: ok('정상적으로 처리되었습니다', {
      stk_cd: q.code,
      stk_nm: q.name,
      setl_mm: '12',
      fav: '0',
      cap: '0',
      flo_stk: '0',
      crd_rt: '0.00',
      oyr_hgst: signedPrice(q.high, base),
      oyr_lwst: signedPrice(q.low, base),
      mac: '0',
      mac_wght: '',
      for_exh_rt: '0.00',
      repl_pric: '0',
      per: '',
      eps: '',
      roe: '',
      pbr: '',
      ev: '',
      bps: '',
      sale_amt: '0',
      bus_pro: '0',
      cup_nga: '0',
      '250hgst': signedPrice(q.high, base),
      '250lwst': signedPrice(q.low, base),
      high_pric: signedPrice(q.high, base),
      open_pric: signedPrice(q.open, base),
      low_pric: signedPrice(q.low, base),
      upl_pric: `+${q.upperLimit}`,
      lst_pric: `-${q.lowerLimit}`,
      base_pric: String(base),
      exp_cntr_pric: '0',
      exp_cntr_qty: '0',
      '250hgst_pric_dt': today,
      '250hgst_pric_pre_rt': percent(q.price - q.high, q.high, true),
      '250lwst_pric_dt': today,
      '250lwst_pric_pre_rt': percent(q.price - q.low, q.low, true),
      cur_prc: signedPrice(q.price, base),
      pre_sig: preSig(q),
      pred_pre: signedDiff(q.price - base),
      flu_rt: percent(q.price - base, base, true),
      trde_qty: String(q.volume),
      trde_pre: '0.00',
      fav_unit: '원',
      dstr_stk: '0',
      dstr_rt: '0.0',
    }),
  };
}

/**
 * ka10004: best ask `sel_fpr_bid` / best bid `buy_fpr_bid` and the levels `2th` .. `10th` a side, each
 * `liquidityPerStep` deep, prices signed against the base price. The paper book has no history, so every change
 * field (`*_req_pre`, `*_jub_pre`) is `0`, and there is no after-hours book (`ovt_*` `0`).
 * @see docs/KIWOOM_PROTOCOL.md "ka10004"
 */
export function orderBook(ctx: RouteContext): RouteResult {
  const q = quoteOf(ctx);
  const base = q.basePrice;
  const liquidity = ctx.exchange.liquidityPerStep;
  const fields: Record<string, string> = { bid_req_base_tm: kstHHmmss(ctx.now() + (ctx.clockOffsetMs ?? 0)) };
  let ask: number | undefined = q.bestAsk;
  let bid: number | undefined = q.bestBid;
  let askLevels = 0;
  let bidLevels = 0;
  for (let level = 1; level <= BOOK_LEVELS; level++) {
    const sel = level === 1 ? 'sel_fpr' : `sel_${level}th_pre`;
    const buy = level === 1 ? 'buy_fpr' : `buy_${level}th_pre`;
    fields[`${sel}_bid`] = ask === undefined ? '0' : signedPrice(ask, base);
    fields[`${sel}_req`] = ask === undefined ? '0' : String(liquidity);
    fields[`${buy}_bid`] = bid === undefined ? '0' : signedPrice(bid, base);
    fields[`${buy}_req`] = bid === undefined ? '0' : String(liquidity);
    fields[`sel_${level}th_pre_req_pre`] = '0';
    fields[`buy_${level}th_pre_req_pre`] = '0';
    if (ask !== undefined) askLevels += 1;
    if (bid !== undefined) bidLevels += 1;
    // Deeper levels stop at the daily limits: nothing can be quoted beyond them.
    ask = ask === undefined || ask >= q.upperLimit ? undefined : nextTickUp(ask);
    bid = bid === undefined || bid <= q.lowerLimit ? undefined : nextTickDown(bid);
  }
  fields.tot_sel_req_jub_pre = '0';
  fields.tot_sel_req = String(askLevels * liquidity);
  fields.tot_buy_req = String(bidLevels * liquidity);
  fields.tot_buy_req_jub_pre = '0';
  fields.ovt_sel_req_pre = '0';
  fields.ovt_sel_req = '0';
  fields.ovt_buy_req = '0';
  fields.ovt_buy_req_pre = '0';
  return { body: ok('정상적으로 처리되었습니다', fields) };
}

/** The quote for `stk_cd`; `_NX` / `_AL` suffixes (NXT, SOR) are refused: the mock server is KRX only. */
function quoteOf(ctx: RouteContext): PaperQuoteView {
  const code = requiredString(ctx.body, 'stk_cd');
  if (code.includes('_')) throw new PaperRejection('wrongExchange', `stk_cd=${code.slice(0, 12)}`);
  const q = ctx.exchange.quote(code);
  if (q === undefined) throw new PaperRejection('unknownStock', `종목코드=${code.slice(0, 12)}`);
  return q;
}

/** 1 upper limit, 2 up, 3 unchanged, 4 lower limit, 5 down. */
function preSig(q: PaperQuoteView): string {
  if (q.price >= q.upperLimit) return '1';
  if (q.price <= q.lowerLimit) return '4';
  if (q.price > q.basePrice) return '2';
  if (q.price < q.basePrice) return '5';
  return '3';
}
