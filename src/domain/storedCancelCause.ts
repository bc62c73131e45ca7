import type { CancelCause } from './CancelCause.ts';

/**
 * The cancel cause of a stored record or cancel job: the `cause` written now, else the words an older version wrote
 * in its place (`reason`), kept as they are (`recorded`), so records and jobs stored before causes were codes still
 * read and render. Undefined when neither is there.
 */
export function storedCancelCause(cause: CancelCause | undefined, reason: string | undefined): CancelCause | undefined {
  if (cause !== undefined) return cause;
  return reason === undefined ? undefined : { code: 'recorded', text: reason };
}
