/**
 * The longest a Broker may hold an order request (place, amend, cancel) before it leaves, waiting on its own pacing
 * (e.g. a rate limit the broker asked for with Retry-After, up to 120 s). Longer than this, the client refuses at
 * once with a RateLimitedError (nothing sent; `retryAfterMs` says when to try again) and the engine gives the order
 * back to its queue. The engine's settle time counts this wait (twice: a send, and one re-send after a refused
 * token), so a request can never leave after reconciliation concluded "not placed" and re-queued its record.
 * @see jobs/Engine.ts defaultSettleMs
 */
export const MAX_PRE_SEND_WAIT_MS = 1_000;
