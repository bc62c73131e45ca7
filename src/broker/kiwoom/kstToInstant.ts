import { InvalidResponseError } from '../errors/InvalidResponseError.ts';

const KST_OFFSET_MS = 9 * 60 * 60 * 1000;

/**
 * Reads a Kiwoom KST timestamp `YYYYMMDDHHmmss` (e.g. a token's `expires_dt`) as epoch milliseconds. Korea has no
 * daylight saving time, so KST is always UTC+9. Throws InvalidResponseError for anything that is not a real
 * date and time.
 * @see shared/reference/kiwoom-rest.md "Token"
 */
export function kstToInstant(value: string, field: string): number {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value.trim());
  if (match === null) throw new InvalidResponseError(`Kiwoom field ${field} is not YYYYMMDDHHmmss`);
  const [y, mo, d, h, mi, s] = match.slice(1).map((part) => Number.parseInt(part, 10)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(utc);
  // Date.UTC rolls 20260231 over into March; a round trip catches impossible dates and times.
  if (
    back.getUTCMonth() !== mo - 1 ||
    back.getUTCDate() !== d ||
    back.getUTCHours() !== h ||
    back.getUTCMinutes() !== mi ||
    back.getUTCSeconds() !== s
  ) {
    throw new InvalidResponseError(`Kiwoom field ${field} is not a valid KST date and time`);
  }
  return utc - KST_OFFSET_MS;
}
