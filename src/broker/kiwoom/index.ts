/** The Kiwoom REST client: a Broker over axios. Most callers need only createKiwoomBroker and kiwoomBaseUrl. */
export { classifyKiwoomError, type KiwoomErrorKind, type KiwoomFailure } from './classifyKiwoomError.ts';
export { createKiwoomBroker, defaultRateLimits, type KiwoomBrokerOptions } from './createKiwoomBroker.ts';
export { KiwoomBroker } from './KiwoomBroker.ts';
export { KIWOOM_HOSTS, type KiwoomEnv, kiwoomBaseUrl } from './kiwoomBaseUrl.ts';
export { parseKiwoomCount, parseKiwoomNumber, parseKiwoomPrice, parseKiwoomSigned } from './parseKiwoomNumber.ts';
export type { RateLimits } from './RateLimiter.ts';
