import { affordableQty } from '../domain/affordableQty.ts';
import { commission, sellTax } from '../domain/fees.ts';
import { kstColonTime, kstDate, kstTime, padded, percent, signedPrice } from './kiwoomFormat.ts';
import type { PaperOrder } from './PaperExchange.ts';
import { PaperRejection } from './PaperRejection.ts';
import { paginate } from './paging.ts';
import { ok, type RouteContext, type RouteResult } from './RouteContext.ts';
import { optionalString, requiredDigits, requiredString, selector, toDigits } from './requestFields.ts';

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
 * kt00001 deposit detail: the 69 summary fields of Kiwoom's table, amounts zero-padded to 15 characters. `entr`,
 * `d1_entra` and `d2_entra` are the cash after every fill (the paper exchange settles at once), `ord_alow_amt`
 * (and every `NNstk_ord_alow_amt`: a cash account needs 100% for every stock) is cash minus what open buys
 * reserve, `pymn_alow_amt` (withdrawable) is orderable cash minus today's sale proceeds (those settle T+2).
 * Margin, loan, substitute and foreign-currency amounts the paper account does not have are 0.
 * @see ../shared/reference/krx-rules.md "Settlement and cash"
 * @see docs/KIWOOM_PROTOCOL.md "kt00001"
 */
