import axios from 'axios';
import type { Logger } from '../../logging/logger.ts';
import { MAX_PRE_SEND_WAIT_MS } from '../preSendWait.ts';
import { issueToken } from './api/issueToken.ts';
import { BrokerClockGauge } from './BrokerClockGauge.ts';
import { type Clock, systemClock } from './Clock.ts';
import { KiwoomBroker } from './KiwoomBroker.ts';
import { KiwoomHttp } from './KiwoomHttp.ts';
import { checkBaseUrl, KIWOOM_HOSTS } from './kiwoomBaseUrl.ts';
import { kstToInstant } from './kstToInstant.ts';
import { RateLimiter, type RateLimits } from './RateLimiter.ts';
import { SecretRedactor } from './SecretRedactor.ts';
import { TokenManager } from './TokenManager.ts';

/** Everything the Kiwoom client can be told. Only the base URL and the keys are required. */
export interface KiwoomBrokerOptions {
  /** e.g. kiwoomBaseUrl('mock'), or the paper exchange's `server.url`. */
  readonly baseUrl: string;
  readonly appKey: string;
  readonly secretKey: string;
  readonly logger?: Logger | undefined;
  /** Deadline of one query attempt (default 5,000 ms). */
  readonly queryTimeoutMs?: number | undefined;
  /** Deadline of one order request (default 10,000 ms); past it the outcome is unknown. */
  readonly orderTimeoutMs?: number | undefined;
  /** Deadline of a token request (default 10,000 ms). */
  readonly tokenTimeoutMs?: number | undefined;
  /** Requests per second per group; defaults depend on the host (see defaultRateLimits). */
  readonly rateLimits?: Partial<RateLimits> | undefined;
  /** Attempts per query, first included (default 3). */
  readonly queryAttempts?: number | undefined;
  /** First retry backoff (default 250 ms), doubling up to retryMaxDelayMs (default 4,000 ms). */
  readonly retryBaseDelayMs?: number | undefined;
  readonly retryMaxDelayMs?: number | undefined;
  /** Pause of a group after a rate-limit answer without Retry-After (default 1,000 ms). */
  readonly rateLimitPauseMs?: number | undefined;
  /** Paging guard (default 50 pages). */
  readonly maxPages?: number | undefined;
  /** Longest wait on the order pacing before an order leaves; longer is refused unsent (default 1,000 ms). */
  readonly maxOrderWaitMs?: number | undefined;
  /** Renew tokens this long before expiry (default 600,000 ms). */
  readonly tokenRenewEarlyMs?: number | undefined;
  readonly clock?: Clock | undefined;
}

/**
 * Requests per second per group. Third parties report about 5/s per group on production and about 1/s on the
 * mock server; we stay 10% under, since the broker's counting window is not published. Other hosts (the paper
 * exchange, a proxy) get the production figure unless told otherwise.
 * @see shared/reference/kiwoom-rest.md "Rate limits"
 */
export function defaultRateLimits(baseUrl: string): RateLimits {
  const perSecond = new URL(baseUrl).origin === KIWOOM_HOSTS.mock ? 0.9 : 4.5;
  return { ordersPerSecond: perSecond, queriesPerSecond: perSecond };
}

/** Builds a Broker over the Kiwoom REST API. Throws TypeError for bad options (naming the option, never a value). */
export function createKiwoomBroker(options: KiwoomBrokerOptions): KiwoomBroker {
  const baseUrl = checkBaseUrl(options.baseUrl);
  if (typeof options.appKey !== 'string' || options.appKey.trim() === '') throw new TypeError('appKey is required');
  if (typeof options.secretKey !== 'string' || options.secretKey.trim() === '')
    throw new TypeError('secretKey is required');
  const clock = options.clock ?? systemClock;
  const logger = options.logger?.child({ component: 'kiwoom' });
  const redactor = new SecretRedactor([options.appKey, options.secretKey]);

  const tokenTimeoutMs = positive(options.tokenTimeoutMs, 10_000, 'tokenTimeoutMs');
  // A separate instance for tokens: nothing that handles a refused token can call itself again.
  const tokenClient = axios.create();
  const tokens = new TokenManager(
    async (url) => {
      const answer = await issueToken(
        tokenClient,
        { baseUrl: url, appKey: options.appKey, secretKey: options.secretKey, timeoutMs: tokenTimeoutMs },
        redactor,
      );
      return { token: answer.token, expiresAt: kstToInstant(answer.expires_dt, 'au10001.expires_dt') };
    },
    clock,
    {
      renewEarlyMs: positive(options.tokenRenewEarlyMs, 600_000, 'tokenRenewEarlyMs'),
      onIssued: (token) => redactor.add(token),
      logger,
    },
  );

  const limits = { ...defaultRateLimits(baseUrl), ...definedOnly(options.rateLimits ?? {}) };
  const clockGauge = new BrokerClockGauge(clock);
  const http = new KiwoomHttp(
    {
      baseUrl,
      queryTimeoutMs: positive(options.queryTimeoutMs, 5_000, 'queryTimeoutMs'),
      orderTimeoutMs: positive(options.orderTimeoutMs, 10_000, 'orderTimeoutMs'),
      queryAttempts: positiveInt(options.queryAttempts, 3, 'queryAttempts'),
      retryBaseDelayMs: positive(options.retryBaseDelayMs, 250, 'retryBaseDelayMs'),
      retryMaxDelayMs: positive(options.retryMaxDelayMs, 4_000, 'retryMaxDelayMs'),
      rateLimitPauseMs: positive(options.rateLimitPauseMs, 1_000, 'rateLimitPauseMs'),
      maxPages: positiveInt(options.maxPages, 50, 'maxPages'),
      maxOrderWaitMs: positive(options.maxOrderWaitMs, MAX_PRE_SEND_WAIT_MS, 'maxOrderWaitMs'),
    },
    {
      client: axios.create({ baseURL: baseUrl }),
      tokens,
      limiter: new RateLimiter(limits, clock),
      clock,
      redactor,
      logger,
      clockGauge,
    },
  );
  return new KiwoomBroker(http, clockGauge);
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new TypeError(`${name} must be a positive number`);
  return value;
}

function positiveInt(value: number | undefined, fallback: number, name: string): number {
  const n = positive(value, fallback, name);
  if (!Number.isSafeInteger(n)) throw new TypeError(`${name} must be a whole number`);
  return n;
}

function definedOnly(limits: Partial<RateLimits>): Partial<RateLimits> {
  return Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined));
}
