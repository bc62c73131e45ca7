import { createServer } from 'node:net';
import { describe, expect, test } from 'vitest';
import { closeAfterEach } from '../kit/closeAfterEach.ts';
import { type BotBench, OWNER, startBotBench } from './botHarness.ts';

let bench: BotBench | undefined;
closeAfterEach(() => bench);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function update(updateId: number, text: string) {
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: OWNER.chatId, type: 'private', first_name: 'owner' },
      from: { id: OWNER.chatId, is_bot: false, first_name: 'owner' },
      text,
      entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]?.length ?? 0 }],
    },
  };
}

async function post(port: number, body: unknown, secret?: string): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/hook/path`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
    body: JSON.stringify(body),
  });
  return res.status;
}

describe('bot: webhook mode', () => {
  test('sets the webhook with its secret; requests without the secret are refused; a redelivered update changes nothing', async () => {
    const port = await freePort();
    const secret = 'webhook-secret-0123456789';
    bench = await startBotBench(
      { deposit: 1_000_000, positions: [], quotes: [] },
      {
        env: {
          TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/hook/path',
          TELEGRAM_WEBHOOK_SECRET: secret,
          TELEGRAM_WEBHOOK_PORT: String(port),
        },
      },
    );
    const b = bench;
    const set = b.api.calls('setWebhook')[0];
    expect(set?.params.url).toBe('https://bot.example.com/hook/path');
    expect(set?.params.secret_token).toBe(secret);
    expect(b.api.calls('getUpdates')).toHaveLength(0);

    expect(await post(port, update(9001, '/cash 9'))).toBe(403);
    expect(await post(port, update(9002, '/cash 9'), 'wrong-secret-0123456789')).toBe(403);
    expect(await post(port, update(9003, '/cash 8'), secret)).toBe(200);
    const reply = await b.api.waitForMessage(OWNER.chatId, (m) => m.plain.includes('현금 비중'), 20_000);
    expect(reply.plain).toContain('0% → 8%');
    expect(b.api.botMessages(OWNER.chatId)).toHaveLength(1);

    // A redelivered update (same update_id, as after a crash before the offset was confirmed) changes nothing.
    expect(await post(port, update(9004, '/cash 7'), secret)).toBe(200);
    await b.api.waitForMessage(OWNER.chatId, (m) => m.plain.includes('8% → 7%'), 20_000);
    expect(await post(port, update(9003, '/cash 8'), secret)).toBe(200);
    expect(await post(port, update(9005, '/settings'), secret)).toBe(200);
    const shown = await b.api.waitForMessage(OWNER.chatId, (m) => m.plain.includes('⚙️'), 20_000);
    expect(shown.plain).toContain('현금 비중: 7%');
    expect(b.api.botMessages(OWNER.chatId)).toHaveLength(3);
  });
});
