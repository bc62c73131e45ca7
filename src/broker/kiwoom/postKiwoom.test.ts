import { describe, expect, test } from 'vitest';
import { networkFailureKind, parseRetryAfter } from './postKiwoom.ts';

describe('networkFailureKind', () => {
  test.each([
    ['ECONNREFUSED', 'refused'],
    ['ENOTFOUND', 'refused'],
    ['EAI_AGAIN', 'refused'],
    ['ECONNRESET', 'reset'],
    ['EPIPE', 'reset'],
    ['ETIMEDOUT', 'reset'],
    ['ERR_BAD_RESPONSE', 'other'],
    [undefined, 'other'],
  ])('reads %s as %s', (code, kind) => {
    expect(networkFailureKind(code)).toBe(kind);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-03-04T00:00:00Z');
  test.each([
    ['2', 2_000],
    ['0', 0],
    ['99999', 120_000],
    ['Wed, 04 Mar 2026 00:00:05 GMT', 5_000],
    ['Wed, 04 Mar 2026 00:00:00 GMT', 0],
    ['soon', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('reads %j as %s ms', (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });
});
