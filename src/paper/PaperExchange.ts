import { commission, DEFAULT_FEE_RATES, sellTax } from '../domain/fees.ts';
import type { OrderType } from '../domain/OrderType.ts';
import { isOnTick, nextTickDown, nextTickUp } from '../domain/ticks.ts';
import { kstDate } from '../domain/tradingCalendar.ts';
import type { FeeRates, Side } from '../domain/types.ts';
import { formatOrderNo, MAX_ORDER_NO, paperFirstOrderNo } from './firstOrderNo.ts';
import { deriveSeed, type Mulberry32Stream, mulberry32Stream } from './mulberry32.ts';
import type { PaperAccountFile } from './PaperAccountFile.ts';
import { type PaperExchangeSnapshot, PaperSnapshotError, parsePaperSnapshot } from './PaperExchangeSnapshot.ts';
import { PaperRejection } from './PaperRejection.ts';
import { PricePath } from './PricePath.ts';

/**
 * The paper exchange's book-keeping and matching, with no IO (the server in paperServer.ts calls it).
 *
 * Market model (one stock):
 * - `price` is the last trade, a seeded random walk on the tick grid inside the daily limits (PricePath).
 * - bestAsk = one tick above the price and bestBid = one tick below, both clamped to the limits (at the upper
 *   limit bestAsk = the limit itself; at the lower limit bestBid = the limit itself).
 * - A matching event happens when an order arrives (amends included) and, for every open order, after each price
 *   step (step(), setPrice(), the server's auto-step timer). In one event an open buy whose limit >= bestAsk fills
 *   up to `liquidityPerStep` shares AT bestAsk, an open sell whose limit <= bestBid fills up to that many AT bestBid;
 *   market orders fill the same way with no limit. What is left rests and fills in later events, so large orders
 *   fill partially over several steps. Fills never move the price. Orders match in order-number order.
 * - Commission (commissionPpm per side) and sales tax (sellTaxPpm) are charged on every fill as the increase of the
 *   order's cumulative cost, each rounded up to the won the way src/domain/fees.ts does (so an order's
 *   `commission` always equals commission(its filled value)); that is what tdy_trde_cmsn / tdy_trde_tax report.
 * - A buy reserves cash while open: open qty x limit (the upper limit for a market order, as brokers do) plus the
 *   commission that would bring. Orderable cash = cash - reservations; a buy beyond it is rejected. Because fills
 *   happen at or better than the reserved price, the reservation always covers them (cash never goes below the
 *   reservations). Cancels and amends release the reservation of what they take away.
 * - Sellable shares = held - open sell quantity - shares the account file marks as not tradable
 *   (`qty - sellableQty`, e.g. pledged).
 * - Amend (정정) moves open quantity (all of it for qty 0) to a NEW order at the new price; the old order keeps its
 *   fills and, once nothing is open, is final with status 'amended'. Cancel takes open quantity away (0 = all) and
 *   gets an order number of its own (a cancel record, see cancellations()). A cancel can also be acknowledged before
 *   it takes effect (acceptCancelLater, the server's fault `cancelAckBeforeEffect`): the order fills meanwhile.
 * - Order numbers are 7 digits and count up by one from `firstOrderNo`, which by default comes from the start time
 *   (paperFirstOrderNo in firstOrderNo.ts), so a restart later the same day does not hand out numbers again.
 * Every rejection throws PaperRejection and leaves the state unchanged.
 */

/** One fill of an order. */
export interface PaperFill {
  readonly qty: number;
  readonly price: number;
  /** Date.now()-style time of the fill. */
  readonly at: number;
  /** Commission charged for this fill, won. */
  readonly commission: number;
  /** Sales tax charged for this fill, won (0 for buys). */
  readonly tax: number;
}

/** Lifecycle state: open while any quantity is open; otherwise how the last open quantity ended. */
export type PaperOrderStatus = 'open' | 'filled' | 'cancelled' | 'amended';

/** An accepted order (a new order or the order an amendment created), with its fills. */
export interface PaperOrder {
  /** 7-digit order number. */
  readonly orderNo: string;
  /** For an amendment: the order it amended; undefined for a new order. */
  readonly origOrderNo: string | undefined;
  /** The first order of the amendment chain (the order itself for a new order). */
  readonly rootOrderNo: string;
  readonly kind: 'new' | 'amend';
  readonly side: Side;
  readonly type: OrderType;
  readonly code: string;
  readonly name: string;
  /** Limit price; 0 for market orders. */
  readonly price: number;
  /** Quantity the order was accepted with. */
  readonly qty: number;
  readonly filledQty: number;
  /** Sum of fill qty x fill price, won. */
  readonly filledValue: number;
  /** Cumulative commission, won. */
  readonly commission: number;
  /** Cumulative sales tax, won. */
  readonly tax: number;
  /** Quantity taken away by cancels. */
  readonly cancelledQty: number;
  /** Quantity moved to amendment orders. */
  readonly amendedQty: number;
  /** Quantity still open: qty - filled - cancelled - amended. */
  readonly openQty: number;
  readonly status: PaperOrderStatus;
  /** Date.now()-style time the order was accepted. */
  readonly acceptedAt: number;
  readonly fills: readonly PaperFill[];
}

