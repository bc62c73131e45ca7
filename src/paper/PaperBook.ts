import { DEFAULT_FEE_RATES } from '../domain/fees.ts';
import type { FeeRates } from '../domain/types.ts';
import { formatOrderNo, MAX_ORDER_NO, paperFirstOrderNo } from './firstOrderNo.ts';
import type { MutableOrder } from './MutableOrder.ts';
import { deriveSeed, type Mulberry32Stream, mulberry32Stream } from './mulberry32.ts';
import type { PaperAccountFile } from './PaperAccountFile.ts';
import type { PaperCancel } from './PaperCancel.ts';
import type { PaperExchangeOptions } from './PaperExchangeOptions.ts';
import { PricePath } from './PricePath.ts';

/**
 * The state of one paper trading day: the account file it started from, cash, holdings, price paths, orders and
 * cancel records. PaperExchange.load replaces it as a whole; what outlives a load (the request log, held fills,
 * deferred cancels, the seed the exchange reports) stays on the exchange.
 */
export interface PaperBook {
  readonly fees: FeeRates;
  /** Most shares one order fills in one matching event. */
  readonly liquidityPerStep: number;
  /** Clock for order and fill times. */
  readonly now: () => number;
  readonly account: PaperAccountFile;
  readonly firstOrderNo: number;
  lastOrderNo: number;
  initialCash: number;
  cash: number;
  readonly instruments: Map<string, Instrument>;
  readonly holdings: Map<string, Holding>;
  /** Every order, in order-number order (the order matching goes in). */
  readonly orders: MutableOrder[];
  readonly byNo: Map<string, MutableOrder>;
  readonly cancels: PaperCancel[];
}

/** One stock the exchange quotes, with its price path. */
export interface Instrument {
  readonly code: string;
  readonly name: string;
  readonly path: PricePath;
  /** The path's random source, kept so a snapshot can record where it is. */
  readonly rng: Mulberry32Stream;
  volume: number;
}

/** Shares of one stock held, with what they cost and how they moved today. */
export interface Holding {
  qty: number;
  cost: number;
  /** Shares held but not tradable (the account file's qty - sellableQty: pledged, unsettled...). */
  readonly blocked: number;
  readonly initial: number;
  bought: number;
  sold: number;
}

/** Seed of the price paths when the options name none. */
export const DEFAULT_SEED = 1;
const DEFAULT_LIQUIDITY = 500;

/** The book of a fresh day from an account file; throws RangeError for options or an account it cannot take. */
export function openBook(options: PaperExchangeOptions): PaperBook {
  const { account } = options;
  const fees = options.fees ?? DEFAULT_FEE_RATES;
  const liquidityPerStep = options.liquidityPerStep ?? DEFAULT_LIQUIDITY;
  if (!Number.isSafeInteger(liquidityPerStep) || liquidityPerStep < 1) {
    throw new RangeError(`liquidityPerStep must be a whole number >= 1: ${liquidityPerStep}`);
  }
  const seed = options.seed ?? DEFAULT_SEED;
  const now = options.now ?? Date.now;
  const firstOrderNo = options.firstOrderNo ?? paperFirstOrderNo(now());
  if (!Number.isSafeInteger(firstOrderNo) || firstOrderNo < 1 || firstOrderNo > MAX_ORDER_NO) {
    throw new RangeError(`firstOrderNo must be a whole number 1..${MAX_ORDER_NO}: ${firstOrderNo}`);
  }
  const instruments = new Map<string, Instrument>();
  for (const entry of [...account.positions, ...account.quotes]) {
    if (instruments.has(entry.code)) throw new RangeError(`code ${entry.code} is listed twice`);
    const rng = mulberry32Stream(deriveSeed(seed, entry.code));
    const path = new PricePath(entry.price, () => rng.next());
    instruments.set(entry.code, { code: entry.code, name: entry.name, path, rng, volume: 0 });
  }
  const holdings = new Map<string, Holding>();
  for (const p of account.positions) {
    const blocked = p.qty - (p.sellableQty ?? p.qty);
    holdings.set(p.code, { qty: p.qty, cost: p.qty * p.price, blocked, initial: p.qty, bought: 0, sold: 0 });
  }
  return {
    fees,
    liquidityPerStep,
    now,
    account,
    firstOrderNo,
    lastOrderNo: firstOrderNo - 1,
    initialCash: account.deposit,
    cash: account.deposit,
    instruments,
    holdings,
    orders: [],
    byNo: new Map(),
    cancels: [],
  };
}

/** The instrument of a code the caller knows is listed (an order's code). */
export function instrumentOf(book: PaperBook, code: string): Instrument {
  const instrument = book.instruments.get(code);
  if (instrument === undefined) throw new Error(`internal: unknown code ${code}`);
  return instrument;
}

/** The holding of a code, created empty on the first purchase of a stock not held before. */
export function holdingOf(book: PaperBook, code: string): Holding {
  let h = book.holdings.get(code);
  if (h === undefined) {
    h = { qty: 0, cost: 0, blocked: 0, initial: 0, bought: 0, sold: 0 };
    book.holdings.set(code, h);
  }
  return h;
}

/** Order numbers are 7 digits; the paper exchange stops accepting orders rather than wrap. */
export function takeOrderNo(book: PaperBook): string {
  if (book.lastOrderNo >= MAX_ORDER_NO) throw new RangeError('the paper exchange ran out of 7-digit order numbers');
  book.lastOrderNo += 1;
  return formatOrderNo(book.lastOrderNo);
}

export function addOrder(book: PaperBook, order: MutableOrder): void {
  book.orders.push(order);
  book.byNo.set(order.orderNo, order);
}
