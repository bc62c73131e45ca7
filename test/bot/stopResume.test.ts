import { describe, expect, test } from 'vitest';
import { PlanStore } from '../../src/store/PlanStore.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';
import { waitForValue as waitFor } from '../kit/waitForValue.ts';
import { type BotBench, OWNER, startBotBench } from './botHarness.ts';

const account = {
  deposit: 1_000_000,
  positions: [
    { code: '005930', name: '삼성전자', qty: 300, price: 71_200 },
    { code: '000660', name: 'SK하이닉스', qty: 10, price: 198_500 },
  ],
  quotes: [],
};

let bench: BotBench | undefined;
closeAfterEach(() => bench);

describe('bot: /stop and /resume', () => {
  test('/stop halts at once and cancels the open orders only after a confirmation; /resume re-queues', async () => {
    bench = await startBotBench(account, { env: { ORDER_INTERVAL_MS: '300' } });
    const b = bench;
    b.paper.exchange.holdFills(true);
    await b.say('/weights 005930=20 000660=40');
    await b.say('/split sell 4 buy 2');
    await b.say('/preview');
    const preview = b.api.botMessages(OWNER.chatId).at(-1);
    b.api.pressButtonLabelled(OWNER, preview?.messageId ?? 0, '승인');
    await b.api.waitFor(() => b.api.chat(OWNER.chatId).find((m) => m.plain.includes('승인됨')), 15_000);
    await b.say('/run now');
    await b.api.waitFor(() => b.paper.exchange.openOrders().length >= 1, 30_000, 'an open order');

    const stopped = await b.say('/stop');
    expect(stopped).toContain('긴급 정지');
    const plans = new PlanStore(b.redis, b.accountId);
    expect((await plans.getActive())?.status).toBe('halted');
    const open = b.paper.exchange.openOrders().length;
    expect(open).toBeGreaterThanOrEqual(1);
    const ordersAtStop = b.paper.exchange.orders().length;

    const msg = b.api.botMessages(OWNER.chatId).find((m) => m.plain.startsWith('🛑 긴급 정지'));
    const ask = msg?.replyMarkup?.inline_keyboard.flat()[0];
    expect(ask?.text).toContain('취소');
    b.api.pressButton(OWNER, msg?.messageId ?? 0, ask?.callback_data ?? '');
    await b.api.waitFor(
      () =>
        b.api
          .chat(OWNER.chatId)
          .find((m) => m.messageId === msg?.messageId)
          ?.replyMarkup?.inline_keyboard.flat()[0]?.text === '예, 모두 취소',
      15_000,
    );
    expect(b.paper.exchange.openOrders()).toHaveLength(open);
    b.api.pressButtonLabelled(OWNER, msg?.messageId ?? 0, '예, 모두 취소');
    await waitFor(
      'the open orders cancelled',
      async () => (b.paper.exchange.openOrders().length === 0 ? true : undefined),
      30_000,
    );
    // Nothing was placed after the kill switch.
    expect(b.paper.exchange.orders().length).toBe(ordersAtStop);

    const resumed = await b.say('/resume');
    expect(resumed).toContain('재개');
    expect((await plans.getActive())?.status).toBe('active');
    expect(await b.say('/resume')).toContain('정지 상태가 아닙니다');
    await b.say('/stop');
  });
});
