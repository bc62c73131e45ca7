/**
 * Tells the paper server to misbehave, for tests of the client and the engine (product.md "Brokers": latency,
 * HTTP 5xx, rate-limit rejections, a timeout after an order was accepted, token expiry).
 *
 * Kinds (each hits the next `times` requests whose api-id matches, default any api-id, default once):
 * - `http5xx`: HTTP 500 with a Spring-style body; the request is NOT processed.
 * - `rateLimit`: HTTP 200 `{"return_code":5,"return_msg":"허용된 요청 개수를 초과하였습니다[1700:... API ID=<id>]"}`;
 *   the request is NOT processed (retrying later is safe, also for orders).
 * - `timeoutAfterAccept`: the request IS processed (an order exists at the exchange) but no response is sent; the
 *   socket is destroyed after `holdMs` (default 30 s) unless the client gives up first.
 * - `connectionReset`: the socket is destroyed at once; the request is NOT processed.
 * - `tokenExpired`: when it hits a request, every token issued before that moment becomes invalid, so that request
 *   (and every later one with an old token) gets `인증에 실패했습니다[8005:Token이 유효하지 않습니다]`. Token
 *   requests (au10001) are never hit by it, so a client can renew. With `bareReturnCode` (8005, 8031 or 8103) the
 *   request it hits is refused in the other shape Kiwoom clients meet: the code itself as `return_code`, no
 *   bracketed code in `return_msg` (later requests with an old token get the default shape).
 *   @see docs/KIWOOM_PROTOCOL.md "Token refusals"
 *
 * Not a queued fault but a standing one: `setClockOffset(ms)` shifts the exchange's clock as the client sees it:
 * the order times it lists (ka10075 `tm`, ka10076 `ord_tm`) and the HTTP `Date` header of every answer are written
 * `ms` later (negative: earlier, a broker clock behind ours). Orders and fills keep their true times inside.
 * - `cancelAckBeforeEffect` (cancels, kt10003, only): the cancel is checked and acknowledged at once (its order number
 *   and quantity in the answer), but the order stays open and fillable until the exchange processes it: after
 *   `steps` matching events (step(), setPrice()) when given, else after `holdMs`. What is still open then is
 *   cancelled. Kiwoom acknowledges a cancel before the exchange has processed it; shares can fill in between.
 *
 * `rateLimit` may carry `retryAfterS`: the answer then has an HTTP `Retry-After` header of that many seconds.
 *
 * Outages (`outage({ apiId?, forMs })`) are bounded by time instead of a count: every matching request gets HTTP 500
 * (not processed) until `forMs` has passed, however many arrive, as a broker endpoint that is down for a while.
 * A pending counted fault still hits first.
 */

/** The kinds of misbehaviour. */
export type FaultKind =
  | 'http5xx'
  | 'rateLimit'
  | 'timeoutAfterAccept'
  | 'tokenExpired'
  | 'connectionReset'
  | 'cancelAckBeforeEffect';

/** Codes a token refusal can carry as a bare `return_code` (those Kiwoom's reference client renews on). */
export const BARE_TOKEN_CODES = [8005, 8031, 8103] as const;
export type BareTokenCode = (typeof BARE_TOKEN_CODES)[number];

/** One fault to inject. */
export interface FaultSpec {
  readonly kind: FaultKind;
  /** Only requests with this api-id (e.g. 'kt10000'); default any. */
  readonly apiId?: string | undefined;
  /** How many requests it hits (default 1). */
  readonly times?: number | undefined;
  /**
   * timeoutAfterAccept: how long the socket is held before it is destroyed; cancelAckBeforeEffect: how long after
   * its acknowledgement the cancel takes effect (when `steps` is not given). Ms, default 30,000.
   */
  readonly holdMs?: number | undefined;
  /** tokenExpired only: refuse the request it hits with this code as a bare `return_code` (default: return_code 3, [8005]). */
  readonly bareReturnCode?: BareTokenCode | undefined;
  /** cancelAckBeforeEffect only: the cancel takes effect after this many matching events instead of `holdMs`. */
  readonly steps?: number | undefined;
  /** rateLimit only: send an HTTP `Retry-After` header of this many whole seconds. */
  readonly retryAfterS?: number | undefined;
}

