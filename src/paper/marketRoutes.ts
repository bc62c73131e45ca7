import { nextTickDown, nextTickUp } from '../domain/ticks.ts';
import { kstTime, percent, signedDiff, signedPrice } from './kiwoomFormat.ts';
import type { PaperQuoteView } from './PaperExchange.ts';
import { PaperRejection } from './PaperRejection.ts';
import { ok, type RouteContext, type RouteResult } from './RouteContext.ts';
import { requiredString } from './requestFields.ts';

/**
 * Market data: ka10001 basic info at `/api/dostk/stkinfo`, ka10004 order book at `/api/dostk/mrkcond`.
 * Prices are signed by direction against the base price (`+71300`); the upper limit always carries `+` and the
 * lower limit `-`, as observed on the live API.
 * @see ../shared/reference/kiwoom-rest.md "Market data"
 */

/** Order-book levels written on each side (the paper book has no more depth than this). */
const BOOK_LEVELS = 5;
const ORDINALS = ['fpr', '2th', '3th', '4th', '5th'] as const;

/** ka10001: `cur_prc`, `base_pric`, `upl_pric`, `lst_pric`, `pre_sig`, `pred_pre`, `flu_rt`, open/high/low, volume. */
export function stockInfo(ctx: RouteContext): RouteResult {
  const q = quoteOf(ctx);
  const base = q.basePrice;
  return {
    body: ok('정상적으로 처리되었습니다', {
      stk_cd: q.code,
      stk_nm: q.name,
      setl_mm: '12',
      cur_prc: signedPrice(q.price, base),
      pre_sig: preSig(q),
      pred_pre: signedDiff(q.price - base),
      flu_rt: percent(q.price - base, base, true),
      trde_qty: String(q.volume),
      open_pric: signedPrice(q.open, base),
      high_pric: signedPrice(q.high, base),
      low_pric: signedPrice(q.low, base),
      upl_pric: `+${q.upperLimit}`,
      lst_pric: `-${q.lowerLimit}`,
      base_pric: String(base),
      exp_cntr_pric: '0',
      exp_cntr_qty: '0',
    }),
  };
}

/** ka10004: best ask `sel_fpr_bid` and best bid `buy_fpr_bid` with `BOOK_LEVELS` levels a side, each `liquidityPerStep` deep. */
export function orderBook(ctx: RouteContext): RouteResult {
  const q = quoteOf(ctx);
  const base = q.basePrice;
  const depth = String(ctx.exchange.liquidityPerStep);
  const fields: Record<string, string> = { bid_req_base_tm: kstTime(ctx.now() + (ctx.clockOffsetMs ?? 0)) };
  let ask: number | undefined = q.bestAsk;
  let bid: number | undefined = q.bestBid;
  for (let level = 0; level < BOOK_LEVELS; level++) {
    const name = ORDINALS[level];
    const sellKey = level === 0 ? 'sel_fpr' : `sel_${name}_pre`;
    const buyKey = level === 0 ? 'buy_fpr' : `buy_${name}_pre`;
    fields[`${sellKey}_bid`] = ask === undefined ? '0' : signedPrice(ask, base);
    fields[`${sellKey}_req`] = ask === undefined ? '0' : depth;
    fields[`${buyKey}_bid`] = bid === undefined ? '0' : signedPrice(bid, base);
    fields[`${buyKey}_req`] = bid === undefined ? '0' : depth;
    // Deeper levels stop at the daily limits: nothing can be quoted beyond them.
    ask = ask === undefined || ask >= q.upperLimit ? undefined : nextTickUp(ask);
    bid = bid === undefined || bid <= q.lowerLimit ? undefined : nextTickDown(bid);
  }
  const levelsOf = (prefix: string) =>
    Object.entries(fields).filter(([k, v]) => k.startsWith(prefix) && k.endsWith('_req') && v !== '0').length;
  fields.tot_sel_req = String(levelsOf('sel_') * ctx.exchange.liquidityPerStep);
  fields.tot_buy_req = String(levelsOf('buy_') * ctx.exchange.liquidityPerStep);
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
