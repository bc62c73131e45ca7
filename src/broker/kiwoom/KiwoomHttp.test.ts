import { describe, expect, test } from 'vitest';
import { closeAfterEach } from '../../../test/kit/closeAfterEach.ts';
import {
  type ScriptedKiwoomServer,
  type ScriptedReply,
  type SeenRequest,
  startScriptedKiwoomServer,
} from '../../../test/kit/ScriptedKiwoomServer.ts';
import { AuthError } from '../errors/AuthError.ts';
import { BusinessRejectionError } from '../errors/BusinessRejectionError.ts';
import { InvalidResponseError } from '../errors/InvalidResponseError.ts';
import { RateLimitedError } from '../errors/RateLimitedError.ts';
import { TransientError } from '../errors/TransientError.ts';
import { UnknownOutcomeError } from '../errors/UnknownOutcomeError.ts';
import { createKiwoomBroker, type KiwoomBrokerOptions } from './createKiwoomBroker.ts';

const OK = { return_code: 0, return_msg: '정상적으로 처리되었습니다' };
const EMPTY_OSO = { ...OK, oso: [] };
const ORDER_OK = { ...OK, ord_no: '0000138', dmst_stex_tp: 'KRX' };
const RATE = {
  return_code: 5,
  return_msg: '허용된 요청 개수를 초과하였습니다[1700:허용된 요청 개수를 초과하였습니다. API ID=ka10075]',
};

let server: ScriptedKiwoomServer | undefined;

closeAfterEach(() => server);

async function setup(
  script: (req: SeenRequest, i: number) => ScriptedReply,
  options: Partial<KiwoomBrokerOptions> = {},
) {
  server = await startScriptedKiwoomServer(script);
  const broker = createKiwoomBroker({
    baseUrl: server.url,
    appKey: 'test-app-key',
    secretKey: 'test-secret-key',
    queryTimeoutMs: 300,
    orderTimeoutMs: 300,
    retryBaseDelayMs: 5,
    retryMaxDelayMs: 20,
    rateLimitPauseMs: 5,
    rateLimits: { ordersPerSecond: Number.POSITIVE_INFINITY, queriesPerSecond: Number.POSITIVE_INFINITY },
    ...options,
  });
  return { broker, server };
}

const limitBuy = { side: 'buy', code: '005930', qty: 10, type: 'limit', price: 71_200 } as const;

describe('KiwoomHttp: the request', () => {
  test('sends the protocol headers and a limit order body of strings', async () => {
    const { broker, server } = await setup(() => ({ body: ORDER_OK }));
    await expect(broker.placeOrder(limitBuy)).resolves.toEqual({ orderNo: '0000138' });
    const [req] = server.requests;
    expect(req?.path).toBe('/api/dostk/ordr');
    expect(req?.headers['content-type']).toBe('application/json;charset=UTF-8');
    expect(req?.headers['api-id']).toBe('kt10000');
    expect(req?.headers.authorization).toBe('Bearer tok-1');
    expect(req?.body).toEqual({
      dmst_stex_tp: 'KRX',
      stk_cd: '005930',
      ord_qty: '10',
      ord_uv: '71200',
      trde_tp: '0',
      cond_uv: '',
    });
    expect(server.tokenRequests[0]?.body).toEqual({
      grant_type: 'client_credentials',
      appkey: 'test-app-key',
      secretkey: 'test-secret-key',
    });
  });

  test('sends a market sell with an empty price and trde_tp 3', async () => {
    const { broker, server } = await setup(() => ({ body: ORDER_OK }));
    await broker.placeOrder({ side: 'sell', code: '005930', qty: 3, type: 'market' });
    expect(server.requests[0]?.headers['api-id']).toBe('kt10001');
    expect(server.requests[0]?.body).toMatchObject({ ord_uv: '', trde_tp: '3', ord_qty: '3' });
  });

  test('sends amend and cancel bodies and returns the root order number', async () => {
    const { broker, server } = await setup((req) => ({
      body: { ...OK, ord_no: req.apiId === 'kt10002' ? '0000140' : '0000141', base_orig_ord_no: '0000138' },
    }));
    await expect(broker.amendOrder({ orderNo: '0000139', code: '005930', qty: 7, price: 71_300 })).resolves.toEqual({
      orderNo: '0000140',
      rootOrderNo: '0000138',
    });
    await expect(broker.cancelOrder({ orderNo: '0000140', code: '005930', qty: 0 })).resolves.toEqual({
      orderNo: '0000141',
      rootOrderNo: '0000138',
    });
    expect(server.requests.map((r) => [r.headers['api-id'], r.body])).toEqual([
      [
        'kt10002',
        {
          dmst_stex_tp: 'KRX',
          orig_ord_no: '0000139',
          stk_cd: '005930',
          mdfy_qty: '7',
          mdfy_uv: '71300',
          mdfy_cond_uv: '',
        },
      ],
      ['kt10003', { dmst_stex_tp: 'KRX', orig_ord_no: '0000140', stk_cd: '005930', cncl_qty: '0' }],
    ]);
  });

  test.each([
    ['a zero quantity', { ...limitBuy, qty: 0 }],
    ['a fractional quantity', { ...limitBuy, qty: 1.5 }],
    ['a limit order without a price', { side: 'buy', code: '005930', qty: 1, type: 'limit' }],
    ['a market order with a price', { side: 'buy', code: '005930', qty: 1, type: 'market', price: 71_200 }],
    ['a prefixed code', { ...limitBuy, code: 'A005930' }],
    ['an unknown side', { ...limitBuy, side: 'short' }],
  ])('refuses %s before sending anything', async (_what, order) => {
    const { broker, server } = await setup(() => ({ body: ORDER_OK }));
    // biome-ignore lint/suspicious/noExplicitAny: deliberately malformed input
    await expect(broker.placeOrder(order as any)).rejects.toThrow(BusinessRejectionError);
    expect(server.requests).toHaveLength(0);
    expect(server.tokenRequests).toHaveLength(0);
  });
});

