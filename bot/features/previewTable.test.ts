import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Plan, PlanLeg } from '../../src/domain/types.ts';
import { previewTabPages, ROWS_PER_PAGE } from './previewTable.ts';
import { previewMessage } from './previewView.ts';

const leg = fc.record({
  code: fc.stringMatching(/^\d{6}$/),
  name: fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.constantFrom('삼성전자', 'LG에너지솔루션', '<b>&amp;', '👨‍👩‍👧 가족'),
  ),
  price: fc.integer({ min: 1, max: 3_000_000 }),
  qty: fc.integer({ min: 1, max: 1_000_000 }),
  rounds: fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 100 }),
  heldQty: fc.integer({ min: 0, max: 1_000_000 }),
  targetValue: fc.integer({ min: 0, max: 2_000_000_000 }),
  targetPct: fc.double({ min: 0, max: 100, noNaN: true }),
}) as fc.Arbitrary<PlanLeg>;

function planOf(sells: PlanLeg[], buys: PlanLeg[]): Plan {
  return {
    sells,
    buys,
    excluded: sells.map((l) => ({
      code: l.code,
      name: l.name,
      qty: l.heldQty,
      price: l.price,
      value: l.heldQty * l.price,
      reason: 'excluded' as const,
    })),
    projected: { weights: {}, cash: 123_456 },
    totalValue: 9_999_999_999,
    estimatedCosts: 12_345,
  };
}

describe('preview pages', () => {
  test.each([50, 200])('%i legs: every page of every tab is under 4096 characters with at most 25 rows', (n) => {
    fc.assert(
      fc.property(fc.array(leg, { minLength: n, maxLength: n }), (legs) => {
        const plan = planOf(legs, legs);
        for (const tab of ['sells', 'buys', 'excluded'] as const) {
          const pages = previewTabPages(plan, tab);
          expect(pages).toHaveLength(Math.ceil(n / ROWS_PER_PAGE));
          pages.forEach((_, page) => {
            const m = previewMessage({
              mode: 'live',
              planId: 'p20260302-091000-3fa2c1',
              hash: 'a'.repeat(64),
              plan,
              tab,
              page,
            });
            expect(m.text.length).toBeLessThanOrEqual(4096);
            const rows = /<pre>([\s\S]*)<\/pre>/.exec(m.text)?.[1]?.split('\n') ?? [];
            expect(rows.length - 2).toBeLessThanOrEqual(ROWS_PER_PAGE);
            for (const b of m.keyboard.flat()) expect(Buffer.byteLength(b.data)).toBeLessThanOrEqual(64);
          });
        }
      }),
      { numRuns: 10 },
    );
  });
});
