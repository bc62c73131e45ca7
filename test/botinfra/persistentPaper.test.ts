import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BrokerHandle, createBroker } from '../../src/app/brokerFactory.ts';
import { loadConfig } from '../../src/config/config.ts';
import { persistentPaperAccountId } from '../../src/paper/startPersistentPaper.ts';
import { createRedis, deleteKeysWithPrefix } from '../../src/store/redis.ts';
import { allSteps } from '../kit/allSteps.ts';
import { REDIS_URL } from '../kit/openTestRedis.ts';
import { testAccount } from '../kit/testAccount.ts';

let dir: string;
let accountPath: string;
const redis = createRedis(REDIS_URL);
const handles: BrokerHandle[] = [];

afterAll(() => redis.disconnect());

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'paper-persist-'));
  accountPath = join(dir, 'account.json');
  await writeFile(accountPath, JSON.stringify(testAccount()));
});

afterEach(async () => {
  await allSteps([
    ...handles.splice(0).map((h) => () => h.close()),
    async () => {
      await deleteKeysWithPrefix(redis, `rb:${persistentPaperAccountId(accountPath)}:`);
    },
    () => rm(dir, { recursive: true, force: true }),
  ]);
});

async function open(persist = true): Promise<BrokerHandle> {
  const config = loadConfig(['broker'], { BROKER: 'paper', PAPER_ACCOUNT: accountPath, PAPER_SEED: '3' });
  const handle = await createBroker(config, {
    paperAutoStepMs: 0,
    ...(persist ? { persistPaper: { redis } } : {}),
  });
  handles.push(handle);
  return handle;
}

describe('persistent paper account (createBroker with persistPaper)', () => {
  it('keeps its id and its exchange across a restart: cash, holdings, open orders, order numbers, prices', async () => {
    const first = await open();
    expect(first.accountId).toBe(persistentPaperAccountId(accountPath));
    expect(first.ephemeral).not.toBe(true);
    const x = first.paper!.exchange;
    x.step(7);
    const quote = await first.broker.getQuote('005930');
    // One order fills now (crossing), one rests below the market.
    const filled = await first.broker.placeOrder({
      side: 'sell',
      code: '005930',
      qty: 5,
      type: 'limit',
      price: quote.bestBid,
    });
    const resting = await first.broker.placeOrder({
      side: 'buy',
      code: '000660',
      qty: 2,
      type: 'limit',
      price: (await first.broker.getQuote('000660')).lowerLimit,
    });
    const accountBefore = await first.broker.getAccount();
    const openBefore = await first.broker.getOpenOrders();
    const pricesBefore = ['005930', '000660'].map((c) => x.quote(c)!.price);
    x.step(3);
    await first.broker.getAccount(); // a request after the steps saves them too
    const after3 = ['005930', '000660'].map((c) => x.quote(c)!.price);
    // A crash: the process is gone without closing anything but the socket.
    await first.paper!.close();

    const second = await open();
    expect(second.accountId).toBe(first.accountId);
    expect(await second.broker.getAccount()).toEqual({ ...accountBefore, positions: expect.any(Array) });
    expect((await second.broker.getAccount()).positions.map((p) => [p.code, p.qty])).toEqual(
      accountBefore.positions.map((p) => [p.code, p.qty]),
    );
    expect((await second.broker.getOpenOrders()).map((o) => [o.orderNo, o.unfilledQty])).toEqual(
      openBefore.map((o) => [o.orderNo, o.unfilledQty]),
    );
    expect((await second.broker.getOpenOrders())[0]?.orderNo).toBe(resting.orderNo);
    const y = second.paper!.exchange;
    expect(['005930', '000660'].map((c) => y.quote(c)!.price)).toEqual(after3);
    expect(pricesBefore).toHaveLength(2);
    expect(y.order(filled.orderNo)?.filledQty).toBe(5);
    const next = await second.broker.placeOrder({ side: 'sell', code: '123450', qty: 1, type: 'market' });
    expect(Number(next.orderNo)).toBe(Number(resting.orderNo) + 1);
    y.assertInvariants();
  });

  it('resetPaper starts over from the account file as it is now', async () => {
    const first = await open();
    const quote = await first.broker.getQuote('005930');
    await first.broker.placeOrder({ side: 'sell', code: '005930', qty: 5, type: 'limit', price: quote.bestBid });
    await writeFile(accountPath, JSON.stringify(testAccount({ deposit: 1_234_000 })));
    await first.resetPaper!();
    const account = await first.broker.getAccount();
    expect(account.deposit).toBe(1_234_000);
    expect(account.positions.find((p) => p.code === '005930')?.qty).toBe(100);
    expect(await first.broker.getOpenOrders()).toEqual([]);
    await first.close();
    const second = await open();
    expect((await second.broker.getAccount()).deposit).toBe(1_234_000);
  });

  it('refuses to start on stored state it cannot read, naming it, and leaves it alone', async () => {
    const key = `rb:${persistentPaperAccountId(accountPath)}:paper:exchange`;
    await redis.set(key, '{"version":1,"cash":-1}');
    await expect(open()).rejects.toThrow(/paper exchange state/);
    expect(await redis.get(key)).toBe('{"version":1,"cash":-1}');
  });

  it('without persistPaper, paper runs stay fresh and ephemeral', async () => {
    const a = await open(false);
    const b = await open(false);
    expect(a.ephemeral).toBe(true);
    expect(a.accountId).not.toBe(b.accountId);
    expect(a.resetPaper).toBeUndefined();
    expect(await redis.exists(`rb:${persistentPaperAccountId(accountPath)}:paper:exchange`)).toBe(0);
  });
});