describe('KiwoomHttp: pacing', () => {
  test('never starts two queries closer than the configured rate allows, even when called at once', async () => {
    const arrivals: number[] = [];
    const { broker } = await setup(
      () => {
        arrivals.push(Date.now());
        return { body: EMPTY_OSO };
      },
      { rateLimits: { queriesPerSecond: 10, ordersPerSecond: 10 } },
    );
    await Promise.all(Array.from({ length: 4 }, () => broker.getOpenOrders()));
    const gaps = arrivals.slice(1).map((t, i) => t - (arrivals[i] ?? 0));
    expect(gaps).toHaveLength(3);
    // 100 ms spacing planned; slack for event-loop and socket jitter between the planned start and the arrival.
    // Without pacing the four would arrive within a few ms of each other.
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(80);
  });
});

describe('KiwoomHttp: paging', () => {
  const row = (no: string) => ({
    ord_no: no,
    stk_cd: '005930',
    stk_nm: '삼성전자',
    ord_qty: '1',
    ord_pric: '71200',
    oso_qty: '1',
    io_tp_nm: '+매수',
    tm: '090000',
  });

  test('copies cont-yn and next-key from each answer into the next request', async () => {
    const { broker, server } = await setup((_req, i) =>
      i === 0
        ? { body: { ...OK, oso: [row('0000003')] }, headers: { 'cont-yn': 'Y', 'next-key': 'ka10075-page-2' } }
        : i === 1
          ? { body: { ...OK, oso: [row('0000002')] }, headers: { 'cont-yn': 'Y', 'next-key': 'ka10075-page-3' } }
          : { body: { ...OK, oso: [row('0000001')] }, headers: { 'cont-yn': 'N', 'next-key': '' } },
    );
    const open = await broker.getOpenOrders();
    expect(open.map((o) => o.orderNo)).toEqual(['0000003', '0000002', '0000001']);
    expect(server.requests.map((r) => [r.headers['cont-yn'], r.headers['next-key']])).toEqual([
      [undefined, undefined],
      ['Y', 'ka10075-page-2'],
      ['Y', 'ka10075-page-3'],
    ]);
  });

  test('refuses to return a partial list past the page guard', async () => {
    const { broker, server } = await setup(
      (_req, i) => ({
        body: { ...OK, oso: [row(String(i).padStart(7, '0'))] },
        headers: { 'cont-yn': 'Y', 'next-key': `k${i}` },
      }),
      { maxPages: 3 },
    );
    await expect(broker.getOpenOrders()).rejects.toThrow(InvalidResponseError);
    expect(server.requests).toHaveLength(3);
  });

  test('refuses cont-yn Y without a next-key', async () => {
    const { broker } = await setup(() => ({ body: EMPTY_OSO, headers: { 'cont-yn': 'Y' } }));
    await expect(broker.getOpenOrders()).rejects.toThrow(/next-key/);
  });

  test('reads a "no data" answer to a list query as an empty list', async () => {
    const { broker } = await setup(() => ({ body: { return_code: 20, return_msg: '조회된 데이터가 없습니다' } }));
    await expect(broker.getOpenOrders()).resolves.toEqual([]);
  });
});

