import type { Execution } from '../../domain/Execution.ts';
import type { MarketQuote } from '../../domain/MarketQuote.ts';
import type { OpenOrder } from '../../domain/OpenOrder.ts';
import { normalizeStockCode } from '../../domain/stockCode.ts';
import type { Side, StockCode } from '../../domain/types.ts';
import type { BrokerAccount, BrokerPosition, OrderAck, Orderable } from '../Broker.ts';
import { InvalidResponseError } from '../errors/InvalidResponseError.ts';
import { parseKiwoomCount, parseKiwoomPrice, parseKiwoomSigned } from './parseKiwoomNumber.ts';
import type { HoldingRow } from './schema/balanceSchema.ts';
import type { BasicInfoResponse } from './schema/basicInfoSchema.ts';
import type { DepositResponse } from './schema/depositSchema.ts';
import type { ExecutedRow } from './schema/executedSchema.ts';
import type { OrderableResponse } from './schema/orderableSchema.ts';
import type { OrderBookResponse } from './schema/orderBookSchema.ts';
import type { CancelOrderResponse, ModifyOrderResponse, PlaceOrderResponse } from './schema/orderSchema.ts';
import type { UnfilledRow } from './schema/unfilledSchema.ts';

/**
 * Wire -> domain. Every number goes through parseKiwoomNumber's family, every code through normalizeStockCode;
 * anything that does not fit throws InvalidResponseError naming the field.
 * @see shared/reference/kiwoom-rest.md "Account queries", "Market data", "Number encoding"
 */
export const KiwoomMapper = {
  /** kt00001 + kt00018 -> account. Rows with no shares left (sold out today) are dropped. */
  toAccount(deposit: DepositResponse, holdings: readonly HoldingRow[]): BrokerAccount {
    return {
      orderableCash: parseKiwoomSigned(deposit.ord_alow_amt, 'kt00001.ord_alow_amt'),
      deposit: parseKiwoomSigned(deposit.entr, 'kt00001.entr'),
      positions: holdings.map(KiwoomMapper.toPosition).filter((p) => p.qty > 0),
    };
  },

  /** kt00010 answer for a buy of `code` at `price` -> orderable cash and quantity. */
  toOrderable(answer: OrderableResponse, code: StockCode, price: number): Orderable {
    return {
      code,
      price,
      orderableCash: parseKiwoomSigned(answer.ord_alowa, 'kt00010.ord_alowa'),
      orderableQty: parseKiwoomCount(answer.profa_100ord_alowq, 'kt00010.profa_100ord_alowq'),
    };
  },

  /** One kt00018 holding; the code comes prefixed (`A005930`). */
  toPosition(row: HoldingRow): BrokerPosition {
    return {
      code: toStockCode(row.stk_cd, 'kt00018.stk_cd'),
      name: row.stk_nm.trim(),
      qty: parseKiwoomCount(row.rmnd_qty, 'kt00018.rmnd_qty'),
      sellableQty: parseKiwoomCount(row.trde_able_qty, 'kt00018.trde_able_qty'),
      price: parseKiwoomPrice(row.cur_prc, 'kt00018.cur_prc'),
      avgPrice: parseKiwoomPrice(row.pur_pric, 'kt00018.pur_pric'),
    };
  },

  /** ka10001 + ka10004 -> quote. Prices lose their direction sign; an empty book side is 0. */
  toQuote(info: BasicInfoResponse, book: OrderBookResponse): MarketQuote {
    return {
      code: toStockCode(info.stk_cd, 'ka10001.stk_cd'),
      name: info.stk_nm.trim(),
      price: parseKiwoomPrice(info.cur_prc, 'ka10001.cur_prc'),
      bestBid: parseKiwoomPrice(book.buy_fpr_bid, 'ka10004.buy_fpr_bid'),
      bestAsk: parseKiwoomPrice(book.sel_fpr_bid, 'ka10004.sel_fpr_bid'),
      upperLimit: parseKiwoomPrice(info.upl_pric, 'ka10001.upl_pric'),
      lowerLimit: parseKiwoomPrice(info.lst_pric, 'ka10001.lst_pric'),
      basePrice: parseKiwoomPrice(info.base_pric, 'ka10001.base_pric'),
    };
  },

  /** One ka10075 row. `filledQty` falls back to ordered minus unfilled when `cntr_qty` is absent. */
  toOpenOrder(row: UnfilledRow): OpenOrder {
    const orderQty = parseKiwoomCount(row.ord_qty, 'ka10075.ord_qty');
    const unfilledQty = parseKiwoomCount(row.oso_qty, 'ka10075.oso_qty');
    const origOrderNo = optionalOrderNo(row.orig_ord_no);
    return {
      orderNo: toOrderNo(row.ord_no, 'ka10075.ord_no'),
      ...(origOrderNo === undefined ? {} : { origOrderNo }),
      code: toStockCode(row.stk_cd, 'ka10075.stk_cd'),
      name: (row.stk_nm ?? '').trim(),
      side: toSide(row.io_tp_nm, 'ka10075.io_tp_nm'),
      orderQty,
      price: parseKiwoomPrice(row.ord_pric, 'ka10075.ord_pric'),
      unfilledQty,
      filledQty:
        row.cntr_qty === undefined
          ? Math.max(0, orderQty - unfilledQty)
          : parseKiwoomCount(row.cntr_qty, 'ka10075.cntr_qty'),
      time: toTime(row.tm),
    };
  },

  /** One ka10076 row. */
  toExecution(row: ExecutedRow): Execution {
    const origOrderNo = optionalOrderNo(row.orig_ord_no);
    return {
      orderNo: toOrderNo(row.ord_no, 'ka10076.ord_no'),
      ...(origOrderNo === undefined ? {} : { origOrderNo }),
      code: toStockCode(row.stk_cd, 'ka10076.stk_cd'),
      side: toSide(row.io_tp_nm, 'ka10076.io_tp_nm'),
      orderQty: parseKiwoomCount(row.ord_qty, 'ka10076.ord_qty'),
      orderPrice: parseKiwoomPrice(row.ord_pric, 'ka10076.ord_pric'),
      filledQty: parseKiwoomCount(row.cntr_qty, 'ka10076.cntr_qty'),
      fillPrice: parseKiwoomPrice(row.cntr_pric, 'ka10076.cntr_pric'),
      unfilledQty: parseKiwoomCount(row.oso_qty, 'ka10076.oso_qty'),
      commission: parseKiwoomCount(row.tdy_trde_cmsn, 'ka10076.tdy_trde_cmsn'),
      tax: parseKiwoomCount(row.tdy_trde_tax, 'ka10076.tdy_trde_tax'),
      status: (row.ord_stt ?? '').trim(),
      time: toTime(row.ord_tm),
    };
  },

  /** kt10000/kt10001/kt10002/kt10003 answer -> ack; `base_orig_ord_no` is the root of an amend chain. */
  toOrderAck(answer: PlaceOrderResponse | ModifyOrderResponse | CancelOrderResponse): OrderAck {
    const root = typeof answer.base_orig_ord_no === 'string' ? optionalOrderNo(answer.base_orig_ord_no) : undefined;
    return { orderNo: answer.ord_no.trim(), ...(root === undefined ? {} : { rootOrderNo: root }) };
  },
};

