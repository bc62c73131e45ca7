import { describe, expect, test } from 'vitest';
import { trackingError } from './trackingError.ts';

describe('trackingError', () => {
  test.each([
    {
      what: 'on target',
      holdings: [
        { value: 600, targetPct: 60 },
        { value: 400, targetPct: 40 },
      ],
      cash: { value: 0, targetPct: 0 },
      te: 0,
    },
    {
      what: 'one holding 10 points over, another 10 under',
      holdings: [
        { value: 700, targetPct: 60 },
        { value: 300, targetPct: 40 },
      ],
      cash: { value: 0, targetPct: 0 },
      te: 10,
    },
    {
      what: 'idle cash counts against the plan',
      holdings: [{ value: 800, targetPct: 100 }],
      cash: { value: 200, targetPct: 0 },
      te: 20,
    },
    {
      what: 'cash at its own target is on target',
      holdings: [{ value: 950, targetPct: 95 }],
      cash: { value: 50, targetPct: 5 },
      te: 0,
    },
    {
      what: 'everything elsewhere is 100',
      holdings: [{ value: 0, targetPct: 100 }],
      cash: { value: 1000, targetPct: 0 },
      te: 100,
    },
    {
      what: 'an untargeted holding counts in full',
      holdings: [
        { value: 250, targetPct: 0 },
        { value: 750, targetPct: 100 },
      ],
      cash: { value: 0, targetPct: 0 },
      te: 25,
    },
  ])('$what: $te points', ({ holdings, cash, te }) => {
    expect(trackingError(holdings, cash)).toBeCloseTo(te, 10);
  });

  test('an empty portfolio has nothing to track', () => {
    expect(trackingError([{ value: 0, targetPct: 50 }], { value: 0, targetPct: 50 })).toBe(0);
  });

  test('weights are taken of the total including cash', () => {
    // 1000 of 2000 is 50%, target 40: 10 over; cash 1000 of 2000 is 50%, target 60: 10 under.
    expect(trackingError([{ value: 1000, targetPct: 40 }], { value: 1000, targetPct: 60 })).toBeCloseTo(10, 10);
  });
});