/** A time-bounded outage: every matching request answers HTTP 500 until `forMs` from now has passed. */
export interface OutageSpec {
  /** Only requests with this api-id (e.g. 'ka10001'); default any (token requests included). */
  readonly apiId?: string | undefined;
  /** How long from now, ms. */
  readonly forMs: number;
}

/** A fault that hit a request (what the server must do). */
export interface TriggeredFault {
  readonly kind: FaultKind;
  readonly holdMs: number;
  readonly bareReturnCode?: BareTokenCode | undefined;
  readonly steps?: number | undefined;
  /** rateLimit only: the Retry-After to send, whole seconds. */
  readonly retryAfterS?: number | undefined;
}

const DEFAULT_HOLD_MS = 30_000;
const TOKEN_API_IDS = new Set(['au10001']);

interface Pending {
  readonly kind: FaultKind;
  readonly apiId: string | undefined;
  readonly holdMs: number;
  readonly bareReturnCode: BareTokenCode | undefined;
  readonly steps: number | undefined;
  readonly retryAfterS: number | undefined;
  remaining: number;
}

interface Outage {
  readonly apiId: string | undefined;
  readonly until: number;
}

/** Holds the faults waiting to hit requests, the added latency and the fill hold. */
export class FaultInjector {
  readonly #pending: Pending[] = [];
  readonly #outages: Outage[] = [];
  readonly #onHoldFills: (on: boolean) => void;
  readonly #now: () => number;
  #latencyMs = 0;
  #clockOffsetMs = 0;

  /**
   * `onHoldFills` is told when holdFills changes (the server wires it to PaperExchange.holdFills); `now` is the
   * clock of the outages (default Date.now).
   */
  constructor(onHoldFills: (on: boolean) => void = () => {}, now: () => number = Date.now) {
    this.#onHoldFills = onHoldFills;
    this.#now = now;
  }

