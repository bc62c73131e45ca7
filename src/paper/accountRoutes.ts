import { commission, sellTax } from '../domain/fees.ts';
import { kstTime, padded, percent, signedPrice } from './kiwoomFormat.ts';
import type { PaperOrder } from './PaperExchange.ts';
import { PaperRejection } from './PaperRejection.ts';
import { paginate } from './paging.ts';
import { ok, type RouteContext, type RouteResult } from './RouteContext.ts';
import { optionalString, selector, toDigits } from './requestFields.ts';

/**
 * Account endpoints at `/api/dostk/acnt`. Field names and encodings follow the spec's tables and examples:
 * ka10075/ka10076 write plain numbers (`"ord_qty": "1"`) and 6-character codes; kt00018 prefixes codes (`A005930`)
 * and zero-pads amounts to 15 characters; kt00001 zero-pads to 15.
 * @see ../shared/reference/kiwoom-rest.md "Account queries"
 */

const QUERY_DONE = '조회가 완료되었습니다.';
const NO_ORIG = '0000000';

/** ka00001: the account number the token belongs to. */
export function accountNumber(ctx: RouteContext): RouteResult {
  return { body: ok('정상적으로 처리되었습니다', { acctNo: ctx.accountNo }) };
}

/**
 * ka10075 unfilled orders (`oso[]`), newest first. Filters: `all_stk_tp` 1 + `stk_cd` one stock, `trde_tp`
 * 1 sell / 2 buy. Paged by order number.
 */
export function openOrders(ctx: RouteContext): RouteResult {
  const { body, exchange } = ctx;
  const oneStock = selector(body, 'all_stk_tp', ['0', '1'], '0') === '1';
  const side = sideFilter(selector(body, 'trde_tp', ['0', '1', '2'], '0'));
  const code = oneStock ? requiredCode(body) : undefined;
  const rows = exchange
    .openOrders()
    .filter((o) => (code === undefined || o.code === code) && (side === undefined || o.side === side))
    .reverse();
  const page = paginate(
    rows,
    (o) => o.orderNo,
    (key, cursor) => key < cursor,
    pageRequest(ctx),
  );
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
      trde_tp: o.type === 'limit' ? '보통' : '시장가',
      tm: kstTime(o.acceptedAt + (ctx.clockOffsetMs ?? 0)),
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
      stex_tp: '1',
      stex_tp_txt: 'KRX',
      sor_yn: 'N',
      stop_pric: '',
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
  const oneStock = selector(body, 'qry_tp', ['0', '1'], '0') === '1';
  const side = sideFilter(selector(body, 'sell_tp', ['0', '1', '2'], '0'));
  const code = oneStock ? requiredCode(body) : undefined;
  const beforeText = optionalString(body, 'ord_no', '');
  const before = beforeText === '' ? '' : String(toDigits('ord_no', beforeText)).padStart(7, '0');
  const rows = exchange
    .orders()
    .filter(
      (o) =>
        o.filledQty > 0 &&
        (code === undefined || o.code === code) &&
        (side === undefined || o.side === side) &&
        (before === '' || o.orderNo < before),
    )
    .reverse();
  const page = paginate(
    rows,
    (o) => o.orderNo,
    (key, cursor) => key < cursor,
    pageRequest(ctx),
  );
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
    trde_tp: o.type === 'limit' ? '보통' : '시장가',
    orig_ord_no: o.origOrderNo ?? NO_ORIG,
    ord_tm: kstTime(o.acceptedAt + (ctx.clockOffsetMs ?? 0)),
    stk_cd: o.code,
    stex_tp: '1',
    stex_tp_txt: 'KRX',
    sor_yn: 'N',
    stop_pric: '',
  }));
  return { body: ok(QUERY_DONE, { cntr }), headers: page.headers };
}

/**
 * kt00018 evaluation balance: summary totals plus `acnt_evlt_remn_indv_tot[]` by code (prefixed `A`), amounts
 * zero-padded to 15 characters (prices 12). Paged by code.
 */
export function balance(ctx: RouteContext): RouteResult {
  const { body, exchange } = ctx;
  selector(body, 'qry_tp', ['1', '2'], '1');
  const exchangeCode = optionalString(body, 'dmst_stex_tp', 'KRX');
  if (exchangeCode !== 'KRX') throw new PaperRejection('wrongExchange', `dmst_stex_tp=${exchangeCode.slice(0, 6)}`);
  const fees = exchange.fees;
  const positions = [...exchange.positions()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const totalEval = positions.reduce((s, p) => s + p.qty * p.price, 0);
  const totalCost = positions.reduce((s, p) => s + p.costBasis, 0);
  const page = paginate(
    positions,
    (p) => p.code,
    (key, cursor) => key > cursor,
    pageRequest(ctx),
  );
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
 * kt00001 deposit detail. `entr` and `d2_entra` are the cash after every fill (the paper exchange settles at
 * once), `ord_alow_amt` is cash minus what open buys reserve, `pymn_alow_amt` (withdrawable) is orderable cash minus
 * today's sale proceeds (those settle T+2). Amounts zero-padded to 15 characters.
 * @see ../shared/reference/krx-rules.md "Settlement and cash"
 */
export function deposit(ctx: RouteContext): RouteResult {
  const { body, exchange } = ctx;
  selector(body, 'qry_tp', ['2', '3'], '3');
  const cash = exchange.cash();
  const orderable = exchange.orderableCash();
  const withdrawable = Math.max(0, orderable - exchange.unsettledSaleProceeds());
  const zero = padded(0);
  return {
    body: ok(QUERY_DONE, {
      entr: padded(cash),
      profa_ch: zero,
      bncr_profa_ch: zero,
      nxdy_bncr_sell_exct: zero,
      uncl_stk_amt: zero,
      repl_amt: zero,
      pymn_alow_amt: padded(withdrawable),
      ord_alow_amt: padded(orderable),
      bncr_buy_alowa: padded(orderable),
      '20stk_ord_alow_amt': padded(orderable),
      '30stk_ord_alow_amt': padded(orderable),
      '40stk_ord_alow_amt': padded(orderable),
      '50stk_ord_alow_amt': padded(orderable),
      '60stk_ord_alow_amt': padded(orderable),
      '100stk_ord_alow_amt': padded(orderable),
      ch_uncla: zero,
      crd_int_npay: zero,
      etc_loana: zero,
      nrpy_loan: zero,
      loan_sum: zero,
      ls_sum: zero,
      crd_grnt_rt: '0.00',
      d1_entra: padded(cash),
      d1_pymn_alow_amt: padded(withdrawable),
      d2_entra: padded(cash),
      d2_pymn_alow_amt: padded(withdrawable),
      stk_entr_prst: [],
    }),
  };
}

function pageRequest(ctx: RouteContext) {
  return { apiId: ctx.apiId, contYn: ctx.contYn, nextKey: ctx.nextKey, pageSize: ctx.pageSize };
}

function sideFilter(value: string): 'buy' | 'sell' | undefined {
  if (value === '1') return 'sell';
  if (value === '2') return 'buy';
  return undefined;
}

/** `+매수` / `-매도` as in the spec's examples; amendments are told apart by `orig_ord_no`. */
function sideText(o: PaperOrder): string {
  return o.side === 'buy' ? '+매수' : '-매도';
}

function lastFillPrice(o: PaperOrder): number {
  return o.fills[o.fills.length - 1]?.price ?? 0;
}

function requiredCode(body: Readonly<Record<string, unknown>>): string {
  const code = optionalString(body, 'stk_cd', '');
  if (code === '') throw new PaperRejection('missingField', 'stk_cd');
  return code;
}
