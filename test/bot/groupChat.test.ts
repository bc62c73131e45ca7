import { describe, expect, test } from 'vitest';
import { PlanStore } from '../../src/store/PlanStore.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';
import { type BotBench, OWNER, startBotBench } from './botHarness.ts';

const account = {
  deposit: 1_000_000,
  positions: [{ code: '005930', name: '삼성전자', qty: 100, price: 71_200 }],
  quotes: [],
};

/** An allowed group chat, the owner in it, and a member of it who is not listed. */
const GROUP = -100_777;
const OWNER_IN_GROUP = { chatId: GROUP, userId: OWNER.chatId, chatType: 'supergroup' as const };
const MEMBER = { chatId: GROUP, userId: 4242, chatType: 'supergroup' as const };

let bench: BotBench | undefined;
closeAfterEach(() => bench);

describe('bot: an allowed group chat', () => {
  test('a member who is not listed can neither command nor approve; the owner in the group can', async () => {
    bench = await startBotBench(account, { env: { TELEGRAM_ALLOWED_CHAT_IDS: `${OWNER.chatId},${GROUP}` } });
    const b = bench;
    const plans = new PlanStore(b.redis, b.accountId);
    await b.say('/weights 005930=50', OWNER_IN_GROUP);
    await b.say('/preview', OWNER_IN_GROUP);
    const preview = b.api.botMessages(GROUP).find((m) => m.plain.includes('리밸런싱 계획'));
    const approve = preview?.replyMarkup?.inline_keyboard.flat().find((k) => k.text === '승인')?.callback_data;
    expect(approve).toBeDefined();

    const settingsBefore = await b.say('/settings', OWNER_IN_GROUP);
    const { queryId } = b.api.pressButton(MEMBER, preview?.messageId ?? 0, approve ?? '');
    await b.api.waitFor(() => b.api.callbackAnswer(queryId), 15_000, 'the member press answered');
    b.api.sendText(MEMBER, '/weights 005930=10');
    b.api.sendText(MEMBER, '/run now');
    // The member gets one polite refusal in the group (at most one an hour), nothing else.
    await b.api.waitForMessage(GROUP, (m) => m.plain.startsWith('이 봇은 허가된 사용자만'), 15_000);
    expect(await b.say('/settings', OWNER_IN_GROUP)).toBe(settingsBefore);
    expect(await plans.getActive()).toBeUndefined();

    const ok = b.api.pressButton(OWNER_IN_GROUP, preview?.messageId ?? 0, approve ?? '');
    const answer = await b.api.waitFor(() => b.api.callbackAnswer(ok.queryId), 15_000, 'the owner press answered');
    expect(answer.showAlert).toBe(false);
    const active = await plans.getActive();
    expect(active?.status).toBe('active');
    await plans.setStatus(active?.id ?? '', 'cancelled');
  });
});
