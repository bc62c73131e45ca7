import { describe, expect, test } from 'vitest';
import { classifyKiwoomError, type KiwoomErrorKind, type KiwoomFailure } from './classifyKiwoomError.ts';

type Row = [string, Omit<KiwoomFailure, 'isOrder'>, KiwoomErrorKind, KiwoomErrorKind];

// [what happened, failure, kind for a query, kind for an order]
const rows: Row[] = [
  ['a deadline fired', { network: 'timeout' }, 'transient', 'unknown-outcome'],
  ['the connection dropped', { network: 'reset' }, 'transient', 'unknown-outcome'],
  ['an unexplained transport failure', { network: 'other' }, 'transient', 'unknown-outcome'],
  ['the connection was refused (nothing sent)', { network: 'refused' }, 'transient', 'transient'],
  ['1700 per-API rate limit', { httpStatus: 200, returnCode: 5, messageCode: '1700' }, 'rate-limited', 'rate-limited'],
  ['1701 total rate limit', { httpStatus: 200, returnCode: 5, messageCode: '1701' }, 'rate-limited', 'rate-limited'],
  ['1702 group rate limit', { httpStatus: 200, returnCode: 5, messageCode: '1702' }, 'rate-limited', 'rate-limited'],
  ['return_code 5 without a code', { httpStatus: 200, returnCode: 5 }, 'rate-limited', 'rate-limited'],
  ['HTTP 429 without a body', { httpStatus: 429 }, 'rate-limited', 'rate-limited'],
  ['8005 invalid token', { httpStatus: 200, returnCode: 3, messageCode: '8005' }, 'auth', 'auth'],
  ['8003 token expired', { httpStatus: 200, returnCode: 3, messageCode: '8003' }, 'auth', 'auth'],
  ['8103 token/device auth failed', { httpStatus: 200, returnCode: 3, messageCode: '8103' }, 'auth', 'auth'],
  ['return_code 3 without a code', { httpStatus: 200, returnCode: 3 }, 'auth', 'auth'],
  ['HTTP 401 without a body', { httpStatus: 401 }, 'auth', 'auth'],
  ['8001 app key validation', { httpStatus: 200, returnCode: 3, messageCode: '8001' }, 'business', 'business'],
  ['8002 secret key validation', { httpStatus: 200, returnCode: 3, messageCode: '8002' }, 'business', 'business'],
  ['8010 IP mismatch', { httpStatus: 200, returnCode: 3, messageCode: '8010' }, 'business', 'business'],
  ['8020 key missing', { httpStatus: 200, returnCode: 3, messageCode: '8020' }, 'business', 'business'],
  [
    '8030 app key of the other environment',
    { httpStatus: 200, returnCode: 3, messageCode: '8030' },
    'business',
    'business',
  ],
  // Kiwoom's reference client renews the token on 8005, 8031 and 8103 (kiwoom/core/client.py): so do we.
  ['8031 token of the other environment', { httpStatus: 200, returnCode: 3, messageCode: '8031' }, 'auth', 'auth'],
  // The same codes as a bare numeric return_code, the shape the reference client checks.
  ['return_code 8005 (bare)', { httpStatus: 200, returnCode: 8005 }, 'auth', 'auth'],
  ['return_code 8031 (bare)', { httpStatus: 200, returnCode: 8031 }, 'auth', 'auth'],
  ['return_code 8103 (bare)', { httpStatus: 200, returnCode: 8103 }, 'auth', 'auth'],
  ['return_code 8003 (bare)', { httpStatus: 200, returnCode: 8003 }, 'auth', 'auth'],
  ['return_code 1700 (bare)', { httpStatus: 200, returnCode: 1700 }, 'rate-limited', 'rate-limited'],
  ['return_code 1999 (bare)', { httpStatus: 200, returnCode: 1999 }, 'transient', 'unknown-outcome'],
  ['return_code 8001 (bare)', { httpStatus: 200, returnCode: 8001 }, 'business', 'business'],
  ['return_code 1517 (bare)', { httpStatus: 200, returnCode: 1517 }, 'business', 'business'],
  [
    'a bare auth return_code beside a message code that says otherwise',
    { httpStatus: 200, returnCode: 8005, messageCode: '1517' },
    'auth',
    'auth',
  ],
  ['2000 RC9000 not offered on mock', { httpStatus: 200, returnCode: 20, messageCode: '2000' }, 'business', 'business'],
  ['8104 not supported on mock', { httpStatus: 200, returnCode: 20, messageCode: '8104' }, 'business', 'business'],
  ['1501 header problem', { httpStatus: 200, returnCode: 2, messageCode: '1501' }, 'business', 'business'],
  ['1511 missing parameter', { httpStatus: 200, returnCode: 2, messageCode: '1511' }, 'business', 'business'],
  ['1517 bad input format', { httpStatus: 200, returnCode: 2, messageCode: '1517' }, 'business', 'business'],
  ['1634 too many codes', { httpStatus: 200, returnCode: 2, messageCode: '1634' }, 'business', 'business'],
  ['1902 no such stock', { httpStatus: 200, returnCode: 2, messageCode: '1902' }, 'business', 'business'],
  [
    '2000 order rejected (insufficient cash)',
    { httpStatus: 200, returnCode: 20, messageCode: '2000' },
    'business',
    'business',
  ],
  ['return_code 20 without a code', { httpStatus: 200, returnCode: 20 }, 'business', 'business'],
  ['1999 unexpected error', { httpStatus: 200, returnCode: 20, messageCode: '1999' }, 'transient', 'unknown-outcome'],
  ['HTTP 500 without an envelope', { httpStatus: 500 }, 'transient', 'unknown-outcome'],
  ['HTTP 502 from a proxy', { httpStatus: 502 }, 'transient', 'unknown-outcome'],
  ['HTTP 503', { httpStatus: 503 }, 'transient', 'unknown-outcome'],
  ['HTTP 408', { httpStatus: 408 }, 'transient', 'unknown-outcome'],
  [
    'HTTP 500 whose envelope says rejected',
    { httpStatus: 500, returnCode: 20, messageCode: '2000' },
    'business',
    'business',
  ],
  [
    'HTTP 500 whose envelope says rate',
    { httpStatus: 500, returnCode: 5, messageCode: '1700' },
    'rate-limited',
    'rate-limited',
  ],
  ['HTTP 500 with an envelope saying OK', { httpStatus: 500, returnCode: 0 }, 'transient', 'unknown-outcome'],
  ['HTTP 400 Spring error body', { httpStatus: 400 }, 'business', 'business'],
  ['HTTP 403', { httpStatus: 403 }, 'business', 'business'],
  ['HTTP 404', { httpStatus: 404 }, 'business', 'business'],
  ['nothing known at all', {}, 'transient', 'unknown-outcome'],
];

describe('classifyKiwoomError', () => {
  test.each(rows)('classifies %s on a query as %s', (_what, failure, queryKind) => {
    expect(classifyKiwoomError({ ...failure, isOrder: false })).toBe(queryKind);
  });

  test.each(rows)('classifies %s on an order as the order kind', (_what, failure, _queryKind, orderKind) => {
    expect(classifyKiwoomError({ ...failure, isOrder: true })).toBe(orderKind);
  });

  test('lets a transport failure win over stale HTTP facts', () => {
    expect(classifyKiwoomError({ isOrder: true, network: 'timeout', httpStatus: 400 })).toBe('unknown-outcome');
  });
});
