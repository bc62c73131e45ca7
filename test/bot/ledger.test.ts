import { describe, expect, test } from 'vitest';
import type { Plan } from '../../src/domain/types.ts';
import { HaltFlag } from '../../src/store/HaltFlag.ts';
import { OrderLedger } from '../../src/store/OrderLedger.ts';
import { PlanStore } from '../../src/store/PlanStore.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';
import { waitForValue as waitFor } from '../kit/waitForValue.ts';
import { type BotBench, OWNER, startBotBench } from './botHarness.ts';

const CODE = '005930';
const HIGH = 78_300; // above the market: a sell resting there does not fill
const account = {
  deposit: 1_000_000,
  positions: [{ code: CODE, name: '삼성전자', qty: 100, price: 71_200 }],
  quotes: [],
};
const plan: Plan = {
  sells: [
    { code: CODE, name: '삼성전자', price: 71_200, qty: 5, rounds: [5], heldQty: 100, targetValue: 0, targetPct: 0 },
  ],
  buys: [],
  excluded: [],
  projected: { weights: {}, cash: 0 },
  totalValue: 8_120_000,
  estimatedCosts: 0,
};

let bench: BotBench | undefined;
closeAfterEach(() => bench);

describe('bot: /ledger', () => {
  test('lists an ambiguous record with its candidates; adopting one asks first, then settles it', async () => {
    bench = await startBotBench(account);
    const b = bench;
    b.paper.exchange.holdFills(true);
    const plans = new PlanStore(b.redis, b.accountId);
    const stored = await plans.save(plan, { orderType: 'limit' });
    expect((await plans.approve(stored.id, stored.hash)).ok).toBe(true);
    const ledger = new OrderLedger(b.redis, b.accountId);
    const leg = { planId: stored.id, side: 'sell' as const, code: CODE, name: '삼성전자' };
    const { record } = await ledger.create({ ...leg, round: 1, isLastRound: true, plannedQty: 5, order: 1 });
    const id = record.id ?? '';
    const sentAt = Date.now() - 1_000;
    await ledger.update(id, (cur) => ({
      ...cur,
      state: 'unknown',
      qty: 5,
      price: HIGH,
      sentAt,
      unknownAt: sentAt,
      error: 'order request timed out',
    }));
    const fits: string[] = [];
    for (let i = 0; i < 2; i++) {
      fits.push((await b.broker.placeOrder({ side: 'sell', code: CODE, qty: 5, type: 'limit', price: HIGH })).orderNo);
    }

    await b.say('/ledger');
    const shown = await b.api.waitForMessage(OWNER.chatId, (m) => m.plain.includes(id), 20_000);
    const buttons = shown.replyMarkup?.inline_keyboard.flat() ?? [];
    expect(buttons.map((k) => k.text)).toEqual(fits.map((n) => `#${n} 채택…`));
    expect(shown.plain).toContain('order request timed out');

    const before = b.api.botMessages(OWNER.chatId).length;
    b.api.pressButtonLabelled(OWNER, shown.messageId, `#${fits[1]} 채택…`);
    const question = await b.api.waitFor(() => b.api.botMessages(OWNER.chatId)[before], 20_000, 'the confirmation');
    expect(question.plain).toContain(`#${fits[1]}`);
    expect((await ledger.get(id))?.state).toBe('unknown');

    b.api.pressButtonLabelled(OWNER, question.messageId, '예');
    const done = await b.api.waitForMessage(OWNER.chatId, (m) => m.plain.startsWith('✅'), 20_000);
    expect(done.plain).toContain(`#${fits[1]}`);
    expect(await ledger.get(id)).toMatchObject({ state: 'open', orderNo: fits[1] });
    await plans.setStatus(stored.id, 'cancelled');
  });

  test('a confirmed settlement reads the broker off the update loop: a /stop sent meanwhile halts at once', async () => {
    bench = await startBotBench(account);
    const b = bench;
    b.paper.exchange.holdFills(true);
    const plans = new PlanStore(b.redis, b.accountId);
    const stored = await plans.save(plan, { orderType: 'limit' });
    expect((await plans.approve(stored.id, stored.hash)).ok).toBe(true);
    const ledger = new OrderLedger(b.redis, b.accountId);
    const leg = { planId: stored.id, side: 'sell' as const, code: CODE, name: '삼성전자' };
    const { record } = await ledger.create({ ...leg, round: 1, isLastRound: true, plannedQty: 5, order: 1 });
    const id = record.id ?? '';
    const sentAt = Date.now() - 1_000;
    await ledger.update(id, (cur) => ({ ...cur, state: 'unknown', qty: 5, price: HIGH, sentAt, unknownAt: sentAt }));
    // Two orders fit (ambiguous): the engine leaves the record to a person.
    const fits: string[] = [];
    for (let i = 0; i < 2; i++) {
      fits.push((await b.broker.placeOrder({ side: 'sell', code: CODE, qty: 5, type: 'limit', price: HIGH })).orderNo);
    }
    const orderNo = fits[1] ?? '';

    await b.say('/ledger');
    const shown = await b.api.waitForMessage(OWNER.chatId, (m) => m.plain.includes(id), 20_000);
    const before = b.api.botMessages(OWNER.chatId).length;
    b.api.pressButtonLabelled(OWNER, shown.messageId, `#${orderNo} 채택…`);
    const question = await b.api.waitFor(() => b.api.botMessages(OWNER.chatId)[before], 20_000, 'the confirmation');

    // Every broker answer now takes 4 s (under the client's 5 s query deadline): the settlement's list reads are slow.
    b.paper.faults.setLatency(4_000);
    const answered = b.api.calls('answerCallbackQuery').length;
    const { queryId } = b.api.pressButtonLabelled(OWNER, question.messageId, '예');
    // The press is answered at once, and its settlement is now waiting on the broker...
    await b.api.waitFor(
      () =>
        b.api
          .calls('answerCallbackQuery')
          .slice(answered)
          .find((c) => c.params.callback_query_id === queryId),
      20_000,
      'the press answered',
    );
    // ... while the owner throws the kill switch: it must not wait for the settlement to finish.
    b.api.sendText(OWNER, '/stop');
    const halt = new HaltFlag(b.redis, b.accountId);
    await waitFor('the kill switch', async () => ((await halt.isSet()) ? true : undefined), 60_000);
    expect((await ledger.get(id))?.state).toBe('unknown');

    b.paper.faults.setLatency(0);
    const done = await b.api.waitForMessage(OWNER.chatId, (m) => m.plain.startsWith('✅'), 60_000);
    expect(done.plain).toContain(`#${orderNo}`);
    expect(await ledger.get(id)).toMatchObject({ state: 'open', orderNo });
    await plans.setStatus(stored.id, 'cancelled');
  }, 120_000);
});
