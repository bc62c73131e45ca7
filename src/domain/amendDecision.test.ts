import { describe, expect, test } from 'vitest';
import {
  type AmendableOrder,
  type AmendRules,
  amendAttempts,
  amendClock,
  amendDecision,
  isAmendDue,
} from './amendDecision.ts';

const rules: AmendRules = { amendAfterMs: 600_000, maxAmends: 2, policy: 'cancel', priceMode: 'best' };
const quote = { price: 70_000, bestBid: 69_900, bestAsk: 70_100, upperLimit: 91_000, lowerLimit: 49_000 };
const T0 = 1_000_000;

function order(over: Partial<AmendableOrder> = {}): AmendableOrder {
  return {
    side: 'sell',
    state: 'open',
    price: 70_500,
    qty: 10,
    filledQty: 0,
    amendments: [],
    lastPlacedAt: T0,
    updatedAt: T0,
    ...over,
  };
}

describe('amendDecision', () => {
  test('waits until the order has rested the amend delay', () => {
    expect(amendDecision(order(), quote, T0 + 599_999, rules)).toEqual({ action: 'wait', reason: 'not-due' });
  });

  test('moves a sell to the best bid once the delay has passed', () => {
    expect(amendDecision(order(), quote, T0 + 600_000, rules)).toEqual({ action: 'amend', price: 69_900 });
  });

  test('moves a buy to the best ask, and to the last price in mode last', () => {
    const buy = order({ side: 'buy', price: 69_000 });
    expect(amendDecision(buy, quote, T0 + 600_000, rules)).toEqual({ action: 'amend', price: 70_100 });
    expect(amendDecision(buy, quote, T0 + 600_000, { ...rules, priceMode: 'last' })).toEqual({
      action: 'amend',
      price: 70_000,
    });
  });

  test('measures the delay from the last amendment, not from the first placement', () => {
    const amended = order({ amendments: [{}], lastPlacedAt: T0 + 600_000 });
    expect(amendDecision(amended, quote, T0 + 900_000, rules)).toEqual({ action: 'wait', reason: 'not-due' });
    expect(amendDecision(amended, quote, T0 + 1_200_000, rules)).toEqual({ action: 'amend', price: 69_900 });
  });

  test('sends nothing when the due amendment would go to the price the order already has, but counts the check', () => {
    expect(amendDecision(order({ price: 69_900 }), quote, T0 + 600_000, rules)).toEqual({
      action: 'unchanged',
      price: 69_900,
    });
  });

  test('restarts the amend clock at the last check that found the price unchanged', () => {
    const checked = order({ amendChecks: [{ at: T0 + 600_000 }] });
    expect(amendDecision(checked, quote, T0 + 1_199_999, rules)).toEqual({ action: 'wait', reason: 'not-due' });
    expect(amendDecision(checked, quote, T0 + 1_200_000, rules)).toEqual({ action: 'amend', price: 69_900 });
  });

  test.each([
    ['two amendments', 2, 0, { action: 'cancel' }],
    ['two unchanged checks', 0, 2, { action: 'cancel' }],
    ['an amendment and an unchanged check', 1, 1, { action: 'cancel' }],
    ['one unchanged check', 0, 1, { action: 'amend', price: 69_900 }],
  ])('counts amendments and unchanged checks together against MAX_AMENDS: %s', (_what, amended, checked, expected) => {
    const at = T0 + 600_000;
    const o = order({
      amendments: Array.from({ length: amended }, () => ({})),
      amendChecks: Array.from({ length: checked }, () => ({ at: T0 })),
      lastPlacedAt: T0,
    });
    expect(amendDecision(o, quote, at, rules)).toEqual(expected);
  });

  test.each(['cancel', 'market'] as const)(
    'an order resting at an unchanged best price gets the policy %s after MAX_AMENDS due checks',
    (policy) => {
      // A poll every minute; the best bid never moves from the order's own price.
      let o = order({ price: 69_900 });
      const decisions: string[] = [];
      for (let now = T0; now <= T0 + 3_000_000; now += 60_000) {
        const d = amendDecision(o, quote, now, { ...rules, policy });
        if (d.action === 'wait') continue;
        decisions.push(`${d.action}@${(now - T0) / 60_000}`);
        if (d.action === 'unchanged') o = { ...o, amendChecks: [...(o.amendChecks ?? []), { at: now }] };
        else break;
      }
      expect(decisions).toEqual(['unchanged@10', 'unchanged@20', `${policy}@30`]);
    },
  );

  test('amends a partly filled order too', () => {
    expect(amendDecision(order({ state: 'partial', filledQty: 4 }), quote, T0 + 600_000, rules).action).toBe('amend');
  });

  test.each(['keep', 'cancel', 'market'] as const)(
    'applies the policy %s after MAX_AMENDS amendments, once the delay has passed again',
    (policy) => {
      const spent = order({ amendments: [{}, {}], lastPlacedAt: T0 });
      expect(amendDecision(spent, quote, T0 + 1, { ...rules, policy })).toEqual({ action: 'wait', reason: 'not-due' });
      expect(amendDecision(spent, quote, T0 + 600_000, { ...rules, policy })).toEqual({ action: policy });
    },
  );

  test('applies the policy straight after the delay when MAX_AMENDS is 0', () => {
    expect(amendDecision(order(), undefined, T0 + 600_000, { ...rules, maxAmends: 0 })).toEqual({ action: 'cancel' });
  });

  test.each([
    ['a filled order', { state: 'filled' as const, filledQty: 10 }, 'not-open'],
    ['a queued order', { state: 'queued' as const }, 'not-open'],
    ['an order whose outcome is unknown', { state: 'unknown' as const }, 'not-open'],
    ['an open order with nothing left unfilled', { filledQty: 10 }, 'not-open'],
    ['a market order', { price: 0 }, 'market-order'],
  ])('leaves %s alone', (_what, over, reason) => {
    expect(amendDecision(order(over), quote, T0 + 10_000_000, rules)).toEqual({ action: 'wait', reason });
  });

  test('waits when there is no quote to amend to', () => {
    expect(amendDecision(order(), undefined, T0 + 600_000, rules)).toEqual({ action: 'wait', reason: 'no-price' });
    expect(amendDecision(order(), { ...quote, price: 0, bestBid: 0 }, T0 + 600_000, rules)).toEqual({
      action: 'wait',
      reason: 'no-price',
    });
  });
});

