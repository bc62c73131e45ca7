import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type ClockSample, clockOffsetVerdict, estimateClockOffset, sampleBounds } from './brokerClockOffset.ts';

const T = Date.UTC(2026, 2, 2, 1, 0, 0);

/** What a broker whose clock is `offset` ms off ours writes on an answer it stamped at our instant `at`. */
function sample(sentAt: number, at: number, receivedAt: number, offset: number): ClockSample {
  return { sentAt, receivedAt, brokerTime: Math.floor((at + offset) / 1000) * 1000 };
}

describe('sampleBounds', () => {
  test('a broker 3 s behind, answering within 40 ms', () => {
    const b = sampleBounds(sample(T + 100, T + 120, T + 140, -3_000));
    // Broker second: T - 3000 + 120 -> floored to T - 3000; offset in [T-3000 - (T+140), T-3000+1000 - (T+100)].
    expect(b).toEqual({ low: -3_140, high: -2_100 });
  });

  test('an answer before its request, or a non-number, is no sample', () => {
    expect(sampleBounds({ sentAt: T, receivedAt: T - 1, brokerTime: T })).toBeUndefined();
    expect(sampleBounds({ sentAt: T, receivedAt: T, brokerTime: Number.NaN })).toBeUndefined();
  });
});

describe('estimateClockOffset', () => {
  test('nothing measured: undefined', () => {
    expect(estimateClockOffset([])).toBeUndefined();
  });

  test('several samples narrow the bounds', () => {
    const one = estimateClockOffset([sample(T, T + 10, T + 20, -3_000)]);
    const many = estimateClockOffset(
      [0, 250, 500, 750].map((d) => sample(T + 5_000 + d, T + 5_000 + d + 10, T + 5_000 + d + 20, -3_000)),
    );
    expect(one?.samples).toBe(1);
    expect(many?.samples).toBe(4);
    expect((many?.highMs ?? 0) - (many?.lowMs ?? 0)).toBeLessThan((one?.highMs ?? 0) - (one?.lowMs ?? 0));
    expect(Math.abs((many?.offsetMs ?? 0) + 3_000)).toBeLessThan(300);
  });

  test('a clock stepped since: the older samples that disagree are dropped', () => {
    const r = estimateClockOffset([sample(T, T + 5, T + 10, 0), sample(T + 60_000, T + 60_005, T + 60_010, -10_000)]);
    expect(r?.samples).toBe(1);
    expect(r?.lowMs).toBeLessThanOrEqual(-10_000);
    expect(r?.highMs).toBeGreaterThanOrEqual(-10_000);
  });

  test('property: the true offset always lies within the bounds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -120_000, max: 120_000 }),
        fc.array(
          fc.record({
            gap: fc.integer({ min: 0, max: 10_000 }),
            before: fc.integer({ min: 0, max: 2_000 }),
            after: fc.integer({ min: 0, max: 2_000 }),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        (offset, steps) => {
          let t = T;
          const samples = steps.map((s) => {
            t += s.gap;
            const out = sample(t, t + s.before, t + s.before + s.after, offset);
            t += s.before + s.after;
            return out;
          });
          const r = estimateClockOffset(samples);
          expect(r).toBeDefined();
          expect(r?.samples).toBe(samples.length);
          expect(r?.lowMs).toBeLessThanOrEqual(offset);
          expect(r?.highMs).toBeGreaterThanOrEqual(offset);
        },
      ),
    );
  });
});

describe('clockOffsetVerdict', () => {
  const at = (lowMs: number, highMs: number) => ({ offsetMs: (lowMs + highMs) / 2, lowMs, highMs, samples: 1 });
  test.each([
    ['nothing measured', undefined, 'unknown'],
    ['3 s behind, bound 5 s', at(-3_100, -2_100), 'ok'],
    ['60 s ahead', at(59_900, 60_900), 'too-far'],
    ['60 s behind', at(-60_900, -59_900), 'too-far'],
    ['straddling the bound', at(4_500, 5_500), 'unknown'],
  ] as const)('%s: %s', (_why, offset, verdict) => {
    expect(clockOffsetVerdict(offset, 5_000)).toBe(verdict);
  });

  test('refuses a negative bound', () => {
    expect(() => clockOffsetVerdict(undefined, -1)).toThrow(RangeError);
  });
});
