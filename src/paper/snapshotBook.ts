import { kstDate } from '../domain/tradingCalendar.ts';
import type { PaperBook } from './PaperBook.ts';
import type { PaperExchangeSnapshot } from './PaperExchangeSnapshot.ts';

/**
 * The book as JSON-safe data (see PaperExchangeSnapshot), dated by the book's clock; `seed` is the seed the
 * exchange reports.
 */
export function snapshotBook(book: PaperBook, seed: number): PaperExchangeSnapshot {
  return {
    version: 1,
    day: kstDate(new Date(book.now())),
    seed,
    account: book.account,
    firstOrderNo: book.firstOrderNo,
    lastOrderNo: book.lastOrderNo,
    initialCash: book.initialCash,
    cash: book.cash,
    instruments: [...book.instruments.values()].map((i) => ({
      code: i.code,
      price: i.path.price,
      high: i.path.high,
      low: i.path.low,
      rngState: i.rng.state,
      volume: i.volume,
    })),
    holdings: [...book.holdings].map(([code, h]) => ({ code, ...h })),
    orders: book.orders.map((o) => {
      const { origOrderNo, fills, ...rest } = o;
      return { ...rest, ...(origOrderNo !== undefined ? { origOrderNo } : {}), fills: fills.map((f) => ({ ...f })) };
    }),
    cancels: book.cancels.map((c) => ({ ...c })),
  };
}
