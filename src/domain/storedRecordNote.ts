import type { RecordNote } from './RecordNote.ts';

/**
 * The note of a stored record: the `note` written now, else the words an older version wrote in its place
 * (`error`), kept as they are (`recorded`), so records stored before notes were values still read and print.
 * Undefined when neither is there.
 */
export function storedRecordNote(note: RecordNote | undefined, error: string | undefined): RecordNote | undefined {
  if (note !== undefined) return note;
  return error === undefined ? undefined : { code: 'recorded', text: error };
}
