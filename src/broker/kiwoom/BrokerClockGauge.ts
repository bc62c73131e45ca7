import { type ClockOffset, type ClockSample, estimateClockOffset } from '../../domain/brokerClockOffset.ts';

/**
 * Keeps the last few time stamps the broker wrote on its answers (the HTTP `Date` header) with ours around each
 * request, and tells the offset they agree on (estimateClockOffset). Fed by KiwoomHttp on every answer.
 */
export class BrokerClockGauge {
  readonly #samples: ClockSample[] = [];

  constructor(private readonly keep = 8) {}

  /** Notes one answer: sent and received on our clock, `dateHeader` as the broker wrote it (ignored if unreadable). */
  record(sentAt: number, receivedAt: number, dateHeader: string | undefined): void {
    if (dateHeader === undefined) return;
    const brokerTime = Date.parse(dateHeader);
    if (!Number.isFinite(brokerTime)) return;
    this.#samples.push({ sentAt, receivedAt, brokerTime });
    if (this.#samples.length > this.keep) this.#samples.splice(0, this.#samples.length - this.keep);
  }

  /** The broker's clock minus ours as measured; undefined until an answer carried a readable Date header. */
  offset(): ClockOffset | undefined {
    return estimateClockOffset(this.#samples);
  }
}
