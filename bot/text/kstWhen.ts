import { kstMinute } from '../../src/domain/kstClock.ts';

/** KST `MM-DD HH:MM` of an instant. */
export function kstWhen(ms: number): string {
  return kstMinute(ms).slice(5);
}
