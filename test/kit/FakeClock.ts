import type { Clock } from '../../src/broker/kiwoom/Clock.ts';

/** A clock that moves only when a test says so; sleepers wake in time order as it passes them. */
export class FakeClock implements Clock {
  private time: number;
  private readonly sleepers: Array<{ at: number; wake: () => void }> = [];

  constructor(start = 0) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.sleepers.push({ at: this.time + Math.max(0, ms), wake: resolve });
    });
  }

  /** Number of callers currently asleep. */
  get sleeping(): number {
    return this.sleepers.length;
  }

  /** Moves time forward by `ms`, waking every sleeper due on the way (in order) and letting its continuation run. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    // Let callers that need no sleep run first, at the current time.
    await flushMicrotasks();
    for (;;) {
      this.sleepers.sort((a, b) => a.at - b.at);
      const next = this.sleepers[0];
      if (next === undefined || next.at > end) break;
      this.sleepers.shift();
      this.time = next.at;
      next.wake();
      await flushMicrotasks();
    }
    this.time = end;
    await flushMicrotasks();
  }
}

async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await Promise.resolve();
}
