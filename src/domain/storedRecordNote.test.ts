import { describe, expect, test } from 'vitest';
import { storedRecordNote } from './storedRecordNote.ts';

describe('storedRecordNote', () => {
  test('the note written now wins over older words', () => {
    expect(storedRecordNote({ code: 'settled-not-placed' }, 'order request timed out')).toEqual({
      code: 'settled-not-placed',
    });
  });

  test("an older version's words are kept as they are", () => {
    expect(storedRecordNote(undefined, 'order request timed out')).toEqual({
      code: 'recorded',
      text: 'order request timed out',
    });
  });

  test('nothing stored, no note', () => {
    expect(storedRecordNote(undefined, undefined)).toBeUndefined();
  });
});
