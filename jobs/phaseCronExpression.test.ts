import { describe, expect, test } from 'vitest';
import { phaseCronExpression } from './phaseCronExpression.ts';

describe('phaseCronExpression', () => {
  test.each([
    ['09:10', '0 10 9 * * 1-5'],
    ['15:00', '0 0 15 * * 1-5'],
    ['09:10:30', '30 10 9 * * 1-5'],
  ])('turns %s into the weekday expression %s', (time, expression) => {
    expect(phaseCronExpression(time)).toBe(expression);
  });

  test.each(['9:10', '24:00', '09:60', '', '09:10:61', 'now'])('rejects the malformed time "%s"', (time) => {
    expect(() => phaseCronExpression(time)).toThrow(RangeError);
  });
});
