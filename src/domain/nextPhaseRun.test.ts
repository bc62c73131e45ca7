import { describe, expect, test } from 'vitest';
import { nextPhaseRun } from './nextPhaseRun.ts';

/** Epoch ms of a KST wall-clock time. */
const kst = (iso: string) => Date.parse(`${iso}+09:00`);

describe('nextPhaseRun', () => {
  test.each([
    ['2026-03-04T08:00:00', '09:10', '2026-03-04'], // Wednesday, before the time: today
    ['2026-03-04T09:10:00', '09:10', '2026-03-05'], // at the time: it has passed
    ['2026-03-06T15:00:00', '09:10', '2026-03-09'], // Friday afternoon: Monday
    ['2026-03-07T08:00:00', '09:10', '2026-03-09'], // Saturday morning: Monday
    ['2026-02-13T10:00:00', '09:10', '2026-02-19'], // before the Lunar New Year closures (16-18 Feb 2026)
  ])('at %s KST a phase at %s runs on %s', (now, time, date) => {
    const run = nextPhaseRun(time, kst(now));
    expect(run.date).toBe(date);
    expect(run.at).toBe(kst(`${date}T${time}:00`));
  });

  test('an extra closure moves it to the next trading day', () => {
    expect(nextPhaseRun('09:10', kst('2026-03-04T08:00:00'), ['2026-03-04']).date).toBe('2026-03-05');
  });

  test('a malformed time is refused', () => {
    expect(() => nextPhaseRun('9:10', Date.now())).toThrow(RangeError);
  });
});
