import { afterEach, describe, expect, test } from 'vitest';
import { type PaperServer, startPaperServer } from '../../paper/paperServer.ts';
import { testAccount } from '../../paper/testing/fixtures.ts';
import { BrokerClockGauge } from './BrokerClockGauge.ts';
import { createKiwoomBroker } from './createKiwoomBroker.ts';

let server: PaperServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

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
    const gauge = new BrokerClockGauge(2);
    const t = Date.parse('Mon, 02 Mar 2026 01:00:00 GMT');
    for (let i = 0; i < 5; i++) gauge.record(t + i * 1000, t + i * 1000 + 10, new Date(t + i * 1000).toUTCString());
    expect(gauge.offset()?.samples).toBe(2);
  });
});
