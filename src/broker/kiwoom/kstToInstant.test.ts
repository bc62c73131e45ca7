import { describe, expect, test } from 'vitest';
import { InvalidResponseError } from '../errors/InvalidResponseError.ts';
import { kstToInstant } from './kstToInstant.ts';

describe('kstToInstant', () => {
  test.each([
    ['20260304090000', '2026-03-04T00:00:00.000Z'],
    ['20260101000000', '2025-12-31T15:00:00.000Z'],
    ['20261231235959', '2026-12-31T14:59:59.000Z'],
    ['20280229120000', '2028-02-29T03:00:00.000Z'],
  ])('reads %s KST as %s', (kst, iso) => {
    expect(new Date(kstToInstant(kst, 'expires_dt')).toISOString()).toBe(iso);
  });

  test.each([
    ['2026030409000'],
    ['202603040900001'],
    ['20261301000000'],
    ['20260230000000'],
    ['20260304250000'],
    ['2026-03-04 09:00'],
    [''],
  ])('refuses %j', (kst) => {
    expect(() => kstToInstant(kst, 'expires_dt')).toThrow(InvalidResponseError);
  });
});
