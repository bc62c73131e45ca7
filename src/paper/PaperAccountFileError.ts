/** Thrown when an account file cannot be read or does not match the schema; the message names every problem. */
export class PaperAccountFileError extends Error {
  override readonly name = 'PaperAccountFileError';
  /** Bad input: trying again gives the same answer. */
  readonly retryable = false;
}
