import { afterEach } from 'vitest';
import { allSteps } from './allSteps.ts';

/** What a test starts and must stop: a bench, a server or a proxy (close), an engine env (cleanup). */
export type Stoppable = { close(): Promise<unknown> } | { cleanup(): Promise<unknown> };

/**
 * Registers the clean-up after every test of the file, in one place instead of an `afterEach` copied into each
 * file: first the steps the test pushed on the returned list (last pushed first), then what each of `started`
 * returns at that moment (the `let` the test assigned its bench or env to), in order. Each thing is stopped once,
 * though its variable still holds it in the next test. Every step runs even when one before it failed, so keys and
 * servers always go; the first failure then fails the test, so a leak is not hidden.
 */
export function closeAfterEach(...started: ReadonlyArray<() => Stoppable | undefined>): Array<() => Promise<unknown>> {
  const pushed: Array<() => Promise<unknown>> = [];
  const stopped = new WeakSet<Stoppable>();
  afterEach(async () => {
    const steps = pushed.splice(0).reverse();
    for (const current of started) {
      const kit = current();
      if (kit === undefined || stopped.has(kit)) continue;
      stopped.add(kit);
      steps.push(() => ('cleanup' in kit ? kit.cleanup() : kit.close()));
    }
    await allSteps(steps);
  });
  return pushed;
}
