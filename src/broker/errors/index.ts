export { AuthError } from './AuthError.ts';
export { BrokerError } from './BrokerError.ts';
export { BusinessRejectionError } from './BusinessRejectionError.ts';
export { InvalidResponseError } from './InvalidResponseError.ts';
export { RateLimitedError } from './RateLimitedError.ts';
export { TransientError } from './TransientError.ts';
export { UnknownOutcomeError } from './UnknownOutcomeError.ts';
