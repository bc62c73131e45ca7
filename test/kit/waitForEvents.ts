import type { EngineEnv } from './EngineEnv.ts';
import { waitFor } from './waitFor.ts';

/** Waits until the outbox holds at least `count` events of `type` (events are pushed just after ledger changes). */
export async function waitForEvents(env: EngineEnv, type: string, count = 1): Promise<void> {
  await waitFor(
    async () => (await env.ctx.outbox.read('0-0', 10_000)).filter((x) => x.event.type === type).length >= count,
    10_000,
    `${count} ${type} event(s)`,
  );
}
