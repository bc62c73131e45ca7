import { describe, expect, test } from 'vitest';
import { OrderLedger } from '../../src/store/OrderLedger.ts';
import { PlanStore } from '../../src/store/PlanStore.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';
import { waitForValue as waitFor } from '../kit/waitForValue.ts';
import { type BotBench, OWNER, startBotBench } from './botHarness.ts';

const account = {
  deposit: 3_000_000,
  positions: [
    { code: '005930', name: '삼성전자', qty: 100, price: 71_200 },
    { code: '000660', name: 'SK하이닉스', qty: 10, price: 198_500 },
    { code: '035420', name: 'NAVER', qty: 20, price: 180_000 },
    { code: '051910', name: 'LG화학', qty: 3, price: 300_000 },
  ],
  quotes: [{ code: '373220', name: 'LG에너지솔루션', price: 380_000 }],
};

let bench: BotBench | undefined;
closeAfterEach(() => bench);

describe('bot: the whole conversation', () => {
  test('set weights, exclude, add, times, splits, preview, tabs, approve, /run now: the exchange ends at the plan', async () => {
    bench = await startBotBench(account, { paper: { autoStepMs: 50 } });
    const b = bench;
    expect(await b.say('/weights 005930=30 000660=20 373220=15')).toContain('→');
    expect(await b.say('/exclude 051910')).toContain('제외 종목: 없음 → 051910');
    expect(await b.say('/add 373220')).toContain('추가 종목: 없음 → 373220');
    expect(await b.say('/times sell 09:05 buy 09:30')).toContain('매수 시작: 09:40 → 09:30');
    expect(await b.say('/split sell 2 buy 2')).toContain('매수 분할: 5회 → 2회');

    const preview = await b.say('/preview');
    expect(preview).toContain('[페이퍼] 리밸런싱 계획');
    expect(preview).toContain('매도 계획');
    const msg = b.api.botMessages(OWNER.chatId).at(-1);
    expect(msg?.replyMarkup).toBeDefined();
    const labels = msg?.replyMarkup?.inline_keyboard.flat().map((k) => k.text) ?? [];
    expect(labels).toEqual(expect.arrayContaining(['• 매도', '매수', '제외', '승인', '취소']));
    for (const row of msg?.replyMarkup?.inline_keyboard ?? []) {
      for (const k of row) expect(Buffer.byteLength(k.callback_data ?? '')).toBeLessThanOrEqual(64);
    }
    const id = msg?.messageId ?? 0;

    const buys = b.api.pressButtonLabelled(OWNER, id, '매수');
    await b.api.waitFor(() => b.api.callbackAnswer(buys.queryId) !== null, 10_000, 'the tab press answered');
    const onBuys = await b.api.waitFor(
      () => b.api.chat(OWNER.chatId).find((m) => m.messageId === id && m.plain.includes('매수 계획')),
      10_000,
    );
    expect(onBuys.plain).toContain('LG에너지');
    const excludedTab = b.api.pressButtonLabelled(OWNER, id, '제외');
    await b.api.waitFor(() => b.api.callbackAnswer(excludedTab.queryId) !== null, 10_000);
    await b.api.waitFor(() => b.api.chat(OWNER.chatId).find((m) => m.messageId === id && m.plain.includes('LG화학')));

    const approve = b.api.pressButtonLabelled(OWNER, id, '승인');
    await b.api.waitFor(() => b.api.callbackAnswer(approve.queryId), 10_000, 'the approval answered');
    const approved = await b.api.waitFor(
      () => b.api.chat(OWNER.chatId).find((m) => m.messageId === id && m.plain.includes('승인됨')),
      10_000,
    );
    expect(approved.plain).toContain('09:05');
    expect(approved.replyMarkup).toBeUndefined();

    // Fills held at first so the resting orders get amended (the chat must show an amendment notice).
    b.paper.exchange.holdFills(true);
    expect(await b.say('/run now')).toContain('매도를 지금 시작');
    await b.api.waitForMessage(OWNER.chatId, (m) => m.plain.includes('정정'), 60_000);
    b.paper.exchange.holdFills(false);
    const plans = new PlanStore(b.redis, b.accountId);
    const planId = (await plans.getActive())?.id ?? '';
    expect(planId).not.toBe('');
    await waitFor(
      'the plan to be done',
      async () => ((await plans.get(planId))?.status === 'done' ? true : undefined),
      90_000,
    );
    const done = await waitDone(plans, planId);
    const stored = done.plan;
    const held = new Map(b.paper.exchange.positions().map((p) => [p.code, p.qty]));
    const records = await new OrderLedger(b.redis, b.accountId).listByPlan(planId);
    for (const leg of stored.sells) {
      expect([leg.code, held.get(leg.code) ?? 0]).toEqual([leg.code, leg.heldQty - leg.qty]);
    }
    for (const leg of stored.buys) {
      const bought = records
        .filter((r) => r.side === 'buy' && r.code === leg.code)
        .reduce((s, r) => s + r.filledQty, 0);
      expect([leg.code, bought]).toEqual([leg.code, leg.qty]);
      expect([leg.code, held.get(leg.code) ?? 0]).toEqual([leg.code, leg.heldQty + leg.qty]);
    }
    expect(held.get('051910')).toBe(3);
    const chat = () => b.api.botMessages(OWNER.chatId).map((m) => m.plain);
    await b.api.waitFor(() => chat().some((t) => t.includes('매수 단계 후 보고서')), 30_000, 'the buy report');
    const pushes = chat();
    for (const mark of ['📤', '💰', '✏️', '매도 단계 완료', '매도 단계 후 보고서', '매수 단계 완료']) {
      expect([mark, pushes.some((t) => t.includes(mark))]).toEqual([mark, true]);
    }
    expect(pushes.filter((t) => t.includes('💰')).every((t) => t.includes('[페이퍼]'))).toBe(true);
    const status = await b.say('/status');
    expect(status).toContain('진행 중인 계획 없음');
    expect(status).toContain('목표 30%');
    const history = await b.say('/history');
    for (const word of ['주문 매도', '체결 매도', '정정', '주문 매수'])
      expect([word, history.includes(word)]).toEqual([word, true]);
    expect(await b.say('/orders')).toBe('미체결 주문이 없습니다.');
  }, 120_000);
});

async function waitDone(plans: PlanStore, planId: string) {
  const p = await plans.get(planId);
  if (p === undefined) throw new Error('plan vanished');
  return p;
}
