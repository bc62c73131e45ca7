import { randomBytes } from 'node:crypto';

/** An issued access token and when it stops working. */
export interface IssuedPaperToken {
  readonly token: string;
  /** Date.now()-style expiry. */
  readonly expiresAt: number;
}

/**
 * Access tokens the paper exchange issued. Any appkey/secretkey gets one; the token alone selects the (single)
 * account, as with Kiwoom. Tokens are random and never logged.
 */
export class TokenStore {
  readonly #tokens = new Map<string, number>();
  readonly #ttlMs: number;
  readonly #now: () => number;

  /** `ttlMs`: lifetime of each token (Kiwoom: 24 h). */
  constructor(ttlMs: number, now: () => number = Date.now) {
    if (!Number.isFinite(ttlMs) || ttlMs <= 0) throw new RangeError(`token lifetime must be > 0 ms: ${ttlMs}`);
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  /** Issues a new random token. */
  issue(): IssuedPaperToken {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = this.#now() + this.#ttlMs;
    this.#tokens.set(token, expiresAt);
    return { token, expiresAt };
  }

  /** True when `token` was issued, is not revoked or invalidated, and has not expired. */
  isValid(token: string): boolean {
    const expiresAt = this.#tokens.get(token);
    if (expiresAt === undefined) return false;
    if (this.#now() >= expiresAt) {
      this.#tokens.delete(token);
      return false;
    }
    return true;
  }

  /** Revokes one token; returns whether it was valid. */
  revoke(token: string): boolean {
    const valid = this.isValid(token);
    this.#tokens.delete(token);
    return valid;
  }

  /** Invalidates every token issued so far (the tokenExpired fault). */
  invalidateAll(): void {
    this.#tokens.clear();
  }
}
