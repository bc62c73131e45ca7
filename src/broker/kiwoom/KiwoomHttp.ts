import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { AxiosInstance } from 'axios';
import type { z } from 'zod';
import type { Logger } from '../../logging/logger.ts';
import { AuthError } from '../errors/AuthError.ts';
import { BrokerError } from '../errors/BrokerError.ts';
import { InvalidResponseError } from '../errors/InvalidResponseError.ts';
import { RateLimitedError } from '../errors/RateLimitedError.ts';
import { UnknownOutcomeError } from '../errors/UnknownOutcomeError.ts';
import { MAX_PRE_SEND_WAIT_MS } from '../preSendWait.ts';
import type { BrokerClockGauge } from './BrokerClockGauge.ts';
import { backoffDelay } from './backoffDelay.ts';
import type { Clock } from './Clock.ts';
import { classifyKiwoomError } from './classifyKiwoomError.ts';
import { type KiwoomAnswer, type KiwoomNoAnswer, postKiwoom } from './postKiwoom.ts';
import type { RateGroup, RateLimiter } from './RateLimiter.ts';
import { isNoDataAnswer } from './readKiwoomEnvelope.ts';
import type { SecretRedactor } from './SecretRedactor.ts';
import { schemaProblems } from './schema/wireFields.ts';
import type { TokenManager } from './TokenManager.ts';
import { type FailureFacts, failureOf, toBrokerError } from './toBrokerError.ts';

/** One logical Kiwoom request: an api-id at a path with a string body, answered in the shape of `schema`. */
export interface KiwoomRequest<T> {
  readonly apiId: string;
  readonly path: string;
  /** Orders (kt10000-kt10003) are never retried on an unknown outcome; queries are retried when harmless. */
  readonly kind: 'order' | 'query';
  readonly body: Readonly<Record<string, string>>;
  readonly schema: z.ZodType<T>;
}

/** Transport settings. All durations in ms. */
export interface KiwoomHttpSettings {
  readonly baseUrl: string;
  /** Deadline of one query attempt. */
  readonly queryTimeoutMs: number;
  /** Deadline of one order request; when it fires the outcome is unknown. */
  readonly orderTimeoutMs: number;
  /** Attempts per query (1 = no retry) for transient and rate-limited failures. */
  readonly queryAttempts: number;
  readonly retryBaseDelayMs: number;
  readonly retryMaxDelayMs: number;
  /** How long a group waits after a first rate-limit answer that gave no Retry-After (doubles per attempt). */
  readonly rateLimitPauseMs: number;
  /** Paging guard: more pages than this is treated as a broken answer. */
  readonly maxPages: number;
  /**
   * Longest wait on the order group's pacing before an order request leaves (default MAX_PRE_SEND_WAIT_MS); a longer
   * one is refused with RateLimitedError, nothing sent (see src/broker/preSendWait.ts).
   */
  readonly maxOrderWaitMs?: number;
}

/** Collaborators of KiwoomHttp. */
export interface KiwoomHttpDeps {
  readonly client: AxiosInstance;
  readonly tokens: TokenManager;
  readonly limiter: RateLimiter;
  readonly clock: Clock;
  readonly redactor: SecretRedactor;
  readonly logger?: Logger | undefined;
  readonly random?: () => number;
  /** Notes the broker's clock from each answer's Date header (see BrokerClockGauge). */
  readonly clockGauge?: BrokerClockGauge | undefined;
}

interface Page<T> {
  /** Undefined for a "no data" answer to a list query. */
  readonly data: T | undefined;
  readonly contYn: string | undefined;
  readonly nextKey: string | undefined;
}

type Attempt<T> =
  | { readonly ok: true; readonly page: Page<T> }
  | { readonly ok: false; readonly result: KiwoomAnswer | KiwoomNoAnswer; readonly token: string };

const NEXT_KEY_PATTERN = /^[\x20-\x7e]{1,512}$/;

