import { kstHHmmss, kstTimestamp } from '../domain/kstClock.ts';

/**
 * Number and time encodings of the Kiwoom REST wire format, as the paper exchange writes them.
 * @see ../shared/reference/kiwoom-rest.md "Number encoding": numbers are strings; a leading +/- on a price is the
 *   direction against the base price (the absolute value is the price); amounts are zero-padded with the sign first
 *   (`-00000000196888`, 15 characters in kt00018 / kt00001).
 */

/** A price signed by its direction against `base`: `+71300` above, `-70100` below, `71200` equal. */
export function signedPrice(price: number, base: number): string {
  if (price > base) return `+${price}`;
  if (price < base) return `-${price}`;
  return String(price);
}

/** A signed difference: `+100`, `-200`, `0`. */
export function signedDiff(diff: number): string {
  return diff > 0 ? `+${diff}` : String(diff);
}

/**
 * A whole number zero-padded to `width` characters with the sign first (`000000000177000`, `-00000000196888`).
 * A number too long for the width is written in full rather than cut.
 */
export function padded(n: number, width = 15): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a whole number: ${n}`);
  if (n < 0) return `-${String(-n).padStart(width - 1, '0')}`;
  return String(n).padStart(width, '0');
}

/**
 * A rate in percent with two decimals (`1.25`, `-0.40`, `0.00`); with `plus`, positive rates get a `+` (`+1.25`),
 * as ka10001's `flu_rt` does. `decimals`: kt00004's `pl_rt` has four (`-43.8977`). A display value only: never
 * parsed back into money.
 */
export function percent(numerator: number, denominator: number, plus = false, decimals = 2): string {
  const zero = (0).toFixed(decimals);
  if (denominator === 0) return zero;
  const value = (numerator / denominator) * 100;
  const text = Math.abs(value).toFixed(decimals);
  if (text === zero) return zero;
  if (value < 0) return `-${text}`;
  return plus ? `+${text}` : text;
}

/**
 * YYYYMMDD of `epochMs` in KST (ka10001's `250hgst_pric_dt`, kt00007's `ord_dt`). The wire's other KST times come
 * from src/domain/kstClock.ts as they are: kstTimestamp `YYYYMMDDHHmmss` (`expires_dt`), kstHHmmss `HHmmss` (order
 * and fill times).
 */
export function kstYyyymmdd(epochMs: number): string {
  return kstTimestamp(epochMs).slice(0, 8);
}

/** HH:mm:ss of `epochMs` in KST (kt00007's `ord_tm`). */
export function kstColonTime(epochMs: number): string {
  const t = kstHHmmss(epochMs);
  return `${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}`;
}
