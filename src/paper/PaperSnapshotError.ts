/**
 * Thrown when stored state is not a snapshot this version can load; nothing is changed. Not retryable: the same
 * state fails the same way (a reset or a fix of the stored data is needed).
 */
export class PaperSnapshotError extends Error {
  override readonly name = 'PaperSnapshotError';
}