/**
 * The transport: headers, deadlines, pacing, token use, envelope parsing, paging and the retry policy.
 *
 * - Every request runs under `AbortSignal.timeout` (axios' own `timeout` only measures socket idleness).
 * - Queries retry transient and rate-limited failures with bounded exponential backoff.
 * - Orders are sent once. The only re-send is after the token was refused (8005/8003/8031/8103, in
 *   either shape): an authentication
 *   refusal means the order was not processed. A rate-limited order throws RateLimitedError (not processed; the
 *   engine requeues it), and so does an order that would wait longer than `maxOrderWaitMs` on the group's pacing
 *   (not sent); a timeout, dropped connection, 5xx or unreadable success answer throws
 *   UnknownOutcomeError. Orders use fresh connections (no keep-alive), so a reused socket that the server already
 *   closed cannot turn into a spurious unknown outcome.
 * @see shared/reference/kiwoom-rest.md "Hosts and envelope", "Rate limits"
 */
export class KiwoomHttp {
  private readonly orderAgents = {
    http: new HttpAgent({ keepAlive: false }),
    https: new HttpsAgent({ keepAlive: false }),
  };

  constructor(
    private readonly settings: KiwoomHttpSettings,
    private readonly deps: KiwoomHttpDeps,
  ) {}

  /** Sends a single-page request and returns its parsed answer. */
  async request<T>(req: KiwoomRequest<T>): Promise<T> {
    const page = await this.execute(req, {}, false);
    // execute returns data for every successful non-list answer.
    return page.data as T;
  }

  /**
   * Sends a list query and follows `cont-yn: Y` / `next-key` across pages (copied from the answer's headers into
   * the next request's headers), collecting `items(page)` from each. A "no data" answer is an empty page.
   */
  async requestPages<T, I>(req: KiwoomRequest<T>, items: (page: T) => readonly I[]): Promise<I[]> {
    const out: I[] = [];
    let headers: Record<string, string> = {};
    for (let pageNo = 1; ; pageNo += 1) {
      const page = await this.execute(req, headers, true);
      if (page.data !== undefined) out.push(...items(page.data));
      if (page.contYn?.toUpperCase() !== 'Y') return out;
      if (page.nextKey === undefined || !NEXT_KEY_PATTERN.test(page.nextKey)) {
        throw new InvalidResponseError(`Kiwoom ${req.apiId} (POST ${req.path}): cont-yn Y without a usable next-key`);
      }
      if (pageNo >= this.settings.maxPages) {
        throw new InvalidResponseError(
          `Kiwoom ${req.apiId} (POST ${req.path}): more than ${this.settings.maxPages} pages; refusing a partial list`,
        );
      }
      headers = { 'cont-yn': 'Y', 'next-key': page.nextKey };
    }
  }

  private async execute<T>(
    req: KiwoomRequest<T>,
    pageHeaders: Record<string, string>,
    list: boolean,
  ): Promise<Page<T>> {
    const isOrder = req.kind === 'order';
    const group: RateGroup = isOrder ? 'orders' : 'queries';
    let attempt = 1;
    let reissued = false;
    for (;;) {
      let outcome: Attempt<T>;
      try {
        outcome = await this.attempt(req, pageHeaders, list, group);
      } catch (err) {
        // Only token issue failures land here: the request itself was never sent, so a query may try again.
        if (
          !isOrder &&
          err instanceof BrokerError &&
          err.retryable &&
          !(err instanceof AuthError) &&
          attempt < this.settings.queryAttempts
        ) {
          await this.deps.clock.sleep(this.backoff(attempt));
          attempt += 1;
          continue;
        }
        throw err;
      }
      if (outcome.ok) return outcome.page;

      const { result } = outcome;
      const failure = failureOf(result, isOrder);
      const kind = classifyKiwoomError(failure);
      const facts: FailureFacts = {
        apiId: req.apiId,
        path: req.path,
        failure,
        returnMsg: result.type === 'answer' ? result.envelope?.returnMsg : undefined,
        reason: result.type === 'no-answer' ? result.reason : undefined,
        retryAfterMs: result.type === 'answer' ? result.retryAfterMs : undefined,
      };
      this.deps.logger?.warn(
        {
          apiId: req.apiId,
          kind,
          attempt,
          status: failure.httpStatus,
          returnCode: failure.returnCode,
          code: failure.messageCode,
          network: failure.network,
        },
        'kiwoom request failed',
      );

      if (kind === 'auth') {
        if (!reissued) {
          reissued = true;
          this.deps.tokens.invalidate(this.settings.baseUrl, outcome.token);
          continue;
        }
        throw toBrokerError('auth', { ...facts, note: 'refused again after a re-issued token' }, this.deps.redactor);
      }
      if (kind === 'rate-limited') {
        // The whole group waits (other callers would hit the same limit), doubling per attempt unless told how long.
        this.deps.limiter.pause(group, facts.retryAfterMs ?? this.rateLimitPause(attempt));
      }
      if (!isOrder && (kind === 'transient' || kind === 'rate-limited') && attempt < this.settings.queryAttempts) {
        // After a rate-limit answer the limiter's pause does the waiting.
        if (kind === 'transient') await this.deps.clock.sleep(this.backoff(attempt));
        attempt += 1;
        continue;
      }
      throw toBrokerError(
        kind,
        attempt > 1 ? { ...facts, note: `after ${attempt} attempts` } : facts,
        this.deps.redactor,
      );
    }
  }

