/**
 * Kiwoom REST hosts: production and the paper-trading (모의투자, KRX only) server.
 * @see shared/reference/kiwoom-rest.md "Hosts and envelope"
 */
export const KIWOOM_HOSTS = {
  live: 'https://api.kiwoom.com',
  mock: 'https://mockapi.kiwoom.com',
} as const;

/** Kiwoom environment: `mock` (모의투자) or `live`. */
export type KiwoomEnv = keyof typeof KIWOOM_HOSTS;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * The base URL for an environment, or `override` (KIWOOM_BASE_URL, e.g. the paper exchange) when given.
 * Throws for an override that is not an absolute URL, or plain http to anything but loopback: keys and tokens
 * are sent with every request and must not cross a network in clear text.
 */
export function kiwoomBaseUrl(env: KiwoomEnv, override?: string | undefined): string {
  if (override === undefined || override.trim() === '') return KIWOOM_HOSTS[env];
  return checkBaseUrl(override.trim());
}

/** Validates a base URL as kiwoomBaseUrl does and returns it without a trailing slash. */
export function checkBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TypeError('Kiwoom base URL is not an absolute URL');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) {
    throw new TypeError('Kiwoom base URL must be https (plain http only to a loopback address)');
  }
  if (url.username !== '' || url.password !== '') throw new TypeError('Kiwoom base URL must not carry credentials');
  return raw.replace(/\/+$/, '');
}
