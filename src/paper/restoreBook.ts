import { kstDate } from '../domain/tradingCalendar.ts';
import { assertBookInvariants } from './assertBookInvariants.ts';
import { MAX_ORDER_NO } from './firstOrderNo.ts';
import type { MutableOrder } from './MutableOrder.ts';
import type { PaperAccountFile } from './PaperAccountFile.ts';
import { addOrder, openBook, type PaperBook } from './PaperBook.ts';
import { type PaperExchangeSnapshot, parsePaperSnapshot } from './PaperExchangeSnapshot.ts';
import { PaperSnapshotError } from './PaperSnapshotError.ts';
import { snapshotBook } from './snapshotBook.ts';

/** What a restored book keeps of the exchange restoring it (its options, not the snapshot's). */
export type BookSettings = Pick<PaperBook, 'fees' | 'liquidityPerStep' | 'now'>;

/**
 * The book a snapshot describes (a restart resuming, or a reset: the snapshot of a fresh exchange). A snapshot of
 * an earlier KST day starts a new trading day from it: the last prices become the base prices, open orders expire,
 * order numbers start again from the time of day, holdings and cash carry over. Throws PaperSnapshotError when the
 * snapshot is unreadable or breaks an invariant.
 */
export function restoreBook(raw: unknown, settings: BookSettings): PaperBook {
  const parsed = parsePaperSnapshot(raw);
  const today = kstDate(new Date(settings.now()));
  return parsed.day === today ? build(parsed, settings) : build(newDay(parsed, today, settings), settings);
}

/** A book holding the snapshot's state, checked against the invariants. */
function build(s: PaperExchangeSnapshot, settings: BookSettings): PaperBook {
  const fail = (what: string): never => {
    throw new PaperSnapshotError(`paper exchange state does not fit together: ${what}`);
  };
  let x: PaperBook;
  try {
    x = openBook({ account: s.account, seed: s.seed, ...settingsOf(settings), firstOrderNo: s.firstOrderNo });
  } catch (err) {
    return fail((err as Error).message);
  }
  if (s.instruments.length !== x.instruments.size) fail('instruments differ from the account file');
  for (const i of s.instruments) {
    const instrument = x.instruments.get(i.code) ?? fail(`unknown code ${i.code}`);
    try {
      instrument.path.restore(i);
    } catch (err) {
      fail(`${i.code}: ${(err as Error).message}`);
    }
    instrument.rng.state = i.rngState;
    instrument.volume = i.volume;
  }
  x.holdings.clear();
  for (const { code, ...h } of s.holdings) {
    if (!x.instruments.has(code)) fail(`holding of unknown code ${code}`);
    x.holdings.set(code, { ...h });
  }
  for (const o of s.orders) {
    if (!x.instruments.has(o.code) || x.byNo.has(o.orderNo)) fail(`order ${o.orderNo}`);
    const order: MutableOrder = { ...o, origOrderNo: o.origOrderNo, fills: o.fills.map((f) => ({ ...f })) };
    addOrder(x, order);
  }
  x.cancels.push(...s.cancels.map((c) => ({ ...c })));
  x.cash = s.cash;
  x.initialCash = s.initialCash;
  if (s.lastOrderNo < s.firstOrderNo - 1 || s.lastOrderNo > MAX_ORDER_NO) fail(`last order number ${s.lastOrderNo}`);
  x.lastOrderNo = s.lastOrderNo;
  try {
    assertBookInvariants(x);
  } catch (err) {
    fail((err as Error).message);
  }
  return x;
}

/** The snapshot of the first moment of `day` after the state `s` of an earlier day (see restoreBook). */
function newDay(s: PaperExchangeSnapshot, day: string, settings: BookSettings): PaperExchangeSnapshot {
  const before = build(s, settings);
  const names = new Map([...s.account.positions, ...s.account.quotes].map((e) => [e.code, e.name]));
  const positions: PaperAccountFile['positions'][number][] = [];
  const quotes: PaperAccountFile['quotes'][number][] = [];
  for (const [code, instrument] of before.instruments) {
    const h = before.holdings.get(code);
    const name = names.get(code) ?? instrument.name;
    const price = instrument.path.price;
    if (h !== undefined && h.qty > 0) {
      positions.push({ code, name, qty: h.qty, price, ...(h.blocked > 0 ? { sellableQty: h.qty - h.blocked } : {}) });
    } else {
      quotes.push({ code, name, price });
    }
  }
  const account = { ...s.account, deposit: before.cash, positions, quotes } as PaperAccountFile;
  const fresh = openBook({ account, seed: s.seed, ...settingsOf(settings) });
  for (const [code, instrument] of fresh.instruments) {
    instrument.rng.state = before.instruments.get(code)!.rng.state;
  }
  for (const [code, h] of fresh.holdings) h.cost = before.holdings.get(code)?.cost ?? h.cost;
  return { ...snapshotBook(fresh, s.seed), day };
}

/** Only the settings (a PaperBook passed as BookSettings must not bring its account along). */
function settingsOf(settings: BookSettings): BookSettings {
  return { fees: settings.fees, liquidityPerStep: settings.liquidityPerStep, now: settings.now };
}
