import { InvalidResponseError } from '../errors/InvalidResponseError.ts';

/** A numeric field as it arrives on the wire: Kiwoom sends strings, a stand-in server may send plain numbers. */
export type KiwoomNumeric = string | number | null | undefined;

/**
 * Sign characters, then digits. Kiwoom prints the direction against the previous close as a leading `+`/`-`
 * and zero-pads amounts after the sign (`-00000000196888`); examples in the spec also show a doubled sign (`--6`).
 * A doubled sign is read as one (both characters say "down"); mixed signs (`+-6`) are not guessed at.
 * @see shared/reference/kiwoom-rest.md "Number encoding"
 */
const NUMBER_PATTERN = /^([+-]*)\s*(\d+)$/;

/**
 * The one parser for every numeric field: returns the signed integer, or undefined for an empty or missing field.
 * Throws InvalidResponseError naming `field` for anything else (decimals, letters, mixed signs, unsafe integers).
 * Fields are won or shares, so only integers are accepted.
 */
export function parseKiwoomNumber(raw: KiwoomNumeric, field: string): number | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'number') {
    if (!Number.isSafeInteger(raw)) throw invalid(field, raw);
    return raw === 0 ? 0 : raw;
  }
  const text = raw.trim();
  if (text === '') return undefined;
  const match = NUMBER_PATTERN.exec(text);
  if (match === null) throw invalid(field, raw);
  const signs = match[1] ?? '';
  const digits = match[2] ?? '';
  if (signs.includes('+') && signs.includes('-')) throw invalid(field, raw);
  const magnitude = Number.parseInt(digits, 10);
  if (!Number.isSafeInteger(magnitude)) throw invalid(field, raw);
  // `magnitude === 0` avoids returning -0 for "-0000".
  return signs.includes('-') && magnitude !== 0 ? -magnitude : magnitude;
}

/** A signed amount (e.g. a change against the previous close, a cash balance that can go negative); empty -> 0. */
export function parseKiwoomSigned(raw: KiwoomNumeric, field: string): number {
  return parseKiwoomNumber(raw, field) ?? 0;
}

/**
 * A price: the leading sign is Kiwoom's up/down marker, not part of the value, so the absolute value is returned;
 * empty -> 0 (e.g. an empty side of the order book).
 */
export function parseKiwoomPrice(raw: KiwoomNumeric, field: string): number {
  return Math.abs(parseKiwoomSigned(raw, field));
}

/** A count that cannot be negative (shares, order quantities); a minus sign is an invalid response. Empty -> 0. */
export function parseKiwoomCount(raw: KiwoomNumeric, field: string): number {
  const value = parseKiwoomSigned(raw, field);
  if (value < 0) throw invalid(field, raw);
  return value;
}

function invalid(field: string, raw: KiwoomNumeric): InvalidResponseError {
  const shown = JSON.stringify(typeof raw === 'string' ? raw.slice(0, 40) : raw);
  return new InvalidResponseError(`Kiwoom field ${field} is not a whole number: ${shown}`);
}
