import { affordableQty } from '../domain/affordableQty.ts';
import { commission } from '../domain/fees.ts';
import { QUERY_DONE } from './accountQuery.ts';
import { padded } from './kiwoomFormat.ts';
import { PaperRejection } from './PaperRejection.ts';
import { ok, type RouteContext, type RouteResult } from './RouteContext.ts';
import { optionalString, requiredDigits, requiredString, selector, toDigits } from './requestFields.ts';

/**
 * The cash queries at `/api/dostk/acnt`: kt00001 deposit detail and kt00010 orderable amount. The paper exchange
 * settles at once, so cash is one number; what differs is what open buys reserve and what today's sales may not
 * withdraw yet.
 * @see ../shared/reference/kiwoom-rest.md "Account queries"
 */

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
