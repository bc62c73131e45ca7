import type { StockCode } from './types.ts';

/**
 * KRX short codes: six characters; since 2024 the 5th may be a letter other than I, O, U, and preferred shares end
 * in K, L, M or N (e.g. `28513K`). `^\d{6}$` would reject real codes.
 * @see ../shared/reference/krx-rules.md "Stock codes" (pattern used by FinanceDataReader)
 */
export const STOCK_CODE_PATTERN = /^\d{4}[0-9A-HJ-NP-TV-Z][0-9KLMN]$/;

/** Whether `value` is a KRX short code (STOCK_CODE_PATTERN); narrows it to StockCode. */
export function isStockCode(value: string): value is StockCode {
  return STOCK_CODE_PATTERN.test(value);
}

/**
 * Normalises a code as brokers print it to the six-character order form: drops a type prefix
 * (`A005930` shares, `Q` ETN, `J` ELW) and an exchange suffix (`_NX`, `_AL`). Returns undefined when what is left
 * is not a valid code.
 * @see ../shared/reference/kiwoom-rest.md "Account queries" (kt00018 codes are prefixed) and ka10001 suffixes
 */
export function normalizeStockCode(raw: string): StockCode | undefined {
  let code = raw.trim().toUpperCase();
  const suffix = code.indexOf('_');
  if (suffix >= 0) code = code.slice(0, suffix);
  if (code.length === 7 && /^[AQJ]/.test(code)) code = code.slice(1);
  return isStockCode(code) ? code : undefined;
}
