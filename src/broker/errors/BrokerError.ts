/**
 * Base of every error a Broker throws. `retryable` is the one question callers ask:
 * true for "try again later" (rate limit, network trouble on a query), false for "don't" (business rejection,
 * bad input, an order whose outcome is unknown).
 */
export abstract class BrokerError extends Error {
  abstract readonly retryable: boolean;
  /** Broker's 4-digit message code (e.g. "1700", "8005") when it gave one. */
  readonly brokerCode: string | undefined;

  constructor(message: string, options: { brokerCode?: string | undefined; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.brokerCode = options.brokerCode;
  }
}