describe('amendClock and amendAttempts', () => {
  test('the clock is the later of the last placement or amendment and the last unchanged check', () => {
    expect(amendClock(order({ lastPlacedAt: T0, amendChecks: [{ at: T0 + 5 }] }))).toBe(T0 + 5);
    expect(amendClock(order({ lastPlacedAt: T0 + 9, amendChecks: [{ at: T0 + 5 }] }))).toBe(T0 + 9);
    expect(amendClock(order({ lastPlacedAt: T0 }))).toBe(T0);
  });

  test('a refused amendment is an attempt: the policy applies after MAX_AMENDS refusals, a delay after the last', () => {
    const refused = order({
      amendChecks: [
        { at: T0 + 600_000, refused: 'insufficient cash' },
        { at: T0 + 1_200_000, refused: 'insufficient cash' },
      ],
    });
    expect(amendAttempts(refused)).toBe(2);
    expect(amendDecision(refused, quote, T0 + 1_799_999, rules)).toEqual({ action: 'wait', reason: 'not-due' });
    expect(amendDecision(refused, quote, T0 + 1_800_000, rules)).toEqual({ action: 'cancel' });
  });

  test('attempts are amendments sent plus unchanged checks', () => {
    expect(amendAttempts(order({ amendments: [{}], amendChecks: [{ at: 1 }, { at: 2 }] }))).toBe(3);
    expect(amendAttempts(order())).toBe(0);
  });
});

describe('isAmendDue', () => {
  test('falls back to the send time when an order has no placement time', () => {
    const o = order({ sentAt: T0 });
    const { lastPlacedAt: _omit, ...noClock } = o;
    expect(isAmendDue(noClock, T0 + 599_999, 600_000)).toBe(false);
    expect(isAmendDue(noClock, T0 + 600_000, 600_000)).toBe(true);
  });
});
