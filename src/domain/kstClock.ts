/**
 * Korea Standard Time arithmetic on epoch milliseconds. KST is UTC+9 all year (Korea has no daylight saving time),
 * so a fixed offset is exact and no time-zone database is needed.
 */

/** UTC+9. */
export const KST_OFFSET_MS = 9 * 60 * 60 * 1000;
/** One calendar day; exact in KST, which has no daylight saving time. */
export const DAY_MS = 24 * 60 * 60 * 1000;

/** Milliseconds since the last KST midnight at `epochMs` (0 .. 86,399,999). */
export function msSinceKstMidnight(epochMs: number): number {
  if (!Number.isFinite(epochMs)) throw new RangeError(`not a time: ${epochMs}`);
  const local = Math.floor(epochMs) + KST_OFFSET_MS;
  return ((local % DAY_MS) + DAY_MS) % DAY_MS;
}

/**
 * `YYYYMMDDHHmmss` in KST, as Kiwoom prints timestamps (a token's `expires_dt`).
 * @see ../../shared/reference/kiwoom-rest.md "Token"
 */
export function kstTimestamp(epochMs: number): string {
  if (!Number.isFinite(epochMs)) throw new RangeError(`not a time: ${epochMs}`);
  const iso = new Date(Math.floor(epochMs) + KST_OFFSET_MS).toISOString(); // 2026-03-04T05:06:07.000Z, in KST
  return iso.slice(0, 19).replace(/[-T:]/g, '');
}

/**
 * Time of day in KST as the broker prints it in order lists: `HHmmss`.
 * @see ../../shared/reference/kiwoom-rest.md "Account queries" (`tm`, `ord_tm` are HHmmss)
 */
export function kstHHmmss(epochMs: number): string {
  const secs = Math.floor(msSinceKstMidnight(epochMs) / 1000);
  const pad2 = (n: number) => String(n).padStart(2, '0');
  return `${pad2(Math.floor(secs / 3600))}${pad2(Math.floor((secs % 3600) / 60))}${pad2(secs % 60)}`;
}

/** `YYYY-MM-DD HH:MM` in KST, for people (when a session opens). */
export function kstMinute(epochMs: number): string {
  if (!Number.isFinite(epochMs)) throw new RangeError(`not a time: ${epochMs}`);
  return new Date(Math.floor(epochMs) + KST_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
