import { PaperRejection } from './PaperRejection.ts';

/**
 * Readers for request body fields. Kiwoom sends every value as a string; the paper exchange is strict about that
 * so a client bug (a number instead of a string, a missing field) shows up in paper mode, not with real money.
 */

/** A JSON object body. */
export type RequestBody = Readonly<Record<string, unknown>>;

/** The field as a string; throws 1511 when it is missing (or empty, if `allowEmpty` is false) and 1517 when it is not a string. */
export function requiredString(body: RequestBody, key: string, allowEmpty = false): string {
  const value = body[key];
  if (value === undefined || value === null) throw new PaperRejection('missingField', key);
  if (typeof value !== 'string') throw new PaperRejection('badFormat', `${key}는 문자열이어야 합니다`);
  if (!allowEmpty && value.trim() === '') throw new PaperRejection('missingField', key);
  return value.trim();
}

/** The field as a string, or `fallback` when it is absent or empty; throws 1517 when it is not a string. */
export function optionalString(body: RequestBody, key: string, fallback: string): string {
  const value = body[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string') throw new PaperRejection('badFormat', `${key}는 문자열이어야 합니다`);
  return value.trim() === '' ? fallback : value.trim();
}

/** A required whole number written as a string of digits (`"10"`); throws 1511 / 1517. */
export function requiredDigits(body: RequestBody, key: string): number {
  return toDigits(key, requiredString(body, key));
}

/** Parses a string of digits as a safe integer; throws 1517 otherwise. */
export function toDigits(key: string, text: string): number {
  if (!/^\d{1,15}$/.test(text)) throw new PaperRejection('badFormat', `${key}=${text.slice(0, 20)}`);
  return Number(text);
}

/** The value of a `0/1/2`-style selector, checked against the allowed values (default when absent). */
export function selector(body: RequestBody, key: string, allowed: readonly string[], fallback: string): string {
  const value = optionalString(body, key, fallback);
  if (!allowed.includes(value)) throw new PaperRejection('badFormat', `${key}=${value.slice(0, 20)}`);
  return value;
}