/** The record a cancel request leaves (it has an order number of its own but no fills). */
export interface PaperCancel {
  readonly orderNo: string;
  /** The order whose open quantity was cancelled. */
  readonly origOrderNo: string;
  readonly rootOrderNo: string;
  readonly code: string;
  readonly side: Side;
  readonly qty: number;
  readonly at: number;
}

/** Market view of one stock. */
export interface PaperQuoteView {
  readonly code: string;
  readonly name: string;
  readonly price: number;
  readonly bestBid: number;
  readonly bestAsk: number;
  readonly upperLimit: number;
  readonly lowerLimit: number;
  readonly basePrice: number;
  /** Day's open (the base price: the walk starts there), high and low. */
  readonly open: number;
  readonly high: number;
  readonly low: number;
  /** Shares the account traded in this stock today (the only volume the paper exchange has). */
  readonly volume: number;
}

/** One holding with what the broker reports about it. */
export interface PaperPositionView {
  readonly code: string;
  readonly name: string;
  readonly qty: number;
  /** qty minus shares in open sell orders and shares the account file marked as not tradable. */
  readonly sellableQty: number;
  /** Average purchase price, won (rounded). */
  readonly avgPrice: number;
  /** Purchase amount of the shares held, won. */
  readonly costBasis: number;
  readonly price: number;
  readonly boughtToday: number;
  readonly soldToday: number;
}

/** A new order as the exchange takes it. */
export interface PaperNewOrder {
  readonly side: Side;
  readonly code: string;
  readonly qty: number;
  readonly type: OrderType;
  /** Limit price; ignored for market orders. */
  readonly price?: number | undefined;
}

/** An amend request: move `qty` (0 = all open) of `origOrderNo` to `price`. */
export interface PaperAmendRequest {
  readonly origOrderNo: string;
  readonly code: string;
  readonly qty: number;
  readonly price: number;
}

/** A cancel request: take `qty` (0 = all open) of `origOrderNo` away. */
export interface PaperCancelRequest {
  readonly origOrderNo: string;
  readonly code: string;
  readonly qty: number;
}

/** What an accepted request returns. */
export interface PaperReceipt {
  /** The order number this request created. */
  readonly orderNo: string;
  /** The root of the chain (for a new order: the order itself). */
  readonly rootOrderNo: string;
  /** Quantity ordered, amended or cancelled. */
  readonly qty: number;
}

/** Totals since the start, for conservation checks. */
export interface PaperLedger {
  readonly initialCash: number;
  readonly boughtValue: number;
  readonly soldValue: number;
  readonly commissions: number;
  readonly taxes: number;
  /** Shares by code: held at start, bought, sold. */
  readonly shares: Readonly<
    Record<string, { readonly initial: number; readonly bought: number; readonly sold: number }>
  >;
}

/** Options of a PaperExchange. */
export interface PaperExchangeOptions {
  readonly account: PaperAccountFile;
  /** Seed of the price paths (default 1); each stock's path is derived from it and the code. */
  readonly seed?: number;
  readonly fees?: FeeRates;
  /** Most shares one order fills in one matching event (default 500). */
  readonly liquidityPerStep?: number;
  /** Clock for order and fill times (default Date.now). */
  readonly now?: () => number;
  /**
   * Number of the first order (new, amend or cancel), 1 .. 9,999,999. Default paperFirstOrderNo(now()): derived
   * from the start time, so a restart later the same KST day does not reuse the numbers of an earlier run.
   */
  readonly firstOrderNo?: number;
}

/** One request as it arrived at the server (recorded before any fault or validation). */
export interface PaperRequestRecord {
  readonly apiId: string;
  /** Date.now() on arrival. */
  readonly at: number;
  /** Parsed JSON body (secrets replaced by "[redacted]"), or the raw text when it was not JSON. */
  readonly body: unknown;
}

interface Instrument {
  readonly code: string;
  readonly name: string;
  readonly path: PricePath;
  /** The path's random source, kept so a snapshot can record where it is. */
  readonly rng: Mulberry32Stream;
  volume: number;
}

interface Holding {
  qty: number;
  cost: number;
  /** Shares held but not tradable (the account file's qty - sellableQty: pledged, unsettled...). */
  readonly blocked: number;
  readonly initial: number;
  bought: number;
  sold: number;
}

interface MutableOrder {
  readonly orderNo: string;
  readonly origOrderNo: string | undefined;
  readonly rootOrderNo: string;
  readonly kind: 'new' | 'amend';
  readonly side: Side;
  readonly type: OrderType;
  readonly code: string;
  readonly name: string;
  readonly price: number;
  readonly qty: number;
  filledQty: number;
  filledValue: number;
  commission: number;
  tax: number;
  cancelledQty: number;
  amendedQty: number;
  readonly acceptedAt: number;
  readonly fills: PaperFill[];
}

