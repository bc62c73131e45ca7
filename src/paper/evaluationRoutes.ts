import { commission, sellTax } from '../domain/fees.ts';
import { QUERY_DONE } from './accountQuery.ts';
import { padded, percent } from './kiwoomFormat.ts';
import type { PaperPositionView } from './PaperPositionView.ts';
import { PaperRejection } from './PaperRejection.ts';
import { type Page, pageRequestOf, paginate } from './paging.ts';
import { ok, type RouteContext, type RouteResult } from './RouteContext.ts';
import { optionalString, selector } from './requestFields.ts';

/**
 * The holdings evaluations at `/api/dostk/acnt`: kt00018 evaluation balance and kt00004 account evaluation, both
 * a row per held stock by code (prefixed `A`) beside the account's totals, amounts zero-padded.
 * @see ../shared/reference/kiwoom-rest.md "Account queries"
 */

/**
 * kt00018 evaluation balance: summary totals plus `acnt_evlt_remn_indv_tot[]` by code (prefixed `A`), amounts
 * zero-padded to 15 characters (prices 12). Paged by code.
 */
export function balance(ctx: RouteContext): RouteResult {
  const { body, exchange } = ctx;
  selector(body, 'qry_tp', ['1', '2'], '1');
  const { page, totalEval, totalCost } = positionsPage(ctx);
  const fees = exchange.fees;
  const rows = page.rows.map((p) => {
    const evalAmount = p.qty * p.price;
    const buyFee = commission(p.costBasis, fees);
    const sellFee = commission(evalAmount, fees);
    const base = exchange.quote(p.code)?.basePrice ?? p.price;
    return {
      stk_cd: `A${p.code}`,
      stk_nm: p.name,
      evltv_prft: padded(evalAmount - p.costBasis),
      prft_rt: percent(evalAmount - p.costBasis, p.costBasis),
      pur_pric: padded(p.avgPrice),
      pred_close_pric: padded(base, 12),
      rmnd_qty: padded(p.qty),
      trde_able_qty: padded(p.sellableQty),
      cur_prc: padded(p.price, 12),
      pred_buyq: padded(0),
      pred_sellq: padded(0),
      tdy_buyq: padded(p.boughtToday),
      tdy_sellq: padded(p.soldToday),
      pur_amt: padded(p.costBasis),
      pur_cmsn: padded(buyFee),
      evlt_amt: padded(evalAmount),
      sell_cmsn: padded(sellFee),
      tax: padded(sellTax(evalAmount, fees)),
      sum_cmsn: padded(buyFee + sellFee),
      poss_rt: percent(evalAmount, totalEval),
      crd_tp: '00',
      crd_tp_nm: '',
      crd_loan_dt: '',
    };
  });
  return {
    body: ok(QUERY_DONE, {
      tot_pur_amt: padded(totalCost),
      tot_evlt_amt: padded(totalEval),
      tot_evlt_pl: padded(totalEval - totalCost),
      tot_prft_rt: percent(totalEval - totalCost, totalCost),
      prsm_dpst_aset_amt: padded(exchange.cash() + totalEval),
      tot_loan_amt: padded(0),
      tot_crd_loan_amt: padded(0),
      tot_crd_ls_amt: padded(0),
      acnt_evlt_remn_indv_tot: rows,
    }),
    headers: page.headers,
  };
}

/**
 * kt00004 account evaluation (계좌평가현황): cash and totals plus `stk_acnt_evlt_prst[]` by code (prefixed `A`),
 * amounts and quantities zero-padded to 12 characters, `pl_rt` with four decimals. Request: `qry_tp` (0 all,
 * 1 without delisted), `dmst_stex_tp` (KRX only). The investment-principal and P&L-history fields (`tdy_lspft*`,
 * `invt_bsamt`, `lspft*`) are 0: the paper exchange keeps no history across days. Paged by code.
 * @see docs/KIWOOM_PROTOCOL.md "kt00004"
 */
export function accountEvaluation(ctx: RouteContext): RouteResult {
  const { body, exchange } = ctx;
  selector(body, 'qry_tp', ['0', '1'], '0');
  const { page, totalEval, totalCost } = positionsPage(ctx);
  const w = 12;
  const zero = padded(0, w);
  const rows = page.rows.map((p) => {
    const evalAmount = p.qty * p.price;
    return {
      stk_cd: `A${p.code}`,
      stk_nm: p.name,
      rmnd_qty: padded(p.qty, w),
      avg_prc: padded(p.avgPrice, w),
      cur_prc: padded(p.price, w),
      evlt_amt: padded(evalAmount, w),
      pl_amt: padded(evalAmount - p.costBasis, w),
      pl_rt: percent(evalAmount - p.costBasis, p.costBasis, false, 4),
      loan_dt: '',
      pur_amt: padded(p.costBasis, w),
      setl_remn: padded(p.qty, w),
      pred_buyq: zero,
      pred_sellq: zero,
      tdy_buyq: padded(p.boughtToday, w),
      tdy_sellq: padded(p.soldToday, w),
    };
  });
  const cash = exchange.cash();
  return {
    body: ok(QUERY_DONE, {
      acnt_nm: '모의투자',
      brch_nm: '',
      entr: padded(cash, w),
      d2_entra: padded(cash, w),
      tot_est_amt: padded(totalEval, w),
      aset_evlt_amt: padded(cash + totalEval, w),
      tot_pur_amt: padded(totalCost, w),
      prsm_dpst_aset_amt: padded(cash + totalEval, w),
      tot_grnt_sella: zero,
      tdy_lspft_amt: zero,
      invt_bsamt: zero,
      lspft_amt: zero,
      tdy_lspft: zero,
      lspft2: zero,
      lspft: zero,
      tdy_lspft_rt: '0.00',
      lspft_ratio: '0.00',
      lspft_rt: '0.00',
      stk_acnt_evlt_prst: rows,
    }),
    headers: page.headers,
  };
}

/** The held positions in code order, their totals over all pages, and the page the request asks for. */
interface PositionsPage {
  readonly page: Page<PaperPositionView>;
  /** Value of every position at the current price, won. */
  readonly totalEval: number;
  /** Purchase amount of every position, won. */
  readonly totalCost: number;
}

/** Checks `dmst_stex_tp` (KRX only, the default) and cuts the positions, sorted by code, into the requested page. */
function positionsPage(ctx: RouteContext): PositionsPage {
  const exchangeCode = optionalString(ctx.body, 'dmst_stex_tp', 'KRX');
  if (exchangeCode !== 'KRX') throw new PaperRejection('wrongExchange', `dmst_stex_tp=${exchangeCode.slice(0, 6)}`);
  const positions = [...ctx.exchange.positions()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const totalEval = positions.reduce((sum, p) => sum + p.qty * p.price, 0);
  const totalCost = positions.reduce((sum, p) => sum + p.costBasis, 0);
  const page = paginate(
    positions,
    (p) => p.code,
    (key, cursor) => key > cursor,
    pageRequestOf(ctx),
  );
  return { page, totalEval, totalCost };
}
