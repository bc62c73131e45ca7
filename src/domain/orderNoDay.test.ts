import { describe, expect, test } from 'vitest';
import { orderNoDay } from './orderNoDay.ts';

describe('orderNoDay', () => {
  test.each<[string, string]>([
    ['2026-03-02T00:00:00Z', '20260302'],
    ['2026-03-02T14:59:59.999Z', '20260302'],
    ['2026-03-02T15:00:00Z', '20260303'],
    ['2026-12-31T15:00:00Z', '20270101'],
  ])('an order number claimed at %s belongs to the KST day %s', (iso, day) => {
    expect(orderNoDay(Date.parse(iso))).toBe(day);
  });
});
