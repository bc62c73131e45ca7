import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { getToken, limitOrder, post } from '../../test/kit/kiwoomHttp.ts';
import { testAccount } from '../../test/kit/testAccount.ts';
import { FaultInjector } from './FaultInjector.ts';
import { type PaperServer, startPaperServer } from './paperServer.ts';

describe('FaultInjector', () => {
  test('a fault hits `times` matching requests, then is gone', () => {
    const faults = new FaultInjector();
    faults.inject({ kind: 'http5xx', apiId: 'kt10000', times: 2 });
    expect(faults.take('ka10075')).toBeUndefined();
    expect(faults.take('kt10000')?.kind).toBe('http5xx');
    expect(faults.take('kt10000')?.kind).toBe('http5xx');
    expect(faults.take('kt10000')).toBeUndefined();
  });

  test('without an api-id a fault hits any request, once by default', () => {
    const faults = new FaultInjector();
    faults.inject({ kind: 'rateLimit' });
    expect(faults.take('ka10001')?.kind).toBe('rateLimit');
    expect(faults.take('ka10001')).toBeUndefined();
  });

  test('faults hit in the order they were injected', () => {
    const faults = new FaultInjector();
    faults.inject({ kind: 'rateLimit' });
    faults.inject({ kind: 'http5xx' });
    expect(faults.take('x')?.kind).toBe('rateLimit');
    expect(faults.take('x')?.kind).toBe('http5xx');
  });

  test('tokenExpired never hits a token request, so a client can renew', () => {
    const faults = new FaultInjector();
    faults.inject({ kind: 'tokenExpired' });
    expect(faults.take('au10001')).toBeUndefined();
    expect(faults.take('ka10075')?.kind).toBe('tokenExpired');
  });

  test('tokenExpired carries its bareReturnCode to the request it hits; other kinds refuse the option', () => {
    const faults = new FaultInjector();
    faults.inject({ kind: 'tokenExpired', bareReturnCode: 8031 });
    expect(faults.pending()).toEqual([
      { kind: 'tokenExpired', apiId: undefined, times: 1, holdMs: 30_000, bareReturnCode: 8031 },
    ]);
    expect(faults.take('ka10075')).toMatchObject({ kind: 'tokenExpired', bareReturnCode: 8031 });
    expect(() => faults.inject({ kind: 'http5xx', bareReturnCode: 8005 })).toThrow(RangeError);
    expect(() => faults.inject({ kind: 'tokenExpired', bareReturnCode: 8001 as 8005 })).toThrow(RangeError);
  });

  test('cancelAckBeforeEffect hits cancels only, with its steps', () => {
    const faults = new FaultInjector();
    faults.inject({ kind: 'cancelAckBeforeEffect', steps: 2 });
    expect(faults.take('kt10001')).toBeUndefined();
    expect(faults.take('kt10003')).toEqual({ kind: 'cancelAckBeforeEffect', holdMs: 30_000, steps: 2 });
  });

  test('reset drops pending faults, latency and the fill hold', () => {
    const held: boolean[] = [];
    const faults = new FaultInjector((on) => held.push(on));
    faults.inject({ kind: 'http5xx', times: 3 });
    faults.setLatency(50);
    faults.holdFills(true);
    faults.reset();
    expect(faults.pending()).toEqual([]);
    expect(faults.latencyMs).toBe(0);
    expect(held).toEqual([true, false]);
  });

  test.each([
    [{ kind: 'meteor' }],
    [{ kind: 'http5xx', times: 0 }],
    [{ kind: 'http5xx', times: 1.5 }],
    [{ kind: 'timeoutAfterAccept', holdMs: -1 }],
    [{ kind: 'cancelAckBeforeEffect', apiId: 'kt10001' }],
    [{ kind: 'cancelAckBeforeEffect', steps: 0 }],
  ])('rejects a bad fault %j', (spec) => {
    const faults = new FaultInjector();
    expect(() => faults.inject(spec as Parameters<FaultInjector['inject']>[0])).toThrow(RangeError);
    expect(faults.pending()).toEqual([]);
  });

  test('an outage hits every matching request until its time is over, then is gone', () => {
    let now = 1_000;
    const faults = new FaultInjector(undefined, () => now);
    faults.outage({ apiId: 'ka10001', forMs: 30_000 });
    for (let i = 0; i < 50; i++) expect(faults.take('ka10001')?.kind).toBe('http5xx');
    expect(faults.take('ka10004')).toBeUndefined();
    now += 29_999;
    expect(faults.take('ka10001')?.kind).toBe('http5xx');
    now += 1;
    expect(faults.take('ka10001')).toBeUndefined();
  });

  test('a counted fault hits before an outage; endOutages and reset end it early', () => {
    const faults = new FaultInjector(undefined, () => 0);
    faults.outage({ forMs: 10_000 });
    faults.inject({ kind: 'rateLimit', retryAfterS: 3 });
    expect(faults.take('x')).toEqual({ kind: 'rateLimit', holdMs: 30_000, retryAfterS: 3 });
    expect(faults.take('x')?.kind).toBe('http5xx');
    faults.endOutages();
    expect(faults.take('x')).toBeUndefined();
    faults.outage({ forMs: 10_000 });
    faults.reset();
    expect(faults.take('x')).toBeUndefined();
  });

  test.each([[0], [-5], [Number.NaN]])('rejects an outage of %d ms', (forMs) => {
    expect(() => new FaultInjector().outage({ forMs })).toThrow(RangeError);
  });

  test('rejects a negative latency', () => {
    expect(() => new FaultInjector().setLatency(-1)).toThrow(RangeError);
  });
});