  /** Milliseconds added before every response (0 = none). */
  setLatency(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`latency must be a number of ms >= 0: ${ms}`);
    this.#latencyMs = ms;
  }

  /** The latency currently added to every response, ms. */
  get latencyMs(): number {
    return this.#latencyMs;
  }

  /**
   * Shifts the clock the exchange shows (listed order times and the `Date` header) by `ms`; negative = behind ours.
   * Whole milliseconds, at most a day either way.
   */
  setClockOffset(ms: number): void {
    if (!Number.isSafeInteger(ms) || Math.abs(ms) > 86_400_000) {
      throw new RangeError(`clock offset must be a whole number of ms within a day: ${ms}`);
    }
    this.#clockOffsetMs = ms;
  }

  /** The offset of the clock the exchange shows, ms (0 = none; negative = behind). */
  get clockOffsetMs(): number {
    return this.#clockOffsetMs;
  }

  /** Queues a fault; faults hit requests in the order they were injected. */
  inject(fault: FaultSpec): void {
    const kinds: readonly FaultKind[] = [
      'http5xx',
      'rateLimit',
      'timeoutAfterAccept',
      'tokenExpired',
      'connectionReset',
      'cancelAckBeforeEffect',
    ];
    if (!kinds.includes(fault.kind)) throw new RangeError(`unknown fault kind: ${String(fault.kind)}`);
    const times = fault.times ?? 1;
    if (!Number.isSafeInteger(times) || times < 1) throw new RangeError(`times must be a whole number >= 1: ${times}`);
    const holdMs = fault.holdMs ?? DEFAULT_HOLD_MS;
    if (!Number.isFinite(holdMs) || holdMs < 0) throw new RangeError(`holdMs must be a number of ms >= 0: ${holdMs}`);
    const bare = fault.bareReturnCode;
    if (bare !== undefined) {
      if (fault.kind !== 'tokenExpired') throw new RangeError('bareReturnCode is an option of tokenExpired only');
      if (!BARE_TOKEN_CODES.includes(bare))
        throw new RangeError(`bareReturnCode must be one of 8005, 8031, 8103: ${bare}`);
    }
    const steps = fault.steps;
    if (steps !== undefined && (!Number.isSafeInteger(steps) || steps < 1)) {
      throw new RangeError(`steps must be a whole number >= 1: ${steps}`);
    }
    // A delayed cancel only means something for a cancel request.
    const apiId = fault.kind === 'cancelAckBeforeEffect' ? (fault.apiId ?? 'kt10003') : fault.apiId;
    if (fault.kind === 'cancelAckBeforeEffect' && apiId !== 'kt10003') {
      throw new RangeError(`cancelAckBeforeEffect hits cancels (kt10003) only: ${apiId}`);
    }
    const retryAfterS = fault.retryAfterS;
    if (retryAfterS !== undefined && (!Number.isSafeInteger(retryAfterS) || retryAfterS < 0)) {
      throw new RangeError(`retryAfterS must be a whole number of seconds >= 0: ${retryAfterS}`);
    }
    this.#pending.push({ kind: fault.kind, apiId, holdMs, bareReturnCode: bare, steps, retryAfterS, remaining: times });
  }

  /** Starts an outage: HTTP 500 to every matching request for the next `forMs` ms (see OutageSpec). */
  outage(spec: OutageSpec): void {
    if (!Number.isFinite(spec.forMs) || spec.forMs <= 0)
      throw new RangeError(`forMs must be a number of ms > 0: ${spec.forMs}`);
    this.#outages.push({ apiId: spec.apiId, until: this.#now() + spec.forMs });
  }

  /** Ends every outage now (the endpoint answers again). */
  endOutages(): void {
    this.#outages.length = 0;
  }

  /** While on, nothing fills at the exchange (orders rest open). */
  holdFills(on: boolean): void {
    this.#onHoldFills(on);
  }

  /** Drops every pending fault, the latency, the clock offset and the fill hold. */
  reset(): void {
    this.#pending.length = 0;
    this.#outages.length = 0;
    this.#latencyMs = 0;
    this.#clockOffsetMs = 0;
    this.#onHoldFills(false);
  }

  /** Faults still waiting to hit a request. */
  pending(): FaultSpec[] {
    return this.#pending.map((p) => ({
      kind: p.kind,
      apiId: p.apiId,
      times: p.remaining,
      holdMs: p.holdMs,
      ...(p.bareReturnCode === undefined ? {} : { bareReturnCode: p.bareReturnCode }),
      ...(p.steps !== undefined ? { steps: p.steps } : {}),
    }));
  }

  /**
   * Called by the server for each arriving request: returns the first pending fault that matches `apiId` (using up
   * one of its `times`), or undefined.
   */
  take(apiId: string): TriggeredFault | undefined {
    const index = this.#pending.findIndex(
      (p) => (p.apiId === undefined || p.apiId === apiId) && !(p.kind === 'tokenExpired' && TOKEN_API_IDS.has(apiId)),
    );
    const hit = this.#pending[index];
    if (hit === undefined) return this.#outageFor(apiId);
    hit.remaining -= 1;
    if (hit.remaining <= 0) this.#pending.splice(index, 1);
    return {
      kind: hit.kind,
      holdMs: hit.holdMs,
      bareReturnCode: hit.bareReturnCode,
      ...(hit.steps !== undefined ? { steps: hit.steps } : {}),
      ...(hit.retryAfterS !== undefined ? { retryAfterS: hit.retryAfterS } : {}),
    };
  }

  /** An HTTP 500 when an outage covers `apiId` now; outages that are over are dropped. */
  #outageFor(apiId: string): TriggeredFault | undefined {
    const now = this.#now();
    for (let i = this.#outages.length - 1; i >= 0; i--) {
      if ((this.#outages[i]?.until ?? 0) <= now) this.#outages.splice(i, 1);
    }
    const on = this.#outages.some((o) => o.apiId === undefined || o.apiId === apiId);
    return on ? { kind: 'http5xx', holdMs: 0 } : undefined;
  }
}
