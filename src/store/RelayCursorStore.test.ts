import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestRedis } from '../../test/kit/openTestRedis.ts';
import { testAccountId } from '../../test/kit/testAccountId.ts';
import { compareStreamIds, RelayCursorStore } from './RelayCursorStore.ts';

let acct: string;
let env: ReturnType<typeof openTestRedis>;

beforeEach(() => {
  acct = testAccountId();
  env = openTestRedis(acct);
});
afterEach(async () => env.cleanup());

describe('RelayCursorStore', () => {
  it('moves a chat cursor forward only, per chat', async () => {
    const store = new RelayCursorStore(env.redis, acct);
    expect(await store.get([1, 2])).toEqual(
      new Map([
        [1, undefined],
        [2, undefined],
      ]),
    );
    expect(await store.advance(1, '1700000000000-5')).toBe('1700000000000-5');
    expect(await store.advance(1, '1700000000000-4')).toBe('1700000000000-5');
    expect(await store.advance(1, '1699999999999-9')).toBe('1700000000000-5');
    expect(await store.advance(1, '1700000000000-10')).toBe('1700000000000-10');
    expect(await store.advance(1, '1700000000001-0')).toBe('1700000000001-0');
    expect(await store.advance(2, '0-0')).toBe('0-0');
    expect(await store.get([1, 2, 3])).toEqual(
      new Map([
        [1, '1700000000001-0'],
        [2, '0-0'],
        [3, undefined],
      ]),
    );
    await expect(store.advance(1, 'nope')).rejects.toThrow(RangeError);
  });

  it('compares stream ids by time, then sequence', () => {
    fc.assert(
      fc.property(fc.nat(2 ** 45), fc.nat(1e6), fc.nat(2 ** 45), fc.nat(1e6), (am, as, bm, bs) => {
        const c = compareStreamIds(`${am}-${as}`, `${bm}-${bs}`);
        const expected = am !== bm ? Math.sign(am - bm) : Math.sign(as - bs);
        expect(c).toBe(expected);
      }),
    );
  });
});
