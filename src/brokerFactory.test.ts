import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { type BrokerHandle, brokerAccountId, createBroker } from './brokerFactory.ts';
import { loadConfig } from './config.ts';

const handles: BrokerHandle[] = [];
afterEach(async () => {
  for (const h of handles.splice(0)) await h.close();
});

describe('createBroker', () => {
  test('with BROKER=paper starts the paper exchange on a loopback port and trades it through the Kiwoom client', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rb-factory-'));
    try {
      const file = join(dir, 'account.json');
      await writeFile(
        file,
        JSON.stringify({
          deposit: 1_000_000,
          positions: [{ code: '005930', name: '삼성전자', qty: 3, price: 71_200 }],
          quotes: [],
        }),
      );
      const config = loadConfig(['broker'], { BROKER: 'paper', PAPER_ACCOUNT: file, PAPER_PORT: '0' });
      const handle = await createBroker(config, { paperAutoStepMs: 0 });
      handles.push(handle);
      expect(handle.kind).toBe('paper');
      expect(handle.accountId).toBe('paper');
      expect(handle.paper?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const account = await handle.broker.getAccount();
      expect(account.positions.map((p) => [p.code, p.qty])).toEqual([['005930', 3]]);
      expect(account.orderableCash).toBe(1_000_000);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('with BROKER=paper and no PAPER_ACCOUNT uses the example account', async () => {
    const handle = await createBroker(loadConfig(['broker'], { BROKER: 'paper' }), { paperAutoStepMs: 0 });
    handles.push(handle);
    const account = await handle.broker.getAccount();
    expect(account.positions.length).toBeGreaterThan(0);
  });

  test('with BROKER=kiwoom builds a client for the configured host without contacting it', async () => {
    const config = loadConfig(['broker'], {
      BROKER: 'kiwoom',
      KIWOOM_ENV: 'mock',
      KIWOOM_APP_KEY: 'app-key-value-123',
      KIWOOM_SECRET_KEY: 'secret-key-value-456',
    });
    const handle = await createBroker(config);
    handles.push(handle);
    expect(handle.kind).toBe('kiwoom');
    expect(handle.paper).toBeUndefined();
  });
});

describe('brokerAccountId', () => {
  test('derives a stable Kiwoom account id from a hash of the app key, never the key itself', () => {
    const env = { BROKER: 'kiwoom', KIWOOM_ENV: 'mock', KIWOOM_APP_KEY: 'app-key-value-123', KIWOOM_SECRET_KEY: 's' };
    const id = brokerAccountId(loadConfig(['broker'], env));
    expect(id).toMatch(/^kiwoom-mock-[0-9a-f]{10}$/);
    expect(id).not.toContain('app-key');
    expect(brokerAccountId(loadConfig(['broker'], env))).toBe(id);
    expect(brokerAccountId(loadConfig(['broker'], { ...env, KIWOOM_APP_KEY: 'another-key' }))).not.toBe(id);
    expect(brokerAccountId(loadConfig(['broker'], { ...env, KIWOOM_ENV: 'live', LIVE_TRADING: 'yes' }))).toMatch(
      /^kiwoom-live-/,
    );
  });

  test('is "paper" for the paper exchange', () => {
    expect(brokerAccountId(loadConfig(['broker'], { BROKER: 'paper' }))).toBe('paper');
  });
});
