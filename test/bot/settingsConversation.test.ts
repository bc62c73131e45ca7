import { describe, expect, test } from 'vitest';
import { isTradingDay, kstDate } from '../../src/domain/tradingCalendar.ts';
import { closeAfterEach } from '../kit/closeAfterEach.ts';
import { type BotBench, OWNER, STRANGER, startBotBench } from './botHarness.ts';

const account = {
  deposit: 1_000_000,
  positions: [
    { code: '005930', name: '삼성전자', qty: 100, price: 71_200 },
    { code: '000660', name: 'SK하이닉스', qty: 10, price: 198_500 },
  ],
  quotes: [{ code: '373220', name: 'LG에너지솔루션', price: 380_000 }],
};

let bench: BotBench | undefined;
closeAfterEach(() => bench);

describe('bot: settings commands through the Bot API stand-in', () => {
  test('registers the menu for the allowed chat, replies before -> after, and keeps settings across a restart', async () => {
    bench = await startBotBench(account);
    const b = bench;
    expect(b.api.commands({ type: 'chat', chat_id: OWNER.chatId })?.length).toBeGreaterThan(10);
    expect(await b.say('/weights 005930=30 000660=20')).toContain(
      '목표 비중: 균등 (지정 없음) → 000660 20%, 005930 30%',
    );
    expect(await b.say('/cash 5')).toContain('현금 비중: 0% → 5%');
    expect(await b.say('/times sell 09:05 buy 09:35')).toContain('매도 시작: 09:10 → 09:05');
    expect(await b.say('/split sell 3 buy 2')).toContain('매도 분할: 5회 → 3회');
    await b.bot.stop('restart');
    await b.restart();
    const shown = await b.say('/settings');
    expect(shown).toContain('000660 20%, 005930 30%');
    expect(shown).toContain('매도 시작: 09:05');
    expect(shown).toContain('매수 분할: 2회');
  });

  test('a bad argument gets one line naming the problem and the usage, and changes nothing', async () => {
    bench = await startBotBench(account);
    const b = bench;
    const over = await b.say('/weights 005930=70 000660=50');
    expect(over).toContain('120%');
    expect(over).toContain('사용법');
    expect(over.split('\n')).toHaveLength(1);
    const bad = await b.say('/exclude 5930');
    expect(bad).toContain("'5930'");
    expect(bad).toContain('종목코드');
    await b.say('/cash 95');
    const total = await b.say('/weights 005930=10');
    expect(total).toContain('105%');
    expect(await b.say('/settings')).toContain('목표 비중: 균등');
  });

  test('a stranger gets one polite refusal and changes nothing; /whoami answers anyone', async () => {
    bench = await startBotBench(account);
    const b = bench;
    expect(await b.say('/whoami', STRANGER)).toContain(`채팅 ID: ${STRANGER.chatId}`);
    expect(await b.say('/weights 005930=50', STRANGER)).toContain('허가된 사용자');
    b.api.sendText(STRANGER, '/cash 10');
    b.api.sendText(OWNER, '/settings');
    await b.api.waitFor(() => b.api.botMessages(OWNER.chatId).at(-1)?.plain.includes('⚙️'), 20_000);
    const strangerReplies = b.api.botMessages(STRANGER.chatId).map((m) => m.plain);
    expect(strangerReplies.filter((t) => t.includes('허가된 사용자'))).toHaveLength(1);
    const settings = b.api.botMessages(OWNER.chatId).at(-1)?.plain ?? '';
    expect(settings).toContain('현금 비중: 0%');
    expect(settings).toContain('목표 비중: 균등');
  });
});

describe('bot: drift band and minimum trade value (/band, /mintrade)', () => {
  test('set and cleared with before -> after; the preview says what they dropped and what they cost', async () => {
    bench = await startBotBench(account);
    const b = bench;
    // 005930 is 70.5% of the account and 000660 19.6%: both legs are about a million won each.
    await b.say('/weights 005930=60 000660=30');
    const plain = await b.say('/preview');
    expect(plain).toContain('추적오차');
    expect(plain).not.toContain('밴드로 뺀 거래');

    expect(await b.say('/band 15')).toContain('허용 밴드: 끔 (모두 목표로) → ±15%p');
    const banded = await b.say('/preview');
    expect(banded).toContain('매매할 것이 없습니다: 밴드로 뺀 거래 2건, 최소금액으로 뺀 거래 0건');

    expect(await b.say('/band off')).toContain('허용 밴드: ±15%p → 끔 (모두 목표로)');
    expect(await b.say('/mintrade 5,000,000')).toContain('최소 거래금액: 끔 → 5,000,000원');
    expect(await b.say('/preview')).toContain('최소금액으로 뺀 거래 2건');

    const bad = await b.say('/mintrade 1.5');
    expect(bad).toContain("'1.5'");
    expect(bad).toContain('사용법');
    expect(await b.say('/mintrade off')).toContain('최소 거래금액: 5,000,000원 → 끔');
    const shown = await b.say('/settings');
    expect(shown).toContain('허용 밴드: 끔');
    expect(shown).toContain('최소 거래금액: 끔');
  });
});

describe('bot: the pushed preview', () => {
  test('/times preview sets the push time; at that time a preview with 승인 arrives without a command', async () => {
    bench = await startBotBench(account);
    const b = bench;
    expect(await b.say('/times preview 08:50')).toContain('미리보기 알림: 끔 → 08:50');
    await b.say('/weights 005930=40 000660=40');
    const before = b.api.botMessages(OWNER.chatId).length;
    await b.bot.firePreviewPush();
    const pushed = b.api.botMessages(OWNER.chatId).slice(before);
    if (!isTradingDay(kstDate(new Date()))) {
      expect(pushed).toHaveLength(0);
    } else {
      expect(pushed.some((m) => m.plain.includes('리밸런싱 계획') && m.replyMarkup !== undefined)).toBe(true);
    }
    expect(await b.say('/times preview off')).toContain('미리보기 알림: 08:50 → 끔');
  });
});
