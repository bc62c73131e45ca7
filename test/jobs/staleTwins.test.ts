import { describe, expect, test } from 'vitest';
import { enqueuePhaseRounds } from '../../jobs/orderQueue.ts';
import { recoverLedger } from '../../jobs/recoverLedger.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';
import { type EngineEnv, startEngineEnv } from '../kit/EngineEnv.ts';
import { leg } from '../kit/leg.ts';
import { savePlan } from '../kit/savePlan.ts';

/**
 * Two identical rounds of one leg, both left `sending` with their orders at the broker and no number recorded: what
 * a ledger that went back in time leaves (issue 7, item 12: the first round's `open` lost, the second in flight when
 * the host died). Reconciliation waits while an identical request of the leg is in flight (item 8), but a request
 * whose settle time has passed is not in flight any more: it is a record to settle like this one. Counting it as in
 * flight for ever made each of the two wait for the other, and start-up recovery never returned.
 */

let env: EngineEnv | undefined;
closeAfterEach(() => env);

const CODE = '005930';

/** Resolves with `p`, or with 'still waiting' once `ms` have passed. */
function within<T>(p: Promise<T>, ms: number): Promise<T | 'still waiting'> {
  return Promise.race([p, new Promise<'still waiting'>((r) => setTimeout(() => r('still waiting'), ms))]);
}

describe('identical rounds both left `sending` with their orders at the broker', () => {
  test('start-up recovery settles them (left unknown for a person) instead of each waiting for the other', async () => {
    env = await startEngineEnv({ settleMs: 200 });
    const e = env;
    e.server.faults.holdFills(true);
    const planId = await savePlan(e, [leg(CODE, '삼성전자', 71_200, [3, 3, 3])]);
    await enqueuePhaseRounds(e.ctx, planId, 'sell');
    await e.ctx.queue.obliterate({ force: true });
    const price = e.server.exchange.quote(CODE)?.bestBid ?? 0;
    const ids = [1, 2].map((round) => `${planId}-sell-${CODE}-r${round}`);
    for (const id of ids) {
      const sentAt = Date.now();
      const t = await e.ctx.ledger.transition(id, ['queued'], () => ({ state: 'sending', qty: 3, price, sentAt }));
      expect(t.ok).toBe(true);
      e.server.exchange.placeOrder({ side: 'sell', code: CODE, qty: 3, type: 'limit', price });
    }

    // Generous: one settle time (200 ms) is all it needs.
    const summary = await within(recoverLedger(e.ctx, planId), 20_000);
    expect(summary).not.toBe('still waiting');
    // Both orders fit both records: nothing is guessed, nothing is sent again.
    for (const id of ids) expect((await e.ctx.ledger.get(id))?.state).toBe('unknown');
    expect(e.orderRequestTimes()).toHaveLength(0);
  }, 40_000);
});
