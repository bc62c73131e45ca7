/**
 * How far the broker's clock is from ours, from the times it writes on its answers. The broker lists its orders on
 * its own clock, and a lost order is looked for by its listed time (matchUnknownOrder): a broker clock behind ours
 * makes a lost order look older than the request and "not placed", and the round is sent twice. So the offset is
 * measured, applied to the matching window, and orders are refused while it is past a bound.
 *
 * One sample: a request left at `sentAt` and its answer came back at `receivedAt` (our clock), and the broker wrote
 * a time `brokerTime` on the answer (the HTTP `Date` header, whole seconds: the broker's clock read somewhere in
 * [brokerTime, brokerTime + resolution)). Some instant between sending and receiving, the broker's clock showed a
 * time in that second, so its offset (broker minus ours) lies in
 * [brokerTime - receivedAt, brokerTime + resolution - sentAt]. Samples are intersected, newest first, for as long as
 * they agree (a clock that was stepped meanwhile makes older samples disagree; they are dropped).
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-6.6.1 (Date: the origin's clock, one-second resolution)
 */

/** Default of MAX_CLOCK_OFFSET_MS: orders are held while the broker's clock is known to be further off than this, ms. */
export const DEFAULT_MAX_CLOCK_OFFSET_MS = 5_000;

/** One answer's time stamps: ours around the request, and the broker's. All epoch ms. */
export interface ClockSample {
  readonly sentAt: number;
  readonly receivedAt: number;
  /** The broker's time written on the answer (e.g. the Date header), truncated to `resolutionMs`. */
  readonly brokerTime: number;
  /** Resolution of brokerTime (default 1,000 ms: the Date header's whole seconds). */
  readonly resolutionMs?: number;
}

/** The measured offset: broker clock minus ours, ms (negative: the broker is behind), with its bounds. */
export interface ClockOffset {
  /** Middle of the bounds. */
  readonly offsetMs: number;
  /** The offset is at least this... */
  readonly lowMs: number;
  /** ...and at most this. */
  readonly highMs: number;
  /** Samples that agree (were intersected). */
  readonly samples: number;
}

/** The range of offsets one sample allows; undefined for a sample that makes no sense (answer before request). */
export function sampleBounds(s: ClockSample): { readonly low: number; readonly high: number } | undefined {
  const resolution = s.resolutionMs ?? 1_000;
  if (![s.sentAt, s.receivedAt, s.brokerTime, resolution].every(Number.isFinite)) return undefined;
  if (s.receivedAt < s.sentAt || resolution < 0) return undefined;
  return { low: s.brokerTime - s.receivedAt, high: s.brokerTime + resolution - s.sentAt };
}

/**
 * The offset the samples agree on (given oldest first): the newest sample's bounds, narrowed by each older one as
 * long as the intersection stays non-empty. Undefined without a usable sample.
 */
export function estimateClockOffset(samples: readonly ClockSample[]): ClockOffset | undefined {
  let low = Number.NEGATIVE_INFINITY;
  let high = Number.POSITIVE_INFINITY;
  let used = 0;
  for (let i = samples.length - 1; i >= 0; i--) {
    const s = samples[i];
    const b = s === undefined ? undefined : sampleBounds(s);
    if (b === undefined) continue;
    const nextLow = Math.max(low, b.low);
    const nextHigh = Math.min(high, b.high);
    if (nextLow > nextHigh) break;
    low = nextLow;
    high = nextHigh;
    used++;
  }
  if (used === 0) return undefined;
  return { offsetMs: Math.round((low + high) / 2), lowMs: low, highMs: high, samples: used };
}

/**
 * Whether orders may be placed with this offset: `ok` when the broker's clock is known to be within `maxOffsetMs` of
 * ours, `too-far` when it is known to be further (the whole range of possible offsets is past the bound), `unknown`
 * when nothing was measured or the range straddles the bound (the caller decides; a broker that writes no time
 * cannot be measured this way).
 */
export function clockOffsetVerdict(offset: ClockOffset | undefined, maxOffsetMs: number): 'ok' | 'too-far' | 'unknown' {
  if (!Number.isFinite(maxOffsetMs) || maxOffsetMs < 0) throw new RangeError(`bound must be >= 0 ms: ${maxOffsetMs}`);
  if (offset === undefined) return 'unknown';
  if (offset.lowMs > maxOffsetMs || offset.highMs < -maxOffsetMs) return 'too-far';
  if (offset.lowMs >= -maxOffsetMs && offset.highMs <= maxOffsetMs) return 'ok';
  return 'unknown';
}