/** A wire code (`A005930`, `005930_NX`, ` 005930 `) as the six-character order form. */
export function toStockCode(raw: string, field: string): StockCode {
  const code = normalizeStockCode(raw);
  if (code === undefined)
    throw new InvalidResponseError(`Kiwoom field ${field} is not a stock code: ${JSON.stringify(raw.slice(0, 20))}`);
  return code;
}

/**
 * Side from the order-kind text (`+매수`, `-매도`, `매수정정`, `현금매도`...): it must name exactly one side.
 * @see shared/reference/kiwoom-rest.md "Account queries" (io_tp_nm)
 */
export function toSide(text: string, field: string): Side {
  const buy = text.includes('매수');
  const sell = text.includes('매도');
  if (buy && !sell) return 'buy';
  if (sell && !buy) return 'sell';
  throw new InvalidResponseError(`Kiwoom field ${field} names no side: ${JSON.stringify(text.slice(0, 20))}`);
}

function toOrderNo(raw: string, field: string): string {
  const value = raw.trim();
  if (!/^\d+$/.test(value)) throw new InvalidResponseError(`Kiwoom field ${field} is not an order number`);
  return value;
}

/** `orig_ord_no` is `0000000` (or empty) for an original order. */
function optionalOrderNo(raw: string | undefined): string | undefined {
  const value = raw?.trim() ?? '';
  return /^0*$/.test(value) ? undefined : value;
}

/** HHmmss, tolerating `HH:mm:ss`; anything else is passed on as sent (it is display text). */
function toTime(raw: string | undefined): string {
  const text = (raw ?? '').trim();
  const digits = text.replace(/:/g, '');
  return /^\d{6}$/.test(digits) ? digits : text;
}
