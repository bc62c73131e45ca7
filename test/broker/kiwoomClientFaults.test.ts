import { describe, expect, test } from 'vitest';
import { AuthError } from '../../src/broker/errors/AuthError.ts';
import { BusinessRejectionError } from '../../src/broker/errors/BusinessRejectionError.ts';
import { RateLimitedError } from '../../src/broker/errors/RateLimitedError.ts';
import { TransientError } from '../../src/broker/errors/TransientError.ts';
import { UnknownOutcomeError } from '../../src/broker/errors/UnknownOutcomeError.ts';
import { createKiwoomBroker } from '../../src/broker/kiwoom/createKiwoomBroker.ts';
import type { KiwoomBroker } from '../../src/broker/kiwoom/KiwoomBroker.ts';
import { type PaperServer, startPaperServer } from '../../src/paper/paperServer.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';

// Every error family of the Kiwoom client, provoked by the paper exchange's fault injection over real HTTP.

const ACCOUNT = {
  deposit: 10_000_000,
  positions: [{ code: '005930', name: '삼성전자', qty: 100, price: 71_200 }],
  quotes: [{ code: '000660', name: 'SK하이닉스', price: 190_500 }],
};
/** At 71,200 the book is 71,100 bid / 71,300 ask: a buy at the ask fills at once, one at 70,000 rests. */
const MARKETABLE_BUY = { side: 'buy', code: '005930', qty: 10, type: 'limit', price: 71_300 } as const;
const RESTING_BUY = { side: 'buy', code: '005930', qty: 10, type: 'limit', price: 70_000 } as const;

let server: PaperServer | undefined;

closeAfterEach(() => server);

async function setup(): Promise<{ server: PaperServer; broker: KiwoomBroker; count: (apiId: string) => number }> {
  const s = await startPaperServer({ account: ACCOUNT, liquidityPerStep: 4 });
  server = s;
  const broker = createKiwoomBroker({
    baseUrl: s.url,
    appKey: 'paper-app-key',
    secretKey: 'paper-secret-key',
    queryTimeoutMs: 300,
    orderTimeoutMs: 300,
    queryAttempts: 3,
    retryBaseDelayMs: 10,
    retryMaxDelayMs: 40,
    rateLimitPauseMs: 20,
    rateLimits: { ordersPerSecond: Number.POSITIVE_INFINITY, queriesPerSecond: Number.POSITIVE_INFINITY },
  });
  const count = (apiId: string) => s.requestLog.filter((r) => r.apiId === apiId).length;
  return { server: s, broker, count };
}

describe('rate limit', () => {
  test('a rate-limited query is retried by the client and succeeds', async () => {
    const { server, broker, count } = await setup();
    server.faults.inject({ kind: 'rateLimit', apiId: 'ka10075' });
    await expect(broker.getOpenOrders()).resolves.toEqual([]);
    expect(count('ka10075')).toBe(2);
  });

  test('a rate-limited order throws RateLimitedError, is not resent, and placed nothing', async () => {
    const { server, broker, count } = await setup();
    server.faults.inject({ kind: 'rateLimit', apiId: 'kt10000' });
    const err = await broker.placeOrder(RESTING_BUY).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).brokerCode).toBe('1700');
    expect((err as RateLimitedError).retryable).toBe(true);
    expect(count('kt10000')).toBe(1);
    expect(server.exchange.orders()).toHaveLength(0);
  });
});

describe('HTTP 5xx', () => {
  test('a 5xx on a query is retried and succeeds', async () => {
    const { server, broker, count } = await setup();
    server.faults.inject({ kind: 'http5xx', apiId: 'kt00001', times: 2 });
    await expect(broker.getAccount()).resolves.toMatchObject({ deposit: 10_000_000 });
    expect(count('kt00001')).toBe(3);
  });

  test('a 5xx that keeps coming gives TransientError after the configured attempts', async () => {
    const { server, broker, count } = await setup();
    server.faults.inject({ kind: 'http5xx', apiId: 'ka10076', times: 10 });
    await expect(broker.getExecutions()).rejects.toThrow(TransientError);
    expect(count('ka10076')).toBe(3);
  });

  // Documented choice (classifyKiwoomError): a 5xx without a Kiwoom rejection in the body may come from a proxy
  // after the order reached the exchange, so the outcome is unknown; reconciliation here shows it was not placed.
  test('a 5xx on an order is an UnknownOutcomeError; the order is sent once and reconciliation finds nothing', async () => {
    const { server, broker, count } = await setup();
    server.faults.inject({ kind: 'http5xx', apiId: 'kt10000' });
    await expect(broker.placeOrder(RESTING_BUY)).rejects.toThrow(UnknownOutcomeError);
    expect(count('kt10000')).toBe(1);
    expect(await broker.getOpenOrders()).toEqual([]);
    expect(await broker.getExecutions()).toEqual([]);
  });
});

