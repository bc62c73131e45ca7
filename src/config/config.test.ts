import { describe, expect, test } from 'vitest';
import { ConfigError } from './ConfigError.ts';
import { loadConfig } from './config.ts';

const TOKEN = '123456789:AAHsecretsecretsecretsecretsecret0';

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  test('defaults to the paper broker with the documented intervals', () => {
    const config = loadConfig(['broker', 'engine'], {});
    expect(config.BROKER).toBe('paper');
    expect(config.ORDER_INTERVAL_MS).toBe(10_000);
    expect(config.POLL_INTERVAL_MS).toBe(180_000);
    expect(config.AMEND_AFTER_MS).toBe(600_000);
    expect(config.LOG_LEVEL).toBe('info');
  });

  test('asks only for the sections an entry point uses: no Telegram variables needed without the telegram section', () => {
    expect(() => loadConfig(['broker', 'redis', 'engine'], {})).not.toThrow();
    expect(() => loadConfig(['telegram'], {})).toThrow(ConfigError);
  });

  test('names every offending variable in one message', () => {
    const err = errorOf(() =>
      loadConfig(['broker', 'engine'], { BROKER: 'ib', ORDER_INTERVAL_MS: 'soon', PAPER_PORT: '70000' }),
    );
    expect(err.message).toContain('BROKER');
    expect(err.message).toContain('ORDER_INTERVAL_MS');
    expect(err.message).toContain('PAPER_PORT');
  });

  test('parses the allowed chat ids as a list and rejects a non-numeric one', () => {
    const config = loadConfig(['telegram'], { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_ALLOWED_CHAT_IDS: '123, -100200' });
    expect(config.TELEGRAM_ALLOWED_CHAT_IDS).toEqual(['123', '-100200']);
    const err = errorOf(() =>
      loadConfig(['telegram'], { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_ALLOWED_CHAT_IDS: '123,abc' }),
    );
    expect(err.message).toContain('TELEGRAM_ALLOWED_CHAT_IDS');
  });

  test('never echoes the value of a malformed secret', () => {
    const secret = 'not-a-token-but-very-secret-value';
    const err = errorOf(() => loadConfig(['telegram'], { TELEGRAM_BOT_TOKEN: secret, TELEGRAM_ALLOWED_CHAT_IDS: '1' }));
    expect(err.message).toContain('TELEGRAM_BOT_TOKEN');
    expect(err.message).not.toContain(secret);
  });

  test('the kiwoom broker needs both keys', () => {
    const err = errorOf(() => loadConfig(['broker'], { BROKER: 'kiwoom' }));
    expect(err.message).toContain('KIWOOM_APP_KEY');
    expect(err.message).toContain('KIWOOM_SECRET_KEY');
  });

  test.each([
    [{ LIVE_TRADING: undefined }, true],
    [{ LIVE_TRADING: 'no' }, true],
    [{ LIVE_TRADING: 'yes' }, false],
  ])('refuses live mode unless LIVE_TRADING=yes (%o -> refused: %s)', (extra, refused) => {
    const env = { BROKER: 'kiwoom', KIWOOM_ENV: 'live', KIWOOM_APP_KEY: 'k', KIWOOM_SECRET_KEY: 's', ...extra };
    const run = () => loadConfig(['broker'], env);
    if (refused) expect(errorOf(run).message).toContain('LIVE_TRADING');
    else expect(run().KIWOOM_ENV).toBe('live');
  });

  test('mock mode does not need LIVE_TRADING', () => {
    const config = loadConfig(['broker'], { BROKER: 'kiwoom', KIWOOM_APP_KEY: 'k', KIWOOM_SECRET_KEY: 's' });
    expect(config.KIWOOM_ENV).toBe('mock');
  });

  test('an empty value falls back to the default', () => {
    expect(loadConfig(['engine'], { ORDER_INTERVAL_MS: '' }).ORDER_INTERVAL_MS).toBe(10_000);
  });

  test('extra closed days are parsed and validated', () => {
    expect(loadConfig(['engine'], { EXTRA_CLOSED_DAYS: '2026-12-24, 2027-01-04' }).EXTRA_CLOSED_DAYS).toEqual([
      '2026-12-24',
      '2027-01-04',
    ]);
    expect(errorOf(() => loadConfig(['engine'], { EXTRA_CLOSED_DAYS: '24/12/2026' })).message).toContain(
      'EXTRA_CLOSED_DAYS',
    );
    expect(errorOf(() => loadConfig(['engine'], { EXTRA_CLOSED_DAYS: '2026-12-24,2026-02-30' })).message).toContain(
      'EXTRA_CLOSED_DAYS: not a calendar date',
    );
  });

  test('MARKET_SESSION follows the broker unless set: krx with kiwoom, always with paper', () => {
    const kiwoom = { BROKER: 'kiwoom', KIWOOM_APP_KEY: 'k', KIWOOM_SECRET_KEY: 's' };
    expect(loadConfig(['broker', 'engine'], {}).MARKET_SESSION).toBe('always');
    expect(loadConfig(['broker', 'engine'], kiwoom).MARKET_SESSION).toBe('krx');
    // The engine section alone (as the bench parses it) follows BROKER too.
    expect(loadConfig(['engine'], { BROKER: 'kiwoom' }).MARKET_SESSION).toBe('krx');
    expect(loadConfig(['broker', 'engine'], { ...kiwoom, MARKET_SESSION: 'always' }).MARKET_SESSION).toBe('always');
    expect(loadConfig(['engine'], { MARKET_SESSION: 'krx' }).MARKET_SESSION).toBe('krx');
    expect(loadConfig(['engine'], { MARKET_SESSION: '' }).MARKET_SESSION).toBe('always');
    expect(errorOf(() => loadConfig(['engine'], { MARKET_SESSION: 'nyse' })).message).toContain('MARKET_SESSION');
  });

  test('the clock settings: CLOCK_SKEW_MS 30 s and MAX_CLOCK_OFFSET_MS 5 s by default, whole ms within bounds', () => {
    const config = loadConfig(['engine'], {});
    expect(config.CLOCK_SKEW_MS).toBe(30_000);
    expect(config.MAX_CLOCK_OFFSET_MS).toBe(5_000);
    expect(loadConfig(['engine'], { CLOCK_SKEW_MS: '0' }).CLOCK_SKEW_MS).toBe(0);
    for (const [name, value] of [
      ['CLOCK_SKEW_MS', '-1'],
      ['CLOCK_SKEW_MS', '1.5'],
      ['MAX_CLOCK_OFFSET_MS', 'soon'],
      ['MAX_CLOCK_OFFSET_MS', '600001'],
    ] as const) {
      expect(errorOf(() => loadConfig(['engine'], { [name]: value })).message).toContain(name);
    }
  });
});
