import { describe, expect, test } from 'vitest';
import { kstDate, kstTime } from '../src/domain/tradingCalendar.ts';
import type { Side } from '../src/domain/types.ts';
import { createLogger } from '../src/logging/logger.ts';
import { type CronLike, PhaseScheduler } from './PhaseScheduler.ts';

const logger = createLogger({ level: 'silent' });

/** A cron that records what was scheduled and fires only when told to. */
function fakeCron() {
  const scheduled: Array<{ expression: string; timezone: string; fire: (date: Date) => unknown; stopped: boolean }> =
    [];
  const cron: CronLike = {
    validate: () => true,
    schedule(expression, fn, options) {
      const entry = { expression, timezone: options.timezone, fire: (date: Date) => fn({ date }), stopped: false };
      scheduled.push(entry);
      return {
        stop: () => {
          entry.stopped = true;
        },
        destroy: () => {},
        getNextRun: () => null,
      };
    },
  };
  return { cron, scheduled };
}

function scheduler(extraClosedDays: string[] = []) {
  const calls: Array<[Side, string]> = [];
  const { cron, scheduled } = fakeCron();
  const s = new PhaseScheduler({
    times: { sell: '09:10', buy: '09:40' },
    extraClosedDays,
    logger,
    cron,
    onPhaseTime: async (side, date) => {
      calls.push([side, date]);
    },
  });
  return { s, calls, scheduled };
}

/** 09:10 KST on a date is 00:10 UTC. */
const kst = (date: string, time = '09:10') => new Date(`${date}T${time}:00+09:00`);

describe('PhaseScheduler', () => {
  test('schedules the sell and buy times in Asia/Seoul', async () => {
    const { s, scheduled } = scheduler();
    await s.start();
    expect(scheduled.map((t) => [t.expression, t.timezone])).toEqual([
      ['0 10 9 * * 1-5', 'Asia/Seoul'],
      ['0 40 9 * * 1-5', 'Asia/Seoul'],
    ]);
  });

  test('enqueues the phase start with the KST date on a trading day', async () => {
    const { s, scheduled, calls } = scheduler();
    await s.start();
    await scheduled[0]?.fire(kst('2026-05-06'));
    await scheduled[1]?.fire(kst('2026-05-06', '09:40'));
    expect(calls).toEqual([
      ['sell', '2026-05-06'],
      ['buy', '2026-05-06'],
    ]);
  });

  test.each([
    ['a market holiday', '2026-05-05', []],
    ['an extra closure from the settings', '2026-05-07', ['2026-05-07']],
    ['a day past the calendar', '2030-05-07', []],
  ])('does not start a phase on %s', async (_what, date, extra) => {
    const { s, scheduled, calls } = scheduler(extra);
    await s.start();
    await scheduled[0]?.fire(kst(date));
    expect(calls).toEqual([]);
  });

  test('replaces the old tasks when it is started again with new times', async () => {
    const { s, scheduled } = scheduler();
    await s.start();
    await s.start({ sell: '10:00', buy: '11:00' });
    expect(scheduled.slice(0, 2).every((t) => t.stopped)).toBe(true);
    expect(scheduled.slice(2).map((t) => t.expression)).toEqual(['0 0 10 * * 1-5', '0 0 11 * * 1-5']);
  });

  test('with the real node-cron, the next run is at the given KST time on a weekday', async () => {
    const s = new PhaseScheduler({
      times: { sell: '09:10', buy: '14:45' },
      extraClosedDays: [],
      logger,
      onPhaseTime: async () => {},
    });
    await s.start();
    try {
      const { sell, buy } = s.nextRuns();
      expect(sell).not.toBeNull();
      expect(kstTime(sell as Date)).toBe('09:10');
      expect(kstTime(buy as Date)).toBe('14:45');
      const weekday = new Date(`${kstDate(sell as Date)}T00:00:00Z`).getUTCDay();
      expect(weekday).toBeGreaterThanOrEqual(1);
      expect(weekday).toBeLessThanOrEqual(5);
    } finally {
      await s.stop();
    }
  });
});
