/** A missing or bad variable (don't retry): the message names every one, never a secret's value. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  /** Bad input: trying again gives the same answer. */
  readonly retryable = false;
}
