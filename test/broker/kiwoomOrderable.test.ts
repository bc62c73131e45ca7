import { describe, expect, test } from 'vitest';
import { canQueryOrderable } from '../../src/broker/Broker.ts';
import { BusinessRejectionError } from '../../src/broker/errors/BusinessRejectionError.ts';
import { createKiwoomBroker } from '../../src/broker/kiwoom/createKiwoomBroker.ts';
import type { KiwoomBroker } from '../../src/broker/kiwoom/KiwoomBroker.ts';
import { affordableQty } from '../../src/domain/affordableQty.ts';
import { DEFAULT_FEE_RATES } from '../../src/domain/fees.ts';
import { type PaperServer, startPaperServer } from '../../src/paper/paperServer.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';

// kt00010 through the Broker port: the Kiwoom client against the paper exchange over real HTTP.

const ACCOUNT = {
  deposit: 10_000_000,
  positions: [{ code: '005930', name: '삼성전자', qty: 100, price: 71_200 }],
  quotes: [{ code: '000660', name: 'SK하이닉스', price: 190_500 }],
};

let server: PaperServer | undefined;

closeAfterEach(() => server);

async function setup(): Promise<{ server: PaperServer; broker: KiwoomBroker }> {
  const s = await startPaperServer({ account: ACCOUNT, liquidityPerStep: 4 });
  server = s;
  const broker = createKiwoomBroker({
    baseUrl: s.url,
    appKey: 'paper-app-key',
    secretKey: 'paper-secret-key',
    rateLimits: { ordersPerSecond: Number.POSITIVE_INFINITY, queriesPerSecond: Number.POSITIVE_INFINITY },
  });
  return { server: s, broker };
}

describe('KiwoomBroker.getOrderable (kt00010)', () => {
  test('agrees with getAccount and counts the shares the cash buys, commission included', async () => {
    const { broker } = await setup();
    expect(canQueryOrderable(broker)).toBe(true);
    const orderable = await broker.getOrderable('000660', 190_500);
    expect(orderable).toEqual({
      code: '000660',
      price: 190_500,
      orderableCash: 10_000_000,
      orderableQty: affordableQty(10_000_000, 190_500, DEFAULT_FEE_RATES),
    });
    expect(orderable.orderableQty).toBe(52);
  });

  test('drops by what a resting buy reserves', async () => {
    const { broker } = await setup();
    await broker.placeOrder({ side: 'buy', code: '005930', qty: 10, type: 'limit', price: 70_000 });
    const account = await broker.getAccount();
    const orderable = await broker.getOrderable('005930', 70_000);
    expect(orderable.orderableCash).toBe(account.orderableCash);
    expect(orderable.orderableCash).toBeLessThan(10_000_000 - 10 * 70_000 + 1);
    expect(orderable.orderableQty).toBe(affordableQty(account.orderableCash, 70_000, DEFAULT_FEE_RATES));
  });

  test.each([
    ['a bad code', 'ABC', 70_000],
    ['a zero price', '005930', 0],
    ['a fractional price', '005930', 70_000.5],
  ])('refuses %s without sending anything', async (_what, code, price) => {
    const { server, broker } = await setup();
    const before = server.requestLog.length;
    await expect(broker.getOrderable(code, price)).rejects.toThrow(BusinessRejectionError);
    expect(server.requestLog.length).toBe(before);
  });

  test('an unknown stock is a non-retryable refusal by the broker', async () => {
    const { broker } = await setup();
    const err = await broker.getOrderable('999999', 10_000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BusinessRejectionError);
    expect((err as BusinessRejectionError).brokerCode).toBe('1902');
  });
});