export function deposit(ctx: RouteContext): RouteResult {
  const { body, exchange } = ctx;
  selector(body, 'qry_tp', ['2', '3'], '3');
  const cash = padded(exchange.cash());
  const orderable = padded(exchange.orderableCash());
  const withdrawable = padded(withdrawableCash(ctx));
  const zero = padded(0);
  const zeros = (...keys: string[]) => Object.fromEntries(keys.map((k) => [k, zero]));
  return {
    body: ok(QUERY_DONE, {
      entr: cash,
      ...zeros(
        'profa_ch',
        'bncr_profa_ch',
        'nxdy_bncr_sell_exct',
        'fc_stk_krw_repl_set_amt',
        'crd_grnta_ch',
        'crd_grnt_ch',
        'add_grnt_ch',
        'etc_profa',
        'uncl_stk_amt',
        'shrts_prica',
        'crd_set_grnta',
        'chck_ina_amt',
        'etc_chck_ina_amt',
        'crd_grnt_ruse',
        'knx_asset_evltv',
        'elwdpst_evlta',
        'crd_ls_rght_frcs_amt',
        'lvlh_join_amt',
        'lvlh_trns_alowa',
        'repl_amt',
        'remn_repl_evlta',
        'trst_remn_repl_evlta',
        'bncr_remn_repl_evlta',
        'profa_repl',
        'crd_grnta_repl',
        'crd_grnt_repl',
        'add_grnt_repl',
        'rght_repl_amt',
      ),
      pymn_alow_amt: withdrawable,
      wrap_pymn_alow_amt: zero,
      ord_alow_amt: orderable,
      bncr_buy_alowa: orderable,
      '20stk_ord_alow_amt': orderable,
      '30stk_ord_alow_amt': orderable,
      '40stk_ord_alow_amt': orderable,
      '100stk_ord_alow_amt': orderable,
      ...zeros(
        'ch_uncla',
        'ch_uncla_dlfe',
        'ch_uncla_tot',
        'crd_int_npay',
        'int_npay_amt_dlfe',
        'int_npay_amt_tot',
        'etc_loana',
        'etc_loana_dlfe',
        'etc_loan_tot',
        'nrpy_loan',
        'loan_sum',
        'ls_sum',
      ),
      crd_grnt_rt: '0.00',
      ...zeros('mdstrm_usfe', 'min_ord_alow_yn', 'loan_remn_evlt_amt', 'dpst_grntl_remn', 'sell_grntl_remn'),
      d1_entra: cash,
      ...zeros('d1_slby_exct_amt', 'd1_buy_exct_amt', 'd1_out_rep_mor', 'd1_sel_exct_amt'),
      d1_pymn_alow_amt: withdrawable,
      d2_entra: cash,
      ...zeros('d2_slby_exct_amt', 'd2_buy_exct_amt', 'd2_out_rep_mor', 'd2_sel_exct_amt'),
      d2_pymn_alow_amt: withdrawable,
      '50stk_ord_alow_amt': orderable,
      '60stk_ord_alow_amt': orderable,
      stk_entr_prst: [],
    }),
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
  const exchangeCode = optionalString(body, 'dmst_stex_tp', 'KRX');
  if (exchangeCode !== 'KRX') throw new PaperRejection('wrongExchange', `dmst_stex_tp=${exchangeCode.slice(0, 6)}`);
  const positions = [...exchange.positions()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const totalEval = positions.reduce((sum, p) => sum + p.qty * p.price, 0);
  const totalCost = positions.reduce((sum, p) => sum + p.costBasis, 0);
  const page = paginate(
    positions,
    (p) => p.code,
    (key, cursor) => key > cursor,
    pageRequest(ctx),
  );
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
  const today = dateText === '' || dateText === kstDate(ctx.now());
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
        trde_tp: o.type === 'limit' ? '보통' : '시장가',
        crd_tp: '보통매매',
        ord_qty: padded(o.qty, w),
        ord_uv: padded(o.price, w),
        cnfm_qty: zero,
        acpt_tp: '접수',
        rsrv_tp: '',
        ord_tm: kstColonTime(o.acceptedAt),
        ori_ord: o.origOrderNo ?? NO_ORIG,
        stk_nm: o.name,
        io_tp_nm: o.side === 'buy' ? '현금매수' : '현금매도',
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
          io_tp_nm: c.side === 'buy' ? '현금매수' : '현금매도',
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
        (side === undefined || r.io_tp_nm === (side === 'buy' ? '현금매수' : '현금매도')) &&
        (from === '' || (r.ord_no ?? '') >= from),
    )
    .sort((a, b) => ((a.ord_no ?? '') < (b.ord_no ?? '') ? -1 : 1));
  if (query === '2') wanted.reverse();
  const ascending = query !== '2';
  const page = paginate(
    wanted,
    (r) => r.ord_no ?? '',
    (key, cursor) => (ascending ? key > cursor : key < cursor),
    pageRequest(ctx),
  );
  return { body: ok('조회가 완료되었습니다', { acnt_ord_cntr_prps_dtl: page.rows }), headers: page.headers };
}

/**
 * kt00010 orderable amount (주문인출가능금액): `ord_alowa` (orderable cash: cash minus what open buys reserve) and,
 * for a buy (`trde_tp` 2) at `uv`, the most shares that cash pays for, commission included; for a sell (1), the
 * sellable shares of `stk_cd`. A cash account needs 100% for every stock, so every margin-rate column
 * (`profa_20..100`) carries the same numbers. Amounts zero-padded to 12, quantities to 10. With `trde_qty`,
 * `pur_amt` / `cmsn` / `pur_exct_amt` price that many shares at `uv`.
 * @see docs/KIWOOM_PROTOCOL.md "kt00010"
 */
export function orderableAmount(ctx: RouteContext): RouteResult {
  const { body, exchange } = ctx;
  const code = requiredString(body, 'stk_cd');
  const side = requiredString(body, 'trde_tp');
  if (side !== '1' && side !== '2') throw new PaperRejection('badFormat', `trde_tp=${side.slice(0, 4)}`);
  const price = requiredDigits(body, 'uv');
  if (price <= 0) throw new PaperRejection('badFormat', 'uv');
  for (const key of ['io_amt', 'exp_buy_unp']) {
    const text = optionalString(body, key, '');
    if (text !== '') toDigits(key, text);
  }
  const qtyText = optionalString(body, 'trde_qty', '');
  const tradeQty = qtyText === '' ? 0 : toDigits('trde_qty', qtyText);
  if (exchange.quote(code) === undefined) throw new PaperRejection('unknownStock', `종목코드=${code.slice(0, 12)}`);
  const orderable = exchange.orderableCash();
  const qty =
    side === '2'
      ? affordableQty(Math.max(0, orderable), price, exchange.fees)
      : (exchange.positions().find((p) => p.code === code)?.sellableQty ?? 0);
  const amount = padded(orderable, 12);
  const shares = padded(qty, 10);
  const purchase = tradeQty * price;
  const fee = commission(purchase, exchange.fees);
  const withdrawable = padded(withdrawableCash(ctx), 12);
  const margin: Record<string, string> = {};
  for (const rate of ['20', '30', '40', '50', '60', 'rdex_60', '100']) {
    margin[`profa_${rate}ord_alow_amt`] = amount;
    margin[`profa_${rate}ord_alowq`] = shares;
  }
  return {
    body: ok('주문/인출가능금액 시뮬레이션 조회완료하였습니다.', {
      ...margin,
      pred_reu_alowa: padded(0, 12),
      tdy_reu_alowa: padded(0, 12),
      entr: padded(exchange.cash(), 12),
      repl_amt: padded(0, 12),
      uncla: padded(0, 12),
      ord_pos_repl: padded(0, 12),
      ord_alowa: amount,
      wthd_alowa: withdrawable,
      nxdy_wthd_alowa: withdrawable,
      pur_amt: padded(purchase, 12),
      cmsn: padded(fee, 12),
      pur_exct_amt: padded(purchase + fee, 12),
      d2entra: padded(exchange.cash(), 12),
      profa_rdex_aplc_tp: '0',
    }),
  };
}

/** Orderable cash minus today's sale proceeds (those settle T+2), never below 0. */
function withdrawableCash(ctx: RouteContext): number {
  return Math.max(0, ctx.exchange.orderableCash() - ctx.exchange.unsettledSaleProceeds());
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
