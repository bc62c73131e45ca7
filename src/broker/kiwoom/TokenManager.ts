import type { Logger } from '../../logging/logger.ts';
import type { Clock } from './Clock.ts';

/** A token and the instant it stops working. */
export interface IssuedToken {
  readonly token: string;
  /** Epoch ms (from `expires_dt`, KST). */
  readonly expiresAt: number;
}

/** Issues a new token against one base URL (au10001). Throws a BrokerError on failure. */
export type TokenIssuer = (baseUrl: string) => Promise<IssuedToken>;

/** Options of TokenManager. */
export interface TokenManagerOptions {
  /** Renew this long before `expires_dt` (default 600 s, as Kiwoom's reference client does). */
  readonly renewEarlyMs?: number;
  /** Called with every new token (the client registers it with its redactor). */
  readonly onIssued?: (token: string) => void;
  readonly logger?: Logger | undefined;
}

interface CachedToken extends IssuedToken {
  readonly renewAt: number;
}

const DEFAULT_RENEW_EARLY_MS = 600_000;
/** However short a token's reported life, it is used for at least this long before a renewal (no issue storm). */
const MIN_USE_MS = 1_000;

/**
 * Issues, caches and renews access tokens. Tokens are cached per base URL (origin), so a token issued by the mock
 * host is never sent to the live host: keys and tokens are per environment (8030/8031).
 * Concurrent callers share one in-flight issue request. There is no refresh token: renewal is a fresh issue.
 * @see shared/reference/kiwoom-rest.md "Token"
 */
export class TokenManager {
  private readonly cache = new Map<string, CachedToken>();
  private readonly inFlight = new Map<string, Promise<string>>();
  private readonly renewEarlyMs: number;

  constructor(
    private readonly issue: TokenIssuer,
    private readonly clock: Clock,
    private readonly options: TokenManagerOptions = {},
  ) {
    this.renewEarlyMs = options.renewEarlyMs ?? DEFAULT_RENEW_EARLY_MS;
  }

  /** A token valid for `baseUrl`: the cached one until its renewal time, else a newly issued one. */
  getToken(baseUrl: string): Promise<string> {
    const key = tokenCacheKey(baseUrl);
    const cached = this.cache.get(key);
    if (cached !== undefined && this.clock.now() < cached.renewAt) return Promise.resolve(cached.token);
    const pending = this.inFlight.get(key);
    if (pending !== undefined) return pending;
    const renewal = this.renew(baseUrl, key).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, renewal);
    return renewal;
  }

  /**
   * Forgets `token` after the broker refused it (8005/8003/8031/8103, in either shape). A token issued since is kept: of many callers
   * refused with the same old token, only the first forces a new issue.
   */
  invalidate(baseUrl: string, token: string): void {
    const key = tokenCacheKey(baseUrl);
    if (this.cache.get(key)?.token === token) this.cache.delete(key);
  }

  private async renew(baseUrl: string, key: string): Promise<string> {
    const issuedAt = this.clock.now();
    const issued = await this.issue(baseUrl);
    this.options.onIssued?.(issued.token);
    const lifetime = issued.expiresAt - issuedAt;
    // Renew 600 s early; a token that lives shorter than twice that (paper tests) is renewed at half-life.
    const early = Math.min(this.renewEarlyMs, Math.max(0, lifetime) / 2);
    const renewAt = Math.max(issued.expiresAt - early, issuedAt + MIN_USE_MS);
    this.cache.set(key, { ...issued, renewAt });
    this.options.logger?.info(
      { expiresAt: new Date(issued.expiresAt).toISOString(), origin: key },
      'kiwoom access token issued',
    );
    return issued.token;
  }
}

/** Cache key of a base URL: its origin (scheme, host, port). */
export function tokenCacheKey(baseUrl: string): string {
  return new URL(baseUrl).origin;
}
