import type { RecordNote } from './RecordNote.ts';

/**
 * True when two notes say the same: same code and the same values (absent values count as absent on both). The
 * engine compares a record's stored note with the one it would write, so a held or parked record is written (and
 * its `error` event pushed) once per spell, not at every look.
 */
export function sameNote(a: RecordNote | undefined, b: RecordNote | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const av = a as Readonly<Record<string, unknown>>;
  const bv = b as Readonly<Record<string, unknown>>;
  const keys = new Set([...Object.keys(av), ...Object.keys(bv)]);
  for (const k of keys) if (av[k] !== bv[k]) return false;
  return true;
}
