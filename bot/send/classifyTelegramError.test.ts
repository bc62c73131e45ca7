import { TelegramError } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { classifyTelegramError } from './classifyTelegramError.ts';

const tg = (error_code: number, description: string, parameters?: { retry_after: number }) =>
  new TelegramError({ error_code, description, ...(parameters ? { parameters } : {}) });

describe('classifyTelegramError', () => {
  it.each([
    [tg(429, 'Too Many Requests: retry after 7', { retry_after: 7 }), { kind: 'rate-limited', retryAfterMs: 7_000 }],
    [tg(429, 'Too Many Requests'), { kind: 'rate-limited', retryAfterMs: 1_000 }],
    [tg(502, 'Bad Gateway'), { kind: 'transient' }],
    [Object.assign(new Error('socket hang up'), { name: 'FetchError', code: 'ECONNRESET' }), { kind: 'transient' }],
    [Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), { kind: 'transient' }],
    [new TypeError('bug'), { kind: 'unexpected' }],
  ])('%s', (err, expected) => {
    expect(classifyTelegramError(err)).toEqual(expected);
  });

  it('marks parse and not-modified refusals', () => {
    expect(classifyTelegramError(tg(400, "Bad Request: can't parse entities: x"))).toMatchObject({
      kind: 'refused',
      parse: true,
      notModified: false,
    });
    expect(classifyTelegramError(tg(400, 'Bad Request: message is not modified: y'))).toMatchObject({
      kind: 'refused',
      code: 400,
      notModified: true,
    });
    expect(classifyTelegramError(tg(403, 'Forbidden: bot was blocked by the user'))).toMatchObject({
      kind: 'refused',
      code: 403,
    });
  });
});