describe('token expiry', () => {
  test('an expired token is re-issued once and the call succeeds', async () => {
    const { server, broker, count } = await setup();
    await broker.getOpenOrders();
    server.faults.inject({ kind: 'tokenExpired', apiId: 'ka10075' });
    await expect(broker.getOpenOrders()).resolves.toEqual([]);
    expect(count('au10001')).toBe(2);
    expect(count('ka10075')).toBe(3);
  });

  test('an order refused for its token is sent again with the new token and placed exactly once', async () => {
    const { server, broker, count } = await setup();
    server.faults.inject({ kind: 'tokenExpired', apiId: 'kt10000' });
    const ack = await broker.placeOrder(RESTING_BUY);
    expect(count('kt10000')).toBe(2);
    expect(server.exchange.orders().map((o) => o.orderNo)).toEqual([ack.orderNo]);
  });

  test.each([8005, 8031, 8103] as const)(
    'an order refused with a bare return_code %s is sent again with a new token and placed exactly once',
    async (code) => {
      const { server, broker, count } = await setup();
      server.faults.inject({ kind: 'tokenExpired', apiId: 'kt10000', bareReturnCode: code });
      const ack = await broker.placeOrder(RESTING_BUY);
      expect(count('au10001')).toBe(2);
      expect(count('kt10000')).toBe(2);
      expect(server.exchange.orders().map((o) => o.orderNo)).toEqual([ack.orderNo]);
    },
  );

  test('a token that keeps being refused fails loudly with AuthError after one re-issue', async () => {
    const { server, broker, count } = await setup();
    server.faults.inject({ kind: 'tokenExpired', apiId: 'ka10075', times: 5 });
    await expect(broker.getOpenOrders()).rejects.toThrow(AuthError);
    expect(count('au10001')).toBe(2);
    expect(count('ka10075')).toBe(2);
  });

  test('a short-lived token is renewed before it expires, without a refused call', async () => {
    const s = await startPaperServer({ account: ACCOUNT, tokenTtlMs: 2_000 });
    server = s;
    const broker = createKiwoomBroker({ baseUrl: s.url, appKey: 'k', secretKey: 's' });
    await broker.getOpenOrders();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await broker.getOpenOrders();
    expect(s.requestLog.filter((r) => r.apiId === 'au10001')).toHaveLength(2);
    expect(s.requestLog.filter((r) => r.apiId === 'ka10075')).toHaveLength(2);
  });
});

describe('business rejection', () => {
  test('an off-tick price is a BusinessRejectionError and is sent exactly once', async () => {
    const { server, broker, count } = await setup();
    const err = await broker.placeOrder({ ...RESTING_BUY, price: 70_050 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BusinessRejectionError);
    expect((err as BusinessRejectionError).retryable).toBe(false);
    expect(String(err)).toContain('호가단위');
    expect(count('kt10000')).toBe(1);
    expect(server.exchange.orders()).toHaveLength(0);
  });
});

describe('unknown outcome', () => {
  test('an accepted order whose answer never comes is an UnknownOutcomeError, placed once, and found by reconciliation', async () => {
    const { server, broker, count } = await setup();
    server.faults.inject({ kind: 'timeoutAfterAccept', apiId: 'kt10000', holdMs: 5_000 });
    const err = await broker.placeOrder(MARKETABLE_BUY).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnknownOutcomeError);
    expect((err as UnknownOutcomeError).retryable).toBe(false);
    expect(count('kt10000')).toBe(1);
    expect(server.exchange.orders()).toHaveLength(1);
    const [order] = server.exchange.orders();

    // 4 of 10 filled at once (liquidity 4): the order shows up as open and as executed.
    const open = await broker.getOpenOrders();
    expect(open).toEqual([expect.objectContaining({ orderNo: order?.orderNo, unfilledQty: 6, filledQty: 4 })]);
    const executions = await broker.getExecutions();
    expect(executions).toEqual([expect.objectContaining({ orderNo: order?.orderNo, filledQty: 4, fillPrice: 71_300 })]);
    expect(count('kt10000')).toBe(1);
  });

  test('an order whose connection is reset is an UnknownOutcomeError; reconciliation shows it was not placed', async () => {
    const { server, broker, count } = await setup();
    server.faults.inject({ kind: 'connectionReset', apiId: 'kt10000' });
    await expect(broker.placeOrder(RESTING_BUY)).rejects.toThrow(UnknownOutcomeError);
    expect(count('kt10000')).toBe(1);
    expect(await broker.getOpenOrders()).toEqual([]);
  });

  test('an amend whose answer never comes is an UnknownOutcomeError and is not sent again', async () => {
    const { server, broker, count } = await setup();
    const placed = await broker.placeOrder(RESTING_BUY);
    server.faults.inject({ kind: 'timeoutAfterAccept', apiId: 'kt10002', holdMs: 5_000 });
    await expect(
      broker.amendOrder({ orderNo: placed.orderNo, code: '005930', qty: 10, price: 70_100 }),
    ).rejects.toThrow(UnknownOutcomeError);
    expect(count('kt10002')).toBe(1);
    const open = await broker.getOpenOrders();
    expect(open).toEqual([expect.objectContaining({ origOrderNo: placed.orderNo, price: 70_100, unfilledQty: 10 })]);
  });
});

describe('network trouble on queries', () => {
  test('a query whose connection is reset is retried and succeeds', async () => {
    const { server, broker, count } = await setup();
    server.faults.inject({ kind: 'connectionReset', apiId: 'ka10076' });
    await expect(broker.getExecutions()).resolves.toEqual([]);
    expect(count('ka10076')).toBe(2);
  });

  test('a query slower than its deadline is retried, then gives TransientError', async () => {
    const { server, broker, count } = await setup();
    await broker.getOpenOrders();
    server.faults.setLatency(600);
    await expect(broker.getOpenOrders()).rejects.toThrow(TransientError);
    expect(count('ka10075')).toBe(1 + 3);
  });
});
