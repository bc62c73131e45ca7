import { type ClockOffset, type ClockSample, estimateClockOffset } from '../../domain/brokerClockOffset.ts';
import { DAY_MS, KST_OFFSET_MS } from '../../domain/kstClock.ts';

/**
 * Measures the broker's clock from two kinds of time stamps it writes, each taken with ours around the request:
 * - the listed time (`HHmmss` KST) of an order we placed, once its number shows up in the open or executed list:
 *   the order was accepted between our send and the answer. This is the clock the lists are stamped with, the one
 *   that matters for finding a lost order, so it is used whenever there is such a sample, unless the Date headers
 *   received after the newest one contradict it (a clock moved since; see offset());
 * - the HTTP `Date` header of every answer (the web tier's clock; usually the same), until then.
 * Fed by KiwoomHttp (every answer) and KiwoomBroker (placements and list rows); read through Broker.clockOffset.
 * @see ../../domain/brokerClockOffset.ts
 */
export class BrokerClockGauge {
  readonly #dated: ClockSample[] = [];
  readonly #listed: ClockSample[] = [];
  /** Our placements whose listed time has not been seen yet: order number -> our stamps around the request. */
  readonly #placed = new Map<string, { sentAt: number; receivedAt: number }>();

  constructor(
    private readonly clock: { now(): number } = { now: () => Date.now() },
    private readonly keep = 8,
  ) {}

  /** Our clock. */
  now(): number {
    return this.clock.now();
  }

  /** Notes one answer: sent and received on our clock, `dateHeader` as the broker wrote it (ignored if unreadable). */
  record(sentAt: number, receivedAt: number, dateHeader: string | undefined): void {
    if (dateHeader === undefined) return;
    const brokerTime = Date.parse(dateHeader);
    if (!Number.isFinite(brokerTime)) return;
    this.#push(this.#dated, { sentAt, receivedAt, brokerTime });
  }

  /** Notes an order we placed: its request left at `sentAt` and the broker's answer came back at `receivedAt`. */
  notePlaced(orderNo: string, sentAt: number, receivedAt: number): void {
    this.#placed.set(orderNo, { sentAt, receivedAt });
    // Bounded: orders never seen in a list (the list was not read) are forgotten oldest first.
    for (const key of this.#placed.keys()) {
      if (this.#placed.size <= 4 * this.keep) break;
      this.#placed.delete(key);
    }
  }

  /** Notes a list row: when it is an order we placed, its listed time `HHmmss` (KST) becomes a sample, once. */
  noteListed(orderNo: string, hhmmss: string): void {
    const stamps = this.#placed.get(orderNo);
    if (stamps === undefined || !/^\d{6}$/.test(hhmmss)) return;
    this.#placed.delete(orderNo);
    const secs = Number(hhmmss.slice(0, 2)) * 3600 + Number(hhmmss.slice(2, 4)) * 60 + Number(hhmmss.slice(4, 6));
    const kstMidnight = Math.floor((stamps.receivedAt + KST_OFFSET_MS) / DAY_MS) * DAY_MS - KST_OFFSET_MS;
    let brokerTime = kstMidnight + secs * 1000;
    // A broker clock on the other side of midnight from ours.
    if (brokerTime - stamps.receivedAt > DAY_MS / 2) brokerTime -= DAY_MS;
    if (stamps.receivedAt - brokerTime > DAY_MS / 2) brokerTime += DAY_MS;
    this.#push(this.#listed, { sentAt: stamps.sentAt, receivedAt: stamps.receivedAt, brokerTime });
  }

  /**
   * The broker's clock minus ours as measured: from the listed times of our orders when there are any, else from
   * the Date headers; undefined until either was seen.
   */
  offset(): ClockOffset | undefined {
    const listed = estimateClockOffset(this.#listed);
    if (listed === undefined) return estimateClockOffset(this.#dated);
    // A listed time is measured only from an order placed since, and the engine places nothing while the offset is
    // past its bound (jobs/brokerClock.ts): an old listed estimate would hold orders for ever after the clocks agree
    // again. So Date headers received after the newest listed time that agree among themselves (two at least) and
    // contradict it mean a clock moved since: they are the newer word.
    const newestListed = this.#listed[this.#listed.length - 1]?.receivedAt ?? Number.POSITIVE_INFINITY;
    const since = estimateClockOffset(this.#dated.filter((s) => s.receivedAt > newestListed));
    const contradicts = since !== undefined && (since.highMs < listed.lowMs || since.lowMs > listed.highMs);
    return contradicts && since.samples >= 2 ? since : listed;
  }

  #push(samples: ClockSample[], sample: ClockSample): void {
    samples.push(sample);
    if (samples.length > this.keep) samples.splice(0, samples.length - this.keep);
  }
}
