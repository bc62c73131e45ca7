import { describe, expect, test } from 'vitest';
import { storedCancelCause } from './storedCancelCause.ts';

describe('storedCancelCause', () => {
  test('the cause written now wins over older words', () => {
    expect(storedCancelCause({ code: 'to-market' }, 'kill switch')).toEqual({ code: 'to-market' });
  });

  test("an older version's words are kept as they are", () => {
    expect(storedCancelCause(undefined, '/stop from chat 123')).toEqual({
      code: 'recorded',
      text: '/stop from chat 123',
    });
  });

  test('nothing stored, no cause', () => {
    expect(storedCancelCause(undefined, undefined)).toBeUndefined();
  });
});