describe('KiwoomHttp: failures', () => {
  test('retries a rate-limited query and succeeds', async () => {
    const { broker, server } = await setup((_req, i) => (i === 0 ? { body: RATE } : { body: EMPTY_OSO }));
    await expect(broker.getOpenOrders()).resolves.toEqual([]);
    expect(server.requests).toHaveLength(2);
  });

  test('retries an HTTP 429 query and succeeds', async () => {
    const { broker, server } = await setup((_req, i) =>
      i === 0 ? { status: 429, body: 'Too Many Requests', raw: true } : { body: EMPTY_OSO },
    );
    await expect(broker.getOpenOrders()).resolves.toEqual([]);
    expect(server.requests).toHaveLength(2);
  });

  test('throws RateLimitedError for a rate-limited order, with Retry-After, and does not resend it', async () => {
    const { broker, server } = await setup(() => ({ status: 429, body: {}, headers: { 'retry-after': '2' } }));
    const err = await broker.placeOrder(limitBuy).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterMs).toBe(2_000);
    expect(server.requests).toHaveLength(1);
  });

  test('gives up on a query after the configured attempts with TransientError', async () => {
    const { broker, server } = await setup(() => ({ status: 503, body: 'unavailable', raw: true }), {
      queryAttempts: 3,
    });
    await expect(broker.getOpenOrders()).rejects.toThrow(TransientError);
    expect(server.requests).toHaveLength(3);
  });

  test('retries a query whose connection dropped', async () => {
    const { broker, server } = await setup((_req, i) => (i === 0 ? { drop: true } : { body: EMPTY_OSO }));
    await expect(broker.getOpenOrders()).resolves.toEqual([]);
    expect(server.requests).toHaveLength(2);
  });

  test('retries a query that hit its deadline', async () => {
    const { broker, server } = await setup((_req, i) => (i === 0 ? { hang: true } : { body: EMPTY_OSO }), {
      queryTimeoutMs: 100,
    });
    await expect(broker.getOpenOrders()).resolves.toEqual([]);
    expect(server.requests).toHaveLength(2);
  });

  test.each([
    ['hits its deadline', { hang: true } as const],
    ['loses its connection', { drop: true } as const],
    ['gets a 502 from a proxy', { status: 502, body: '<html>Bad Gateway</html>', raw: true }],
    ['gets a success status with a body that is not JSON', { status: 200, body: 'OK', raw: true }],
    ['gets a success envelope without an order number', { body: OK }],
    ['gets 1999 (unexpected error)', { body: { return_code: 20, return_msg: '[1999:예기치 못한 에러]' } }],
  ])('reports an order that %s as UnknownOutcomeError and sends it once', async (_what, reply) => {
    const { broker, server } = await setup(() => reply);
    await expect(broker.placeOrder(limitBuy)).rejects.toThrow(UnknownOutcomeError);
    expect(server.requests).toHaveLength(1);
  });

  test('treats a 5xx whose body is a Kiwoom rejection as a rejection', async () => {
    const { broker } = await setup(() => ({
      status: 500,
      body: { return_code: 20, return_msg: '주문이 거부되었습니다[2004:주문가능금액을 초과하였습니다]' },
    }));
    const err = await broker.placeOrder(limitBuy).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BusinessRejectionError);
    expect((err as BusinessRejectionError).brokerCode).toBe('2004');
    expect(String(err)).toContain('주문가능금액을 초과하였습니다');
  });

  test('reports an order to a closed port as TransientError: nothing was sent', async () => {
    const { broker, server } = await setup(() => ({ body: ORDER_OK }));
    await broker.getOpenOrders().catch(() => undefined);
    await server.close();
    await expect(broker.placeOrder(limitBuy)).rejects.toThrow(TransientError);
  });

  test('does not retry a Spring-style HTTP 400', async () => {
    const { broker, server } = await setup(() => ({
      status: 400,
      body: { timestamp: '2026-03-04T09:00:00.000+00:00', status: 400, error: 'Bad Request', path: '/api/dostk/acnt' },
    }));
    await expect(broker.getOpenOrders()).rejects.toThrow(BusinessRejectionError);
    expect(server.requests).toHaveLength(1);
  });

  test('does not retry an input error', async () => {
    const { broker, server } = await setup(() => ({
      body: { return_code: 2, return_msg: '입력 값이 올바르지 않습니다[1517:입력 값 형식이 올바르지 않습니다]' },
    }));
    const err = await broker.getOpenOrders().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BusinessRejectionError);
    expect((err as BusinessRejectionError).brokerCode).toBe('1517');
    expect(server.requests).toHaveLength(1);
  });

  test('reports an unreadable query answer as InvalidResponseError without retrying', async () => {
    const { broker, server } = await setup(() => ({ body: { ...OK, oso: [{ ord_no: '1' }] } }));
    await expect(broker.getOpenOrders()).rejects.toThrow(InvalidResponseError);
    expect(server.requests).toHaveLength(1);
  });
});