describe('fault injection over HTTP', () => {
  let server: PaperServer;
  let token: string;

  beforeEach(async () => {
    server = await startPaperServer({ account: testAccount(), liquidityPerStep: 50 });
    token = await getToken(server.url);
  });

  afterEach(async () => {
    await server.close();
  });

  const order = (signal?: AbortSignal) =>
    post(server.url, '/api/dostk/ordr', 'kt10000', limitOrder('005930', 10, 71_000), {
      token,
      ...(signal === undefined ? {} : { signal }),
    });

  test('http5xx answers HTTP 500 and does not process the request', async () => {
    server.faults.inject({ kind: 'http5xx', apiId: 'kt10000' });
    const res = await order();
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ status: 500, error: 'Internal Server Error' });
    expect(server.exchange.orders()).toHaveLength(0);
    // The next request is processed and gets the exchange's first order number: the failed one used none.
    expect((await order()).body.ord_no).toBe(String(server.exchange.firstOrderNo).padStart(7, '0'));
  });

  test('rateLimit answers HTTP 200 return_code 5 [1700] naming the api-id, and does not process the request', async () => {
    server.faults.inject({ kind: 'rateLimit', apiId: 'kt10000' });
    const res = await order();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      return_code: 5,
      return_msg: '허용된 요청 개수를 초과하였습니다[1700:허용된 요청 개수를 초과하였습니다. API ID=kt10000]',
    });
    expect(server.exchange.orders()).toHaveLength(0);
  });

  test('rateLimit with retryAfterS sends that Retry-After header', async () => {
    server.faults.inject({ kind: 'rateLimit', apiId: 'kt10000', retryAfterS: 7 });
    const res = await fetch(`${server.url}/api/dostk/ordr`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'api-id': 'kt10000', authorization: `Bearer ${token}` },
      body: JSON.stringify(limitOrder('005930', 10, 71_000)),
    });
    expect(res.headers.get('retry-after')).toBe('7');
    expect(((await res.json()) as { return_code: number }).return_code).toBe(5);
    expect(server.exchange.orders()).toHaveLength(0);
  });

  test('an outage answers HTTP 500 to that api-id, unprocessed, until it is over', async () => {
    server.faults.outage({ apiId: 'kt10000', forMs: 60_000 });
    for (let i = 0; i < 3; i++) expect((await order()).status).toBe(500);
    expect((await post(server.url, '/api/dostk/acnt', 'ka00001', {}, { token })).body.return_code).toBe(0);
    expect(server.exchange.orders()).toHaveLength(0);
    server.faults.endOutages();
    expect((await order()).status).toBe(200);
    expect(server.exchange.orders()).toHaveLength(1);
  });

  test('a fault for one api-id leaves other requests alone', async () => {
    server.faults.inject({ kind: 'http5xx', apiId: 'kt10000' });
    const res = await post(server.url, '/api/dostk/acnt', 'ka00001', {}, { token });
    expect(res.body.return_code).toBe(0);
    expect(server.faults.pending()).toHaveLength(1);
  });

  test('connectionReset destroys the socket and does not process the request', async () => {
    server.faults.inject({ kind: 'connectionReset', apiId: 'kt10000' });
    await expect(order()).rejects.toThrow();
    expect(server.exchange.orders()).toHaveLength(0);
    expect(server.requestLog.filter((r) => r.apiId === 'kt10000')).toHaveLength(1);
  });

  test('timeoutAfterAccept processes the order but never answers; the socket dies after holdMs', async () => {
    server.faults.inject({ kind: 'timeoutAfterAccept', apiId: 'kt10000', holdMs: 100 });
    await expect(order()).rejects.toThrow();
    expect(server.exchange.orders()).toHaveLength(1);
    expect(server.exchange.orders()[0]).toMatchObject({ qty: 10, price: 71_000, status: 'open' });
  });

  test('timeoutAfterAccept: a client that gives up first sees a timeout, and the order exists', async () => {
    server.faults.inject({ kind: 'timeoutAfterAccept', apiId: 'kt10000' }); // default hold: 30 s
    await expect(order(AbortSignal.timeout(100))).rejects.toThrow();
    expect(server.exchange.orders()).toHaveLength(1);
    // The unfilled list shows it: the only way a client can find out after a timeout.
    const open = await post(
      server.url,
      '/api/dostk/acnt',
      'ka10075',
      { all_stk_tp: '0', trde_tp: '0', stex_tp: '0' },
      { token },
    );
    const accepted = server.exchange.orders().map((o) => o.orderNo);
    expect((open.body.oso as { ord_no: string }[]).map((o) => o.ord_no)).toEqual(accepted);
  });

  test('tokenExpired invalidates every token issued so far; a new token works', async () => {
    const other = await getToken(server.url);
    server.faults.inject({ kind: 'tokenExpired' });
    const failed = await post(server.url, '/api/dostk/acnt', 'ka00001', {}, { token });
    expect(failed.body).toEqual({ return_code: 3, return_msg: '인증에 실패했습니다[8005:Token이 유효하지 않습니다]' });
    expect((await post(server.url, '/api/dostk/acnt', 'ka00001', {}, { token: other })).body.return_code).toBe(3);
    const fresh = await getToken(server.url);
    expect((await post(server.url, '/api/dostk/acnt', 'ka00001', {}, { token: fresh })).body.return_code).toBe(0);
  });

  test('latency delays every response by at least the set time', async () => {
    server.faults.setLatency(80);
    const started = performance.now();
    const res = await post(server.url, '/api/dostk/acnt', 'ka00001', {}, { token });
    expect(res.body.return_code).toBe(0);
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
  });

  test('holdFills keeps a marketable order open until released and the price steps', async () => {
    server.faults.holdFills(true);
    const res = await post(server.url, '/api/dostk/ordr', 'kt10000', limitOrder('005930', 10, 80_000), { token });
    const orderNo = String(res.body.ord_no);
    server.exchange.step(2);
    expect(server.exchange.order(orderNo)?.status).toBe('open');
    server.faults.holdFills(false);
    server.exchange.step();
    expect(server.exchange.order(orderNo)?.status).toBe('filled');
  });

  // The hold is 30 s: without close() ending it, this test would run into its 10 s timeout.
  test('close() ends a held response at once', { timeout: 10_000 }, async () => {
    server.faults.inject({ kind: 'timeoutAfterAccept' });
    const pending = order();
    await new Promise((r) => setTimeout(r, 50));
    await server.close();
    await expect(pending).rejects.toThrow();
  });
});
