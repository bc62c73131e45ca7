import { describe, expect, test } from 'vitest';
import { closeAfterEach } from '../kit/closeAfterEach.ts';
import { type BotBench, OWNER, startBotBench } from './botHarness.ts';

let bench: BotBench | undefined;
closeAfterEach(() => bench);

/** 50 holdings with long Korean names, all overweight against a 50% cash target: 50 sell legs. */
function bigAccount() {
  const positions = Array.from({ length: 50 }, (_, i) => ({
    code: String(100_000 + i * 10).padStart(6, '0'),
    name: `우량주${i}`,
    qty: 100 + i,
    price: 10_000 + i * 100,
  }));
  return { deposit: 1_000_000, positions, quotes: [] };
}

describe('bot: Telegram limits', () => {
  test('a 50-holding preview stays under 4096 characters a message, with working pages', async () => {
    bench = await startBotBench(bigAccount());
    const b = bench;
    await b.say('/cash 50');
    await b.say('/preview');
    const msg = b.api.botMessages(OWNER.chatId).at(-1);
    const id = msg?.messageId ?? 0;
    const seen = new Set<string>();
    for (let page = 0; page < 10; page++) {
      const cur = b.api.chat(OWNER.chatId).find((m) => m.messageId === id);
      expect(cur).toBeDefined();
      expect(cur?.plain.length).toBeLessThanOrEqual(4096);
      expect(cur?.text.length).toBeLessThanOrEqual(4096);
      for (const m of cur?.plain.matchAll(/우량주\d+/g) ?? []) seen.add(m[0]);
      const next = cur?.replyMarkup?.inline_keyboard.flat().find((k) => k.text === '▶');
      if (next === undefined) break;
      const before = cur?.edits ?? 0;
      const { queryId } = b.api.pressButton(OWNER, id, next.callback_data ?? '');
      await b.api.waitFor(() => b.api.callbackAnswer(queryId) !== null, 15_000);
      await b.api.waitFor(
        () => (b.api.chat(OWNER.chatId).find((m) => m.messageId === id)?.edits ?? 0) > before,
        15_000,
      );
    }
    const first = b.api.chat(OWNER.chatId).find((m) => m.messageId === id);
    expect(first?.edits).toBeGreaterThan(0);
    expect(seen.size).toBe(50);
  });

  test('a 429 with retry_after delays a reply without losing or repeating it', async () => {
    bench = await startBotBench({ deposit: 1_000_000, positions: [], quotes: [] });
    const b = bench;
    await b.say('/help');
    b.api.failNext('sendMessage', { kind: 'rateLimit', retryAfter: 1 }, 2);
    const reply = await b.say('/settings');
    expect(reply).toContain('⚙️ 설정');
    const sends = b.api.calls('sendMessage').slice(-3);
    expect(sends.map((c) => c.errorCode)).toEqual([429, 429, undefined]);
    expect((sends[2]?.at ?? 0) - (sends[1]?.at ?? 0)).toBeGreaterThanOrEqual(1_000);
    expect(b.api.botMessages(OWNER.chatId).filter((m) => m.plain.includes('⚙️ 설정'))).toHaveLength(1);
  });
});

describe('bot: edits', () => {
  test('pressing the tab already shown sends no edit (never "message is not modified")', async () => {
    bench = await startBotBench({
      deposit: 1_000_000,
      positions: [
        { code: '005930', name: '삼성전자', qty: 100, price: 71_200 },
        { code: '000660', name: 'SK하이닉스', qty: 10, price: 198_500 },
      ],
      quotes: [],
    });
    const b = bench;
    await b.say('/weights 005930=20 000660=60');
    await b.say('/preview');
    const msg = b.api.botMessages(OWNER.chatId).at(-1);
    const sells = msg?.replyMarkup?.inline_keyboard.flat().find((k) => k.text === '• 매도');
    expect(sells).toBeDefined();
    for (let i = 0; i < 3; i++) {
      const { queryId } = b.api.pressButton(OWNER, msg?.messageId ?? 0, sells?.callback_data ?? '');
      await b.api.waitFor(() => b.api.callbackAnswer(queryId) !== null, 15_000);
    }
    expect(b.api.calls('editMessageText')).toHaveLength(0);
    expect(b.api.chat(OWNER.chatId).find((m) => m.messageId === msg?.messageId)?.edits).toBe(0);
  });
});