  private async attempt<T>(
    req: KiwoomRequest<T>,
    pageHeaders: Record<string, string>,
    list: boolean,
    group: RateGroup,
  ): Promise<Attempt<T>> {
    const isOrder = req.kind === 'order';
    const token = await this.deps.tokens.getToken(this.settings.baseUrl);
    // The slot is taken right before sending, so a token fetch in between cannot squeeze two sends together. An
    // order never waits long here: its record is `sending`, and a request leaving after the engine's settle time
    // could be sent a second time; it is refused instead, unsent, for the engine to queue again.
    const tooLong = await this.deps.limiter.acquire(
      group,
      isOrder ? (this.settings.maxOrderWaitMs ?? MAX_PRE_SEND_WAIT_MS) : Number.POSITIVE_INFINITY,
    );
    if (tooLong !== undefined) {
      throw new RateLimitedError(
        `Kiwoom ${req.apiId} (POST ${req.path}): not sent; the order group is paused for ${Math.ceil(tooLong)} ms more (rate limit), longer than an order may wait`,
        { retryAfterMs: Math.ceil(tooLong) },
      );
    }
    const started = this.deps.clock.now();
    const result = await postKiwoom(this.deps.client, {
      path: req.path,
      apiId: req.apiId,
      headers: { authorization: `Bearer ${token}`, ...pageHeaders },
      body: req.body,
      timeoutMs: isOrder ? this.settings.orderTimeoutMs : this.settings.queryTimeoutMs,
      agents: isOrder ? this.orderAgents : undefined,
    });
    const received = this.deps.clock.now();
    if (result.type === 'answer') this.deps.clockGauge?.record(started, received, result.date);
    this.deps.logger?.debug(
      {
        apiId: req.apiId,
        ms: received - started,
        status: result.type === 'answer' ? result.status : result.network,
      },
      'kiwoom request',
    );
    if (result.type === 'no-answer' || result.status < 200 || result.status >= 300) return { ok: false, result, token };

    const envelope = result.envelope;
    if (envelope === undefined) throw this.unreadable(req, 'the answer is not a Kiwoom envelope');
    if (envelope.returnCode !== 0) {
      if (list && isNoDataAnswer(envelope))
        return { ok: true, page: { data: undefined, contYn: undefined, nextKey: undefined } };
      return { ok: false, result, token };
    }
    const parsed = req.schema.safeParse(result.body);
    if (!parsed.success) throw this.unreadable(req, `unexpected answer: ${schemaProblems(parsed.error)}`);
    return { ok: true, page: { data: parsed.data, contYn: result.contYn, nextKey: result.nextKey } };
  }

  /**
   * A success status with an answer we cannot read. For a query that is an InvalidResponseError (nothing assumed).
   * For an order it is an UNKNOWN outcome: the broker said OK in some form, so the order may well exist.
   */
  private unreadable(req: KiwoomRequest<unknown>, why: string): BrokerError {
    const message = `Kiwoom ${req.apiId} (POST ${req.path}): ${why}`;
    return req.kind === 'order'
      ? new UnknownOutcomeError(`${message}; the order may have been accepted: reconcile before sending again`)
      : new InvalidResponseError(message);
  }

  private rateLimitPause(attempt: number): number {
    const { rateLimitPauseMs, retryMaxDelayMs } = this.settings;
    return Math.min(rateLimitPauseMs * 2 ** (attempt - 1), Math.max(retryMaxDelayMs, rateLimitPauseMs));
  }

  private backoff(attempt: number): number {
    return backoffDelay(attempt, this.settings.retryBaseDelayMs, this.settings.retryMaxDelayMs, this.deps.random);
  }
}
