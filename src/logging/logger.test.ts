import { Writable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { createLogger } from './logger.ts';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'info' }, stream) };
}

const SECRETS = { appkey: 'APPKEY-123-SECRET', secretkey: 'SECRETKEY-456-SECRET', token: 'TOKEN-789-SECRET' };

describe('createLogger redaction', () => {
  test.each([
    ['top level', { ...SECRETS }],
    ['one level deep', { body: { ...SECRETS } }],
    ['two levels deep', { req: { body: { ...SECRETS } } }],
    [
      'axios error config',
      { err: { config: { headers: { authorization: `Bearer ${SECRETS.token}` }, data: { ...SECRETS } } } },
    ],
    [
      'axios config at top',
      { config: { headers: { Authorization: `Bearer ${SECRETS.token}` }, data: { ...SECRETS } } },
    ],
  ])('censors app keys, secret keys, tokens and authorization headers (%s)', (_where, payload) => {
    const { lines, logger } = capture();
    logger.info(payload, 'call');
    const out = lines.join('');
    expect(out).toContain('[redacted]');
    for (const secret of Object.values(SECRETS)) expect(out).not.toContain(secret);
  });

  test('leaves ordinary fields alone', () => {
    const { lines, logger } = capture();
    logger.info({ code: '005930', qty: 3 }, 'placed');
    const record = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(record.code).toBe('005930');
    expect(record.qty).toBe(3);
    expect(record.msg).toBe('placed');
  });
});
