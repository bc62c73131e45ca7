import { describe, expect, test } from 'vitest';
import { closeAfterEach } from '../../../test/kit/closeAfterEach.ts';
import { testAccount } from '../../../test/kit/testAccount.ts';
import { clockOffsetVerdict, DEFAULT_MAX_CLOCK_OFFSET_MS } from '../../domain/brokerClockOffset.ts';
import { type PaperServer, startPaperServer } from '../../paper/paperServer.ts';
import { BrokerClockGauge } from './BrokerClockGauge.ts';
import { createKiwoomBroker } from './createKiwoomBroker.ts';

let server: PaperServer | undefined;
closeAfterEach(() => server);

describe('the broker clock offset, measured from the Date header of its answers', () => {
  test('a paper exchange whose clock shows 3 s behind ours is measured 3 s behind, within a second', async () => {
    server = await startPaperServer({ account: testAccount() });
    server.faults.setClockOffset(-3_000);
    const broker = createKiwoomBroker({ baseUrl: server.url, appKey: 'test-app-key', secretKey: 'test-secret-key' });
    expect(broker.clockOffset()).toBeUndefined();
    for (let i = 0; i < 3; i++) await broker.getOpenOrders();
    const offset = broker.clockOffset();
    expect(offset?.lowMs).toBeLessThanOrEqual(-3_000);
    expect(offset?.highMs).toBeGreaterThanOrEqual(-3_000);
    expect((offset?.highMs ?? 0) - (offset?.lowMs ?? 0)).toBeLessThanOrEqual(1_500);
  });

  test('an answer without a readable Date header measures nothing', () => {
    const gauge = new BrokerClockGauge();
    gauge.record(1_000, 1_010, undefined);
    gauge.record(1_000, 1_010, 'not a date');
    expect(gauge.offset()).toBeUndefined();
    gauge.record(
      Date.parse('Mon, 02 Mar 2026 01:00:00 GMT'),
      Date.parse('Mon, 02 Mar 2026 01:00:00 GMT') + 20,
      'Mon, 02 Mar 2026 01:00:00 GMT',
    );
    expect(gauge.offset()?.samples).toBe(1);
  });

  test('keeps only the newest samples', () => {
    const gauge = new BrokerClockGauge(undefined, 2);
    const t = Date.parse('Mon, 02 Mar 2026 01:00:00 GMT');
    for (let i = 0; i < 5; i++) gauge.record(t + i * 1000, t + i * 1000 + 10, new Date(t + i * 1000).toUTCString());
    expect(gauge.offset()?.samples).toBe(2);
  });

  test('the listed times of our own orders win over the Date header: they are the clock the lists are stamped with', () => {
    const gauge = new BrokerClockGauge();
    // 2026-03-03 10:00:00.000 KST
    const t = Date.parse('2026-03-03T10:00:00+09:00');
    gauge.record(t, t + 20, new Date(t).toUTCString()); // the web tier: on time
    expect(Math.abs(gauge.offset()?.offsetMs ?? Number.NaN)).toBeLessThanOrEqual(1_000);
    gauge.notePlaced('0000101', t + 100, t + 140);
    gauge.noteListed('0000999', '095957'); // not ours: ignored
    expect(gauge.offset()?.highMs).toBeGreaterThan(0);
    gauge.noteListed('0000101', '095957'); // ours, listed 3 s behind
    const offset = gauge.offset();
    expect(offset?.lowMs).toBeLessThanOrEqual(-3_000);
    expect(offset?.highMs).toBeGreaterThanOrEqual(-3_000);
    expect(offset?.highMs).toBeLessThan(-1_000);
    // Once per order: a second listing adds nothing.
    gauge.noteListed('0000101', '100500');
    expect(gauge.offset()).toEqual(offset);
  });

  test('a listed time across midnight from ours is read on the right day', () => {
    const gauge = new BrokerClockGauge();
    const t = Date.parse('2026-03-04T00:00:01+09:00');
    gauge.notePlaced('0000101', t, t + 10);
    gauge.noteListed('0000101', '235958');
    const offset = gauge.offset();
    expect(offset?.lowMs).toBeLessThanOrEqual(-3_000);
    expect(offset?.highMs).toBeGreaterThanOrEqual(-3_010);
  });

  test('through the client: an order placed on a paper exchange 3 s behind is measured from its listed time', async () => {
    server = await startPaperServer({ account: testAccount() });
    server.faults.setClockOffset(-3_000);
    const broker = createKiwoomBroker({ baseUrl: server.url, appKey: 'test-app-key', secretKey: 'test-secret-key' });
    await broker.placeOrder({ side: 'buy', code: '005930', qty: 1, type: 'limit', price: 60_000 });
    expect((await broker.getOpenOrders()).length).toBe(1);
    const offset = broker.clockOffset();
    expect(offset?.lowMs).toBeLessThanOrEqual(-3_000);
    expect(offset?.highMs).toBeGreaterThanOrEqual(-3_000);
  });

  test('a broker clock that comes back is seen again: an old listed time does not hold orders for ever', async () => {
    // Orders are held while the measured offset is past MAX_CLOCK_OFFSET_MS (jobs/brokerClock.ts), and a listed time
    // is measured only from an order placed since: once the listed times said "too far", nothing new was placed, no
    // new listed time came, and the Date headers of the answers (back on time) were never looked at again.
    server = await startPaperServer({ account: testAccount() });
    const broker = createKiwoomBroker({ baseUrl: server.url, appKey: 'test-app-key', secretKey: 'test-secret-key' });
    server.faults.setClockOffset(-8_000);
    await broker.placeOrder({ side: 'buy', code: '005930', qty: 1, type: 'limit', price: 60_000 });
    await broker.getOpenOrders();
    expect(clockOffsetVerdict(broker.clockOffset(), DEFAULT_MAX_CLOCK_OFFSET_MS)).toBe('too-far');
    // The broker's clock is set right; the engine places nothing meanwhile, it only asks for quotes and lists.
    server.faults.setClockOffset(0);
    for (let i = 0; i < 3; i++) {
      await broker.getOpenOrders();
      await broker.getQuote('005930');
    }
    const offset = broker.clockOffset();
    expect(clockOffsetVerdict(offset, DEFAULT_MAX_CLOCK_OFFSET_MS)).toBe('ok');
    expect(Math.abs(offset?.offsetMs ?? Number.NaN)).toBeLessThanOrEqual(1_000);
  });
});
