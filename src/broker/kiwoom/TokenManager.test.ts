import { describe, expect, test } from 'vitest';
import { FakeClock } from '../../../test/kit/FakeClock.ts';
import { TransientError } from '../errors/TransientError.ts';
import { type IssuedToken, TokenManager, tokenCacheKey } from './TokenManager.ts';

const LIVE = 'https://api.kiwoom.com';
const MOCK = 'https://mockapi.kiwoom.com';
const DAY = 24 * 60 * 60 * 1000;

/** An issuer that counts calls and hands out tok-1, tok-2, ... living `lifetimeMs`; resolves when released. */
function countingIssuer(clock: FakeClock, lifetimeMs = DAY) {
  const calls: string[] = [];
  const issue = async (baseUrl: string): Promise<IssuedToken> => {
    calls.push(baseUrl);
    await Promise.resolve();
    return { token: `tok-${calls.length}`, expiresAt: clock.now() + lifetimeMs };
  };
  return { calls, issue };
}

describe('TokenManager', () => {
  test('issues once and reuses the token until it is due for renewal', async () => {
    const clock = new FakeClock(1_000_000);
    const { calls, issue } = countingIssuer(clock);
    const tokens = new TokenManager(issue, clock);
    expect(await tokens.getToken(LIVE)).toBe('tok-1');
    await clock.advance(DAY - 600_001);
    expect(await tokens.getToken(LIVE)).toBe('tok-1');
    expect(calls).toHaveLength(1);
  });

  test('renews 600 s before expires_dt', async () => {
    const clock = new FakeClock(1_000_000);
    const { calls, issue } = countingIssuer(clock);
    const tokens = new TokenManager(issue, clock);
    await tokens.getToken(LIVE);
    await clock.advance(DAY - 600_000);
    expect(await tokens.getToken(LIVE)).toBe('tok-2');
    expect(calls).toHaveLength(2);
  });

  test('renews a short-lived token at half its life', async () => {
    const clock = new FakeClock();
    const { issue } = countingIssuer(clock, 10_000);
    const tokens = new TokenManager(issue, clock);
    await tokens.getToken(LIVE);
    await clock.advance(4_999);
    expect(await tokens.getToken(LIVE)).toBe('tok-1');
    await clock.advance(1);
    expect(await tokens.getToken(LIVE)).toBe('tok-2');
  });

  test('uses a token reported as already expired for a moment instead of re-issuing on every call', async () => {
    const clock = new FakeClock(50_000);
    let issues = 0;
    const counting = new TokenManager(async () => {
      issues += 1;
      return { token: `t${issues}`, expiresAt: 0 };
    }, clock);
    await counting.getToken(LIVE);
    await counting.getToken(LIVE);
    expect(issues).toBe(1);
  });

  test('shares one in-flight issue between 10 concurrent callers', async () => {
    const clock = new FakeClock();
    const { calls, issue } = countingIssuer(clock);
    const tokens = new TokenManager(issue, clock);
    const all = await Promise.all(Array.from({ length: 10 }, () => tokens.getToken(LIVE)));
    expect(calls).toHaveLength(1);
    expect(new Set(all)).toEqual(new Set(['tok-1']));
  });

  test('shares one renewal between 10 concurrent callers when the cached token is due', async () => {
    const clock = new FakeClock();
    const { calls, issue } = countingIssuer(clock);
    const tokens = new TokenManager(issue, clock);
    await tokens.getToken(LIVE);
    await clock.advance(DAY);
    const all = await Promise.all(Array.from({ length: 10 }, () => tokens.getToken(LIVE)));
    expect(calls).toHaveLength(2);
    expect(new Set(all)).toEqual(new Set(['tok-2']));
  });

  test('gives every concurrent caller the same failure and caches nothing', async () => {
    const clock = new FakeClock();
    let attempts = 0;
    const tokens = new TokenManager(async () => {
      attempts += 1;
      await Promise.resolve();
      if (attempts === 1) throw new TransientError('au10001 timed out');
      return { token: 'good', expiresAt: clock.now() + DAY };
    }, clock);
    const results = await Promise.allSettled(Array.from({ length: 3 }, () => tokens.getToken(LIVE)));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(attempts).toBe(1);
    expect(await tokens.getToken(LIVE)).toBe('good');
  });

  test('re-issues after the current token is invalidated', async () => {
    const clock = new FakeClock();
    const { calls, issue } = countingIssuer(clock);
    const tokens = new TokenManager(issue, clock);
    const first = await tokens.getToken(LIVE);
    tokens.invalidate(LIVE, first);
    expect(await tokens.getToken(LIVE)).toBe('tok-2');
    expect(calls).toHaveLength(2);
  });

  test('keeps a newer token when a caller invalidates an older one', async () => {
    const clock = new FakeClock();
    const { calls, issue } = countingIssuer(clock);
    const tokens = new TokenManager(issue, clock);
    const old = await tokens.getToken(LIVE);
    tokens.invalidate(LIVE, old);
    await tokens.getToken(LIVE);
    tokens.invalidate(LIVE, old);
    expect(await tokens.getToken(LIVE)).toBe('tok-2');
    expect(calls).toHaveLength(2);
  });

  test('never hands a token issued for one host to another', async () => {
    const clock = new FakeClock();
    const { calls, issue } = countingIssuer(clock);
    const tokens = new TokenManager(issue, clock);
    const mock = await tokens.getToken(MOCK);
    const live = await tokens.getToken(LIVE);
    expect(live).not.toBe(mock);
    expect(calls).toEqual([MOCK, LIVE]);
    expect(await tokens.getToken(`${MOCK}/`)).toBe(mock);
  });

  test('reports every newly issued token to onIssued', async () => {
    const clock = new FakeClock();
    const { issue } = countingIssuer(clock);
    const seen: string[] = [];
    const tokens = new TokenManager(issue, clock, { onIssued: (t) => seen.push(t) });
    await tokens.getToken(LIVE);
    await tokens.getToken(MOCK);
    expect(seen).toEqual(['tok-1', 'tok-2']);
  });
});

describe('tokenCacheKey', () => {
  test.each([
    ['https://api.kiwoom.com', 'https://api.kiwoom.com'],
    ['https://api.kiwoom.com/', 'https://api.kiwoom.com'],
    ['https://mockapi.kiwoom.com', 'https://mockapi.kiwoom.com'],
    ['http://127.0.0.1:5000/', 'http://127.0.0.1:5000'],
  ])('keys %s by its origin %s', (url, key) => {
    expect(tokenCacheKey(url)).toBe(key);
  });
});