const DEFAULT_LIQUIDITY = 500;

/** See the file comment for the market model. */
export class PaperExchange {
  /** Every request the server received, on arrival (the engine measures order spacing from it). */
  readonly requestLog: PaperRequestRecord[] = [];
  readonly fees: FeeRates;
  readonly liquidityPerStep: number;
  readonly #now: () => number;
  readonly #seed: number;
  #account: PaperAccountFile;
  #firstOrderNo: number;
  readonly #instruments = new Map<string, Instrument>();
  readonly #holdings = new Map<string, Holding>();
  readonly #orders: MutableOrder[] = [];
  readonly #byNo = new Map<string, MutableOrder>();
  readonly #cancels: PaperCancel[] = [];
  /** Cancels acknowledged but not processed yet (acceptCancelLater), oldest first. */
  readonly #deferred: { readonly orderNo: string; readonly request: PaperCancelRequest; stepsLeft?: number }[] = [];
  #initialCash: number;
  #cash: number;
  #lastOrderNo: number;
  #fillsHeld = false;

  constructor(options: PaperExchangeOptions) {
    const { account } = options;
    this.fees = options.fees ?? DEFAULT_FEE_RATES;
    this.liquidityPerStep = options.liquidityPerStep ?? DEFAULT_LIQUIDITY;
    if (!Number.isSafeInteger(this.liquidityPerStep) || this.liquidityPerStep < 1) {
      throw new RangeError(`liquidityPerStep must be a whole number >= 1: ${this.liquidityPerStep}`);
    }
    const seed = options.seed ?? 1;
    this.#seed = seed;
    this.#account = account;
    this.#now = options.now ?? Date.now;
    this.#firstOrderNo = options.firstOrderNo ?? paperFirstOrderNo(this.#now());
    if (!Number.isSafeInteger(this.#firstOrderNo) || this.#firstOrderNo < 1 || this.#firstOrderNo > MAX_ORDER_NO) {
      throw new RangeError(`firstOrderNo must be a whole number 1..${MAX_ORDER_NO}: ${this.#firstOrderNo}`);
    }
    this.#lastOrderNo = this.#firstOrderNo - 1;
    this.#initialCash = account.deposit;
    this.#cash = account.deposit;
    for (const entry of [...account.positions, ...account.quotes]) {
      if (this.#instruments.has(entry.code)) throw new RangeError(`code ${entry.code} is listed twice`);
      const rng = mulberry32Stream(deriveSeed(seed, entry.code));
      const path = new PricePath(entry.price, () => rng.next());
      this.#instruments.set(entry.code, { code: entry.code, name: entry.name, path, rng, volume: 0 });
    }
    for (const p of account.positions) {
      const blocked = p.qty - (p.sellableQty ?? p.qty);
      this.#holdings.set(p.code, { qty: p.qty, cost: p.qty * p.price, blocked, initial: p.qty, bought: 0, sold: 0 });
    }
  }

  /** Number the first order of the day got (or will get); later ones count up by one. */
  get firstOrderNo(): number {
    return this.#firstOrderNo;
  }

  /**
   * The whole state as JSON-safe data (see PaperExchangeSnapshot): what `load` needs to continue exactly here,
   * price paths included. Not part of it: the request log, held fills, fees and liquidity (the options).
   */
  snapshot(): PaperExchangeSnapshot {
    return {
      version: 1,
      day: kstDate(new Date(this.#now())),
      seed: this.#seed,
      account: this.#account,
      firstOrderNo: this.#firstOrderNo,
      lastOrderNo: this.#lastOrderNo,
      initialCash: this.#initialCash,
      cash: this.#cash,
      instruments: [...this.#instruments.values()].map((i) => ({
        code: i.code,
        price: i.path.price,
        high: i.path.high,
        low: i.path.low,
        rngState: i.rng.state,
        volume: i.volume,
      })),
      holdings: [...this.#holdings].map(([code, h]) => ({ code, ...h })),
      orders: this.#orders.map((o) => {
        const { origOrderNo, fills, ...rest } = o;
        return { ...rest, ...(origOrderNo !== undefined ? { origOrderNo } : {}), fills: fills.map((f) => ({ ...f })) };
      }),
      cancels: this.#cancels.map((c) => ({ ...c })),
    };
  }

  /**
   * Replaces the whole state with a snapshot's (a restart resuming, or a reset: the snapshot of a fresh exchange).
   * A snapshot of an earlier KST day starts a new trading day from it: the last prices become the base prices,
   * open orders expire, order numbers start again from the time of day, holdings and cash carry over. Throws
   * PaperSnapshotError and changes nothing when the snapshot is unreadable or breaks an invariant.
   */
  load(raw: unknown): void {
    const parsed = parsePaperSnapshot(raw);
    const today = kstDate(new Date(this.#now()));
    const next = parsed.day === today ? this.#build(parsed) : this.#build(this.#newDay(parsed, today));
    this.#account = next.#account;
    this.#firstOrderNo = next.#firstOrderNo;
    this.#lastOrderNo = next.#lastOrderNo;
    this.#initialCash = next.#initialCash;
    this.#cash = next.#cash;
    this.#instruments.clear();
    for (const [k, v] of next.#instruments) this.#instruments.set(k, v);
    this.#holdings.clear();
    for (const [k, v] of next.#holdings) this.#holdings.set(k, v);
    this.#orders.length = 0;
    this.#orders.push(...next.#orders);
    this.#byNo.clear();
    for (const [k, v] of next.#byNo) this.#byNo.set(k, v);
    this.#cancels.length = 0;
    this.#cancels.push(...next.#cancels);
  }

  /** A separate exchange holding the snapshot's state, checked against the invariants. */
  #build(s: PaperExchangeSnapshot): PaperExchange {
    const fail = (what: string): never => {
      throw new PaperSnapshotError(`paper exchange state does not fit together: ${what}`);
    };
    let x: PaperExchange;
    try {
      x = new PaperExchange({
        account: s.account,
        seed: s.seed,
        fees: this.fees,
        liquidityPerStep: this.liquidityPerStep,
        now: this.#now,
        firstOrderNo: s.firstOrderNo,
      });
    } catch (err) {
      return fail((err as Error).message);
    }
    if (s.instruments.length !== x.#instruments.size) fail('instruments differ from the account file');
    for (const i of s.instruments) {
      const instrument = x.#instruments.get(i.code) ?? fail(`unknown code ${i.code}`);
      try {
        instrument.path.restore(i);
      } catch (err) {
        fail(`${i.code}: ${(err as Error).message}`);
      }
      instrument.rng.state = i.rngState;
      instrument.volume = i.volume;
    }
    x.#holdings.clear();
    for (const { code, ...h } of s.holdings) {
      if (!x.#instruments.has(code)) fail(`holding of unknown code ${code}`);
      x.#holdings.set(code, { ...h });
    }
    for (const o of s.orders) {
      if (!x.#instruments.has(o.code) || x.#byNo.has(o.orderNo)) fail(`order ${o.orderNo}`);
      const order: MutableOrder = { ...o, origOrderNo: o.origOrderNo, fills: o.fills.map((f) => ({ ...f })) };
      x.#add(order);
    }
    x.#cancels.push(...s.cancels.map((c) => ({ ...c })));
    x.#cash = s.cash;
    x.#initialCash = s.initialCash;
    if (s.lastOrderNo < s.firstOrderNo - 1 || s.lastOrderNo > MAX_ORDER_NO) fail(`last order number ${s.lastOrderNo}`);
    x.#lastOrderNo = s.lastOrderNo;
    try {
      x.assertInvariants();
    } catch (err) {
      fail((err as Error).message);
    }
    return x;
  }

  /** The snapshot of the first moment of `day` after the state `s` of an earlier day (see load). */
  #newDay(s: PaperExchangeSnapshot, day: string): PaperExchangeSnapshot {
    const before = this.#build(s);
    const names = new Map([...s.account.positions, ...s.account.quotes].map((e) => [e.code, e.name]));
    const positions: PaperAccountFile['positions'][number][] = [];
    const quotes: PaperAccountFile['quotes'][number][] = [];
    for (const [code, instrument] of before.#instruments) {
      const h = before.#holdings.get(code);
      const name = names.get(code) ?? instrument.name;
      const price = instrument.path.price;
      if (h !== undefined && h.qty > 0) {
        positions.push({ code, name, qty: h.qty, price, ...(h.blocked > 0 ? { sellableQty: h.qty - h.blocked } : {}) });
      } else {
        quotes.push({ code, name, price });
      }
    }
    const account = { ...s.account, deposit: before.#cash, positions, quotes } as PaperAccountFile;
    const fresh = new PaperExchange({
      account,
      seed: s.seed,
      fees: this.fees,
      liquidityPerStep: this.liquidityPerStep,
      now: this.#now,
    });
    for (const [code, instrument] of fresh.#instruments) {
      instrument.rng.state = before.#instruments.get(code)!.rng.state;
    }
    for (const [code, h] of fresh.#holdings) h.cost = before.#holdings.get(code)?.cost ?? h.cost;
    return { ...fresh.snapshot(), day };
  }

  /** Records one request as it arrived (the server calls this for every request). */
  recordRequest(record: PaperRequestRecord): void {
    this.requestLog.push(record);
  }

  /** While on, nothing fills: orders are accepted and rest open. Turning it off fills nothing by itself. */
  holdFills(on: boolean): void {
    this.#fillsHeld = on;
  }

  /** Whether fills are held (see holdFills). */
  get fillsHeld(): boolean {
    return this.#fillsHeld;
  }

  /** Advances every price path `n` steps (default 1), matching open orders after each step. */
  step(n = 1): void {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`steps must be a whole number >= 0: ${n}`);
    for (let i = 0; i < n; i++) {
      for (const instrument of this.#instruments.values()) instrument.path.step();
      this.#matchOpen(undefined);
      this.#countDeferred();
    }
  }

  /** Forces a price (rounded down to the tick grid, clamped into the limits), then matches that stock's orders. */
  setPrice(code: string, price: number): void {
    const instrument = this.#instruments.get(code);
    if (instrument === undefined) throw new RangeError(`unknown code: ${code}`);
    instrument.path.set(price);
    this.#matchOpen(code);
    this.#countDeferred();
  }

  /** Codes the exchange knows (held at start or quoted), in account-file order. */
  codes(): string[] {
    return [...this.#instruments.keys()];
  }

  /** Market view of a code; undefined for an unknown code. */
  quote(code: string): PaperQuoteView | undefined {
    const instrument = this.#instruments.get(code);
    if (instrument === undefined) return undefined;
    const { path } = instrument;
    const { upper, lower } = path.limits;
    const price = path.price;
    return {
      code,
      name: instrument.name,
      price,
      bestBid: price <= lower ? lower : Math.max(lower, nextTickDown(price, path.kind)),
      bestAsk: price >= upper ? upper : Math.min(upper, nextTickUp(price, path.kind)),
      upperLimit: upper,
      lowerLimit: lower,
      basePrice: path.base,
      open: path.base,
      high: path.high,
      low: path.low,
      volume: instrument.volume,
    };
  }

  /** Deposit cash now, won (after every fill's value, commission and tax). */
  cash(): number {
    return this.#cash;
  }

  /** Cash reserved by open buy orders, won. */
  reservedCash(): number {
    let total = 0;
    for (const order of this.#orders) if (order.side === 'buy') total += this.#reserveOf(order);
    return total;
  }

  /** Cash that can fund a new buy now: cash minus what open buy orders reserve (commission included). */
  orderableCash(): number {
    return this.#cash - this.reservedCash();
  }

  /** Sale proceeds received today (value - commission - tax of every sell fill): cash that cannot be withdrawn yet (T+2). */
  unsettledSaleProceeds(): number {
    let total = 0;
    for (const order of this.#orders) {
      if (order.side === 'sell') total += order.filledValue - order.commission - order.tax;
    }
    return total;
  }

  /** Holdings with at least one share, in account-file order then order of first purchase. */
  positions(): PaperPositionView[] {
    const out: PaperPositionView[] = [];
    for (const [code, h] of this.#holdings) {
      if (h.qty <= 0) continue;
      const instrument = this.#instrument(code);
      out.push({
        code,
        name: instrument.name,
        qty: h.qty,
        sellableQty: Math.max(0, h.qty - h.blocked - this.#openSellQty(code)),
        avgPrice: Math.round(h.cost / h.qty),
        costBasis: h.cost,
        price: instrument.path.price,
        boughtToday: h.bought,
        soldToday: h.sold,
      });
    }
    return out;
  }

  /** Every order ever accepted (new and amendment orders, open or final), oldest first, as snapshots. */
  orders(): readonly PaperOrder[] {
    return this.#orders.map((o) => this.#view(o));
  }

  /** Orders with open quantity, oldest first. */
  openOrders(): PaperOrder[] {
    return this.#orders.filter((o) => openQtyOf(o) > 0).map((o) => this.#view(o));
  }

  /** One order by number; undefined when there is none (cancel records are not orders: see cancellations()). */
  order(orderNo: string): PaperOrder | undefined {
    const o = this.#byNo.get(orderNo);
    return o === undefined ? undefined : this.#view(o);
  }

  /** Every cancel record, oldest first. */
  cancellations(): readonly PaperCancel[] {
    return [...this.#cancels];
  }

  /** Totals since the start, for conservation checks. */
  ledger(): PaperLedger {
    let boughtValue = 0;
    let soldValue = 0;
    let commissions = 0;
    let taxes = 0;
    for (const o of this.#orders) {
      if (o.side === 'buy') boughtValue += o.filledValue;
      else soldValue += o.filledValue;
      commissions += o.commission;
      taxes += o.tax;
    }
    const shares: Record<string, { initial: number; bought: number; sold: number }> = {};
    for (const [code, h] of this.#holdings) shares[code] = { initial: h.initial, bought: h.bought, sold: h.sold };
    return { initialCash: this.#initialCash, boughtValue, soldValue, commissions, taxes, shares };
  }

  /**
   * Checks the money and share invariants and throws an Error naming the first one broken: cash and orderable cash
   * never negative; cash = initial - bought - commissions - taxes + sold; shares = initial + bought - sold and never
   * below the open sell quantity; every order's quantities add up. Cheap enough to call after every step in tests.
   */
  assertInvariants(): void {
    const fail = (what: string): never => {
      throw new Error(`paper exchange invariant broken: ${what}`);
    };
    if (!Number.isSafeInteger(this.#cash) || this.#cash < 0) fail(`cash ${this.#cash}`);
    const reserved = this.reservedCash();
    if (reserved < 0 || this.#cash - reserved < 0) fail(`cash ${this.#cash} below reserved ${reserved}`);
    const l = this.ledger();
    const expectedCash = l.initialCash - l.boughtValue - l.commissions - l.taxes + l.soldValue;
    if (expectedCash !== this.#cash) fail(`cash ${this.#cash} but the fills say ${expectedCash}`);
    for (const [code, h] of this.#holdings) {
      if (h.qty !== h.initial + h.bought - h.sold)
        fail(`${code} holds ${h.qty}, fills say ${h.initial + h.bought - h.sold}`);
      if (h.qty < 0) fail(`${code} holds ${h.qty}`);
      if (this.#openSellQty(code) > h.qty - h.blocked) {
        fail(`${code} open sells ${this.#openSellQty(code)} exceed ${h.qty - h.blocked} tradable`);
      }
    }
    for (const o of this.#orders) {
      if (openQtyOf(o) < 0) fail(`order ${o.orderNo} open qty ${openQtyOf(o)}`);
      const filled = o.fills.reduce((s, f) => s + f.qty, 0);
      if (filled !== o.filledQty) fail(`order ${o.orderNo} fills ${filled} vs filledQty ${o.filledQty}`);
      if (o.commission !== commission(o.filledValue, this.fees)) fail(`order ${o.orderNo} commission`);
      if (o.side === 'sell' && o.tax !== sellTax(o.filledValue, this.fees)) fail(`order ${o.orderNo} tax`);
    }
  }

  /** Accepts a new order (and matches it once at once) or throws PaperRejection without changing anything. */
  placeOrder(request: PaperNewOrder): PaperReceipt {
    const instrument = this.#instruments.get(request.code);
    if (instrument === undefined) throw new PaperRejection('unknownStock', `종목코드=${request.code}`);
    if (!Number.isSafeInteger(request.qty) || request.qty <= 0) {
      throw new PaperRejection('badQty', `주문수량=${request.qty}`);
    }
    if (request.side !== 'buy' && request.side !== 'sell') throw new PaperRejection('badFormat', 'side');
    let price = 0;
    if (request.type === 'limit') {
      price = this.#checkLimitPrice(instrument, request.price);
    } else if (request.type !== 'market') {
      throw new PaperRejection('unsupportedType');
    }
    if (request.side === 'buy') {
      const need = reserveFor(request.qty, price === 0 ? instrument.path.limits.upper : price, 0, this.fees);
      const orderable = this.orderableCash();
      if (need > orderable) {
        throw new PaperRejection('insufficientCash', `필요금액=${need}, 주문가능금액=${orderable}`);
      }
    } else {
      const sellable = this.#sellable(request.code);
      if (request.qty > sellable) {
        throw new PaperRejection('insufficientShares', `주문수량=${request.qty}, 매도가능수량=${sellable}`);
      }
    }
    const orderNo = this.#takeOrderNo();
    const order: MutableOrder = {
      orderNo,
      origOrderNo: undefined,
      rootOrderNo: orderNo,
      kind: 'new',
      side: request.side,
      type: request.type,
      code: request.code,
      name: instrument.name,
      price,
      qty: request.qty,
      filledQty: 0,
      filledValue: 0,
      commission: 0,
      tax: 0,
      cancelledQty: 0,
      amendedQty: 0,
      acceptedAt: this.#now(),
      fills: [],
    };
    this.#add(order);
    this.#matchOne(order);
    return { orderNo, rootOrderNo: orderNo, qty: request.qty };
  }

  /**
   * Moves open quantity of an order to a new order at a new price (정정). The new order is matched once at once.
   * Throws PaperRejection without changing anything for an unknown or closed order, another code, a quantity
   * beyond what is open, a market order, a bad price, or (buys) a price the orderable cash cannot cover.
   */
  amendOrder(request: PaperAmendRequest): PaperReceipt {
    const orig = this.#openTarget(request.origOrderNo, request.code);
    const open = openQtyOf(orig);
    const qty = this.#targetQty(request.qty, open);
    if (orig.type !== 'limit') throw new PaperRejection('unsupportedType', '시장가 주문은 정정할 수 없습니다');
    const instrument = this.#instrument(orig.code);
    const price = this.#checkLimitPrice(instrument, request.price);
    if (orig.side === 'buy') {
      // Cash the move frees on the old order, then what the new order needs.
      const before = this.#reserveOf(orig);
      const after = reserveFor(open - qty, orig.price, orig.filledValue, this.fees);
      const available = this.orderableCash() + before - after;
      const need = reserveFor(qty, price, 0, this.fees);
      if (need > available) {
        throw new PaperRejection('insufficientCash', `필요금액=${need}, 주문가능금액=${available}`);
      }
    }
    const orderNo = this.#takeOrderNo();
    orig.amendedQty += qty;
    const order: MutableOrder = {
      orderNo,
      origOrderNo: orig.orderNo,
      rootOrderNo: orig.rootOrderNo,
      kind: 'amend',
      side: orig.side,
      type: 'limit',
      code: orig.code,
      name: orig.name,
      price,
      qty,
      filledQty: 0,
      filledValue: 0,
      commission: 0,
      tax: 0,
      cancelledQty: 0,
      amendedQty: 0,
      acceptedAt: this.#now(),
      fills: [],
    };
    this.#add(order);
    this.#matchOne(order);
    return { orderNo, rootOrderNo: orig.rootOrderNo, qty };
  }

  /** Cancels open quantity of an order (0 = all). Throws PaperRejection without changing anything when it cannot. */
  cancelOrder(request: PaperCancelRequest): PaperReceipt {
    const orig = this.#openTarget(request.origOrderNo, request.code);
    const qty = this.#targetQty(request.qty, openQtyOf(orig));
    const orderNo = this.#takeOrderNo();
    orig.cancelledQty += qty;
    this.#cancels.push({
      orderNo,
      origOrderNo: orig.orderNo,
      rootOrderNo: orig.rootOrderNo,
      code: orig.code,
      side: orig.side,
      qty,
      at: this.#now(),
    });
    return { orderNo, rootOrderNo: orig.rootOrderNo, qty };
  }

  /**
   * A cancel acknowledged before it takes effect (Kiwoom answers a cancel before the exchange has processed it): the
   * request is checked and gets its order number now, but the order stays open and fillable until
   * applyDeferredCancel(orderNo), or until `afterSteps` matching events (step(), setPrice()) have passed when given.
   * Then what is still open of it is cancelled (the requested quantity at most; 0 = all). The receipt's quantity is
   * what was open at the acknowledgement.
   */
  acceptCancelLater(request: PaperCancelRequest, afterSteps?: number): PaperReceipt {
    const orig = this.#openTarget(request.origOrderNo, request.code);
    const qty = this.#targetQty(request.qty, openQtyOf(orig));
    if (afterSteps !== undefined && (!Number.isSafeInteger(afterSteps) || afterSteps < 1)) {
      throw new RangeError(`afterSteps must be a whole number >= 1: ${afterSteps}`);
    }
    const orderNo = this.#takeOrderNo();
    this.#deferred.push({ orderNo, request, ...(afterSteps !== undefined ? { stepsLeft: afterSteps } : {}) });
    return { orderNo, rootOrderNo: orig.rootOrderNo, qty };
  }

  /** Processes a cancel acknowledged earlier (acceptCancelLater); returns the quantity it took away (0: none left). */
  applyDeferredCancel(orderNo: string): number {
    const i = this.#deferred.findIndex((d) => d.orderNo === orderNo);
    const d = this.#deferred[i];
    if (d === undefined) return 0;
    this.#deferred.splice(i, 1);
    const orig = this.#byNo.get(d.request.origOrderNo);
    if (orig === undefined) return 0;
    const open = openQtyOf(orig);
    const qty = d.request.qty === 0 ? open : Math.min(d.request.qty, open);
    orig.cancelledQty += qty;
    this.#cancels.push({
      orderNo,
      origOrderNo: orig.orderNo,
      rootOrderNo: orig.rootOrderNo,
      code: orig.code,
      side: orig.side,
      qty,
      at: this.#now(),
    });
    return qty;
  }

  /** Cancels acknowledged and not processed yet (their order numbers). */
  deferredCancels(): string[] {
    return this.#deferred.map((d) => d.orderNo);
  }

  /** One matching event passed: deferred cancels counted in events take effect when their count runs out. */
  #countDeferred(): void {
    for (const d of [...this.#deferred]) {
      if (d.stepsLeft === undefined) continue;
      d.stepsLeft -= 1;
      if (d.stepsLeft <= 0) this.applyDeferredCancel(d.orderNo);
    }
  }

  #checkLimitPrice(instrument: Instrument, price: number | undefined): number {
    if (price === undefined || !Number.isSafeInteger(price) || price <= 0) {
      throw new PaperRejection('offTick', `주문가격=${String(price)}`);
    }
    const { upper, lower } = instrument.path.limits;
    // @see ../shared/reference/krx-rules.md "Tick sizes": an order off the tick grid is rejected by the broker.
    if (!isOnTick(price, instrument.path.kind)) throw new PaperRejection('offTick', `주문가격=${price}`);
    // @see ../shared/reference/krx-rules.md "Daily price limits"
    if (price > upper || price < lower) {
      throw new PaperRejection('outsideLimits', `주문가격=${price}, 상한가=${upper}, 하한가=${lower}`);
    }
    return price;
  }

  #openTarget(origOrderNo: string, code: string): MutableOrder {
    const orig = this.#byNo.get(origOrderNo);
    if (orig === undefined || openQtyOf(orig) <= 0) {
      throw new PaperRejection('noOpenOrder', `원주문번호=${origOrderNo}`);
    }
    if (orig.code !== code) throw new PaperRejection('codeMismatch', `원주문 종목=${orig.code}, 요청 종목=${code}`);
    return orig;
  }

  #targetQty(requested: number, open: number): number {
    if (!Number.isSafeInteger(requested) || requested < 0) throw new PaperRejection('badQty', `수량=${requested}`);
    if (requested > open) throw new PaperRejection('qtyBeyondOpen', `수량=${requested}, 미체결수량=${open}`);
    return requested === 0 ? open : requested;
  }

  /** Order numbers are 7 digits; the paper exchange stops accepting orders rather than wrap. */
  #takeOrderNo(): string {
    if (this.#lastOrderNo >= MAX_ORDER_NO) throw new RangeError('the paper exchange ran out of 7-digit order numbers');
    this.#lastOrderNo += 1;
    return formatOrderNo(this.#lastOrderNo);
  }

  #add(order: MutableOrder): void {
    this.#orders.push(order);
    this.#byNo.set(order.orderNo, order);
  }

  #instrument(code: string): Instrument {
    const instrument = this.#instruments.get(code);
    if (instrument === undefined) throw new Error(`internal: unknown code ${code}`);
    return instrument;
  }

  #openSellQty(code: string): number {
    let total = 0;
    for (const o of this.#orders) if (o.side === 'sell' && o.code === code) total += openQtyOf(o);
    return total;
  }

  #sellable(code: string): number {
    const h = this.#holdings.get(code);
    return h === undefined ? 0 : h.qty - h.blocked - this.#openSellQty(code);
  }

  #reserveOf(order: MutableOrder): number {
    if (order.side !== 'buy') return 0;
    const open = openQtyOf(order);
    if (open === 0) return 0;
    const limit = order.type === 'market' ? this.#instrument(order.code).path.limits.upper : order.price;
    return reserveFor(open, limit, order.filledValue, this.fees);
  }

  #matchOpen(code: string | undefined): void {
    for (const order of this.#orders) {
      if (openQtyOf(order) > 0 && (code === undefined || order.code === code)) this.#matchOne(order);
    }
  }

  #matchOne(order: MutableOrder): void {
    if (this.#fillsHeld) return;
    const open = openQtyOf(order);
    if (open <= 0) return;
    const quote = this.quote(order.code);
    if (quote === undefined) return;
    const market = order.type === 'market';
    if (order.side === 'buy') {
      if (market || order.price >= quote.bestAsk)
        this.#fill(order, Math.min(open, this.liquidityPerStep), quote.bestAsk);
    } else if (market || order.price <= quote.bestBid) {
      this.#fill(order, Math.min(open, this.liquidityPerStep), quote.bestBid);
    }
  }

  #fill(order: MutableOrder, qty: number, price: number): void {
    const value = qty * price;
    const newValue = order.filledValue + value;
    // Cumulative rounding: the order's commission and tax always equal the fees.ts amounts of its filled value.
    const fee = commission(newValue, this.fees) - order.commission;
    const tax = order.side === 'sell' ? sellTax(newValue, this.fees) - order.tax : 0;
    const holding = this.#holding(order.code);
    if (order.side === 'buy') {
      this.#cash -= value + fee;
      holding.qty += qty;
      holding.cost += value;
      holding.bought += qty;
    } else {
      this.#cash += value - fee - tax;
      // Average cost is unchanged by a sale: remove the sold shares' share of the cost.
      holding.cost = holding.qty === qty ? 0 : holding.cost - Math.round((holding.cost / holding.qty) * qty);
      holding.qty -= qty;
      holding.sold += qty;
    }
    order.filledQty += qty;
    order.filledValue = newValue;
    order.commission += fee;
    order.tax += tax;
    order.fills.push({ qty, price, at: this.#now(), commission: fee, tax });
    this.#instrument(order.code).volume += qty;
  }

  #holding(code: string): Holding {
    let h = this.#holdings.get(code);
    if (h === undefined) {
      h = { qty: 0, cost: 0, blocked: 0, initial: 0, bought: 0, sold: 0 };
      this.#holdings.set(code, h);
    }
    return h;
  }

  #view(o: MutableOrder): PaperOrder {
    const openQty = openQtyOf(o);
    let status: PaperOrderStatus = 'filled';
    if (openQty > 0) status = 'open';
    else if (o.cancelledQty > 0) status = 'cancelled';
    else if (o.amendedQty > 0) status = 'amended';
    return { ...o, openQty, status, fills: [...o.fills] };
  }
}

function openQtyOf(o: MutableOrder): number {
  return o.qty - o.filledQty - o.cancelledQty - o.amendedQty;
}

/**
 * Cash an open buy must keep reserved: the most its open quantity can still cost at `limit`, plus the commission
 * increase that would bring on top of what `filledValue` already paid. Fills at or below `limit` always cost no
 * more than the reservation they release, so orderable cash never goes negative.
 */
function reserveFor(openQty: number, limit: number, filledValue: number, fees: FeeRates): number {
  const openValue = openQty * limit;
  return openValue + commission(filledValue + openValue, fees) - commission(filledValue, fees);
}
