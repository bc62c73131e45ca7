import { describe, expect, test } from 'vitest';
import { HaltFlag } from '../../src/store/HaltFlag.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';
import { waitForValue as waitFor } from '../kit/waitForValue.ts';
import { type BotBench, OWNER, startBotBench } from './botHarness.ts';

const account = {
  deposit: 1_000_000,
  positions: [{ code: '005930', name: '삼성전자', qty: 300, price: 71_200 }],
  quotes: [],
};

let bench: BotBench | undefined;
closeAfterEach(() => bench);

describe('bot: /stop is never queued behind a slow command', () => {
  test('a /stop sent while a /preview waits on a slow broker halts before the preview is answered', async () => {
    bench = await startBotBench(account);
    const b = bench;
    await b.say('/weights 005930=50');
    // Every broker answer now takes 4 s (under the client's 5 s query deadline): the preview's several account
    // reads hold its command for a long while, without failing it.
    b.paper.faults.setLatency(4_000);
    const before = b.api.botMessages(OWNER.chatId).length;
    b.api.sendText(OWNER, '/preview');
    b.api.sendText(OWNER, '/stop');
    const halt = new HaltFlag(b.redis, b.accountId);
    await waitFor('the kill switch', async () => ((await halt.isSet()) ? true : undefined), 60_000);
    // The kill switch was thrown while the preview was still waiting for the broker (it was not queued behind it).
    const answered = b.api
      .botMessages(OWNER.chatId)
      .slice(before)
      .filter((m) => m.plain.includes('리밸런싱 계획') || m.plain.includes('처리하지 못했습니다'));
    expect(answered).toEqual([]);
    b.paper.faults.setLatency(0);
    await b.api.waitForMessage(OWNER.chatId, (m) => m.plain.startsWith('🛑 긴급 정지'), 60_000);
    await b.api.waitForMessage(OWNER.chatId, (m) => m.plain.includes('리밸런싱 계획'), 90_000);
  }, 180_000);
});