describe('KiwoomHttp: the token', () => {
  const REFUSED = { return_code: 3, return_msg: '인증에 실패했습니다[8005:Token이 유효하지 않습니다]' };

  test('re-issues the token once after 8005 and succeeds, for an order too', async () => {
    const { broker, server } = await setup((req) => ({
      body: req.headers.authorization === 'Bearer tok-1' ? REFUSED : ORDER_OK,
    }));
    await expect(broker.placeOrder(limitBuy)).resolves.toEqual({ orderNo: '0000138' });
    expect(server.tokenRequests).toHaveLength(2);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-2']);
  });

  test.each([8005, 8031, 8103])(
    're-issues the token once after a bare return_code %s (the reference client`s shape) and succeeds',
    async (code) => {
      const bare = { return_code: code, return_msg: 'Token이 유효하지 않습니다' };
      const { broker, server } = await setup((req) => ({
        body: req.headers.authorization === 'Bearer tok-1' ? bare : ORDER_OK,
      }));
      await expect(broker.placeOrder(limitBuy)).resolves.toEqual({ orderNo: '0000138' });
      expect(server.tokenRequests).toHaveLength(2);
      expect(server.requests.map((r) => r.headers.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-2']);
    },
  );

  test('a bare return_code 8005 refused again after renewal is an AuthError, sent twice only', async () => {
    const { broker, server } = await setup(() => ({ body: { return_code: 8005, return_msg: 'invalid token' } }));
    const err = await broker.getOpenOrders().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect((err as AuthError).brokerCode).toBe('8005');
    expect(server.requests).toHaveLength(2);
  });

  test('fails loudly with AuthError when the new token is refused too', async () => {
    const { broker, server } = await setup(() => ({ body: REFUSED }));
    await expect(broker.getOpenOrders()).rejects.toThrow(AuthError);
    expect(server.tokenRequests).toHaveLength(2);
    expect(server.requests).toHaveLength(2);
  });

  test('reuses one token across calls', async () => {
    const { broker, server } = await setup(() => ({ body: EMPTY_OSO }));
    await broker.getOpenOrders();
    await broker.getOpenOrders();
    expect(server.tokenRequests).toHaveLength(1);
  });

  test('shares one token request between concurrent calls', async () => {
    const { broker, server } = await setup(() => ({ body: EMPTY_OSO }));
    await Promise.all(Array.from({ length: 10 }, () => broker.getOpenOrders()));
    expect(server.tokenRequests).toHaveLength(1);
    expect(server.requests).toHaveLength(10);
  });

  test('reports refused app keys as a non-retryable rejection, without sending the order', async () => {
    const { broker, server } = await setup(() => ({ body: ORDER_OK }));
    server.tokenReply = () => ({
      body: { return_code: 3, return_msg: '인증에 실패했습니다[8001:App Key 검증에 실패했습니다]' },
    });
    const err = await broker.placeOrder(limitBuy).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BusinessRejectionError);
    expect((err as BusinessRejectionError).retryable).toBe(false);
    expect(server.requests).toHaveLength(0);
  });

  test('retries a query whose token request was rate limited', async () => {
    const { broker, server } = await setup(() => ({ body: EMPTY_OSO }));
    server.tokenReply = (n) =>
      n === 1
        ? { body: { return_code: 5, return_msg: '[1700:허용된 요청 개수를 초과하였습니다. API ID=au10001]' } }
        : { body: { ...OK, token: 'tok-ok', token_type: 'bearer', expires_dt: '20991231235959' } };
    await expect(broker.getOpenOrders()).resolves.toEqual([]);
    expect(server.requests[0]?.headers.authorization).toBe('Bearer tok-ok');
  });

  test('refuses a token answer with an impossible expiry', async () => {
    const { broker } = await setup(() => ({ body: EMPTY_OSO }));
    server!.tokenReply = () => ({ body: { ...OK, token: 'tok-x', expires_dt: '20261340250000' } });
    await expect(broker.getOpenOrders()).rejects.toThrow(InvalidResponseError);
  });
});
