import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { loadConfig } from '../config/config.ts';
import { ID_PATTERN } from '../store/keys.ts';
import { type BrokerHandle, brokerAccountId, createBroker, paperAccountId } from './brokerFactory.ts';

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
      expect(handle.ephemeral).toBe(true);
      expect(handle.accountId).toMatch(/^paper-\d{8}-\d{6}-[0-9a-f]{8}$/);
      expect(handle.paper?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const account = await handle.broker.getAccount();
      expect(account.positions.map((p) => [p.code, p.qty])).toEqual([['005930', 3]]);
      expect(account.orderableCash).toBe(1_000_000);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('with BROKER=paper every start is a new account: a new id, and order numbers past the earlier start', async () => {
    const config = loadConfig(['broker'], { BROKER: 'paper' });
    const first = await createBroker(config, { paperAutoStepMs: 0 });
    handles.push(first);
    const second = await createBroker(config, { paperAutoStepMs: 0 });
    handles.push(second);
    expect(second.accountId).not.toBe(first.accountId);
    for (const h of [first, second]) expect(h.accountId).toMatch(ID_PATTERN);
    // Both exchanges number from their start time, the later one never below the earlier one.
    expect(second.paper?.exchange.firstOrderNo).toBeGreaterThanOrEqual(first.paper?.exchange.firstOrderNo ?? 0);
    expect(first.paper?.exchange.firstOrderNo).toBeGreaterThan(0);
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
    expect(handle.ephemeral).toBeUndefined();
    expect(handle.accountId).toBe(brokerAccountId(config));
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

  const kiwoomEnv = {
    BROKER: 'kiwoom',
    KIWOOM_ENV: 'mock',
    KIWOOM_APP_KEY: 'app-key-value-123',
    KIWOOM_SECRET_KEY: 's',
  };
  const idWith = (env: Record<string, string>) => brokerAccountId(loadConfig(['broker'], { ...kiwoomEnv, ...env }));

  test.each([
    ['the mock host itself', 'mock', 'https://mockapi.kiwoom.com'],
    ['the mock host with a trailing slash', 'mock', 'https://mockapi.kiwoom.com/'],
    ['the live host itself', 'live', 'https://api.kiwoom.com'],
  ])('is unchanged when KIWOOM_BASE_URL is %s', (_name, env, url) => {
    const live = env === 'live' ? { LIVE_TRADING: 'yes' } : {};
    expect(idWith({ KIWOOM_ENV: env, KIWOOM_BASE_URL: url, ...live })).toBe(idWith({ KIWOOM_ENV: env, ...live }));
  });

  test('adds a digest of the base URL origin when KIWOOM_BASE_URL points at another server', () => {
    const plain = idWith({});
    const paper = idWith({ KIWOOM_BASE_URL: 'http://127.0.0.1:8080' });
    expect(paper).toMatch(new RegExp(`^${plain}-[0-9a-f]{10}$`));
    expect(paper).toMatch(ID_PATTERN);
    expect(paper).not.toContain('127.0.0.1');
    expect(paper).not.toContain('8080');
    expect(paper).not.toContain('app-key');
    // Another port is another server; a path or trailing slash on the same origin is not.
    expect(idWith({ KIWOOM_BASE_URL: 'http://127.0.0.1:8081' })).not.toBe(paper);
    expect(idWith({ KIWOOM_BASE_URL: 'http://127.0.0.1:8080/' })).toBe(paper);
    // Another app key on the same server is another account.
    expect(idWith({ KIWOOM_BASE_URL: 'http://127.0.0.1:8080', KIWOOM_APP_KEY: 'another-key' })).not.toBe(paper);
    // The live host used with the mock env is not the mock account either.
    expect(idWith({ KIWOOM_BASE_URL: 'https://api.kiwoom.com' })).not.toBe(plain);
  });

  test('refuses a base URL the Kiwoom client would refuse', () => {
    expect(() => idWith({ KIWOOM_BASE_URL: 'http://example.com' })).toThrow(TypeError);
  });

  test('is not known in advance for the in-process paper exchange, whose id is new at every start', () => {
    expect(() => brokerAccountId(loadConfig(['broker'], { BROKER: 'paper' }))).toThrow(/new id at every start/);
  });
});

describe('paperAccountId', () => {
  test('names the KST start time and a random part, and fits an account id', () => {
    const at = Date.UTC(2026, 2, 4, 15, 30, 5); // 2026-03-05 00:30:05 KST
    const id = paperAccountId(at, '0a1b2c3d');
    expect(id).toBe('paper-20260305-003005-0a1b2c3d');
    expect(id).toMatch(ID_PATTERN);
  });

  test('differs between two starts in the same millisecond', () => {
    expect(paperAccountId(1_772_600_000_000)).not.toBe(paperAccountId(1_772_600_000_000));
  });

  test.each([
    ['a negative time', -1, 'abcdef01'],
    ['a random part that is not 8 hex digits', 0, 'xyz'],
  ])('refuses %s', (_name, at, random) => {
    expect(() => paperAccountId(at, random)).toThrow(RangeError);
  });
});
