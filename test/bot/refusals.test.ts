import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PlanStore } from '../../src/store/PlanStore.ts';
import { type BotBench, OWNER, STRANGER, startBotBench } from './botHarness.ts';

const account = {
  deposit: 1_000_000,
  positions: [
    { code: '005930', name: '삼성전자', qty: 100, price: 71_200 },
    { code: '000660', name: 'SK하이닉스', qty: 10, price: 198_500 },
  ],
  quotes: [],
};

let b: BotBench;
beforeAll(async () => {
  b = await startBotBench(account);
});
afterAll(async () => {
  await b?.close();
});

/** Sends /preview and returns the preview's message id and its button data by label. */
async function preview(): Promise<{ id: number; data: (label: string) => string }> {
  await b.say('/preview');
  const msg = b.api.botMessages(OWNER.chatId).at(-1);
  if (msg?.replyMarkup === undefined) throw new Error('no preview keyboard');
  const buttons = msg.replyMarkup.inline_keyboard.flat();
  return {
    id: msg.messageId,
    data: (label) => buttons.find((k) => k.text === label)?.callback_data ?? '',
  };
}

/** Presses `data` under message `id` and returns the answer once given. */
async function press(id: number, data: string, user = OWNER) {
  const { queryId } = b.api.pressButton(user, id, data);
  return b.api.waitFor(() => b.api.callbackAnswer(queryId), 15_000, `an answer to ${data}`);
}

describe('bot: approvals that must do nothing', () => {
  test('a stale, repeated, forged, superseded or settings-changed 승인 does nothing and says why', async () => {
    await b.say('/weights 005930=40 000660=40');
    const plans = new PlanStore(b.redis, b.accountId);

    const first = await preview();
    const second = await preview();
    const superseded = await press(first.id, first.data('승인'));
    expect(superseded.showAlert).toBe(true);
    expect(superseded.text).toContain('더 새로운 미리보기');

    const forged = second.data('승인').replace(/\|[0-9a-f]{12}\|/, '|0123456789ab|');
    const forgedAnswer = await press(second.id, forged);
    expect(forgedAnswer.text).toContain('이 계획의 것이 아닙니다');

    await b.say('/cash 2');
    const changed = await press(second.id, second.data('승인'));
    expect(changed.text).toContain('설정이 바뀌었습니다');
    expect(await plans.getActive()).toBeUndefined();

    const strangerPress = b.api.pressButton(STRANGER, second.id, second.data('승인'));
    await b.api.waitFor(() => b.api.callbackAnswer(strangerPress.queryId) !== null, 15_000);
    expect(await plans.getActive()).toBeUndefined();

    const third = await preview();
    const ok = await press(third.id, third.data('승인'));
    expect(ok.showAlert).toBe(false);
    const active = await plans.getActive();
    expect(active?.status).toBe('active');
    const again = await press(third.id, third.data('승인'));
    expect(again.showAlert).toBe(true);
    expect(again.text).toContain('이미 처리된');
    expect((await plans.getActive())?.id).toBe(active?.id);
    await plans.setStatus(active?.id ?? '', 'cancelled');
  });

  test('an expired preview cannot be approved', async () => {
    const p = await preview();
    const plans = new PlanStore(b.redis, b.accountId);
    const [, planId = ''] = /^pv\|([^|]+)\|/.exec(p.data('승인')) ?? [];
    await b.redis.hset(`rb:${b.accountId}:plan:${planId}`, 'expiresAt', String(Date.now() - 1));
    const answer = await press(p.id, p.data('승인'));
    expect(answer.text).toContain('승인 시간이 지났습니다');
    expect(await plans.getActive()).toBeUndefined();
  });

  test('a 승인 while the kill switch is thrown does nothing and says why (a later /resume starts nothing)', async () => {
    const plans = new PlanStore(b.redis, b.accountId);
    expect(await b.say('/stop')).toContain('긴급 정지');
    const p = await preview();
    const answer = await press(p.id, p.data('승인'));
    expect(answer.showAlert).toBe(true);
    expect(answer.text).toContain('긴급 정지');
    expect(await plans.getActive()).toBeUndefined();
    expect(await b.say('/resume')).toContain('재개');
    expect(await plans.getActive()).toBeUndefined();
  });
});

describe('bot: generated malformed input', () => {
  const commands = ['weights', 'cash', 'exclude', 'include', 'add', 'remove', 'times', 'split', 'enable', 'disable'];
  const junk = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('=', '==', '005930=', '=30', '005930=abc', '00593O=10', '005930=101', 'sell', 'buy 0', '25:00'),
    fc.stringMatching(/^[0-9A-Z]{1,8}=[-0-9.]{1,6}$/),
  );

  test('200 malformed commands each get one clear line (or a refusal) and change nothing', async () => {
    const before = await b.say('/settings');
    const cases = fc.sample(
      fc
        .tuple(fc.constantFrom(...commands), fc.array(junk, { minLength: 0, maxLength: 4 }))
        .filter(([cmd, args]) => isMalformed(cmd, args)),
      { numRuns: 200, seed: 42 },
    );
    expect(cases).toHaveLength(200);
    for (const [cmd, args] of cases) {
      const reply = await b.say(`/${cmd} ${args.join(' ')}`);
      expect([cmd, args, reply.startsWith('❌') && reply.includes('사용법')]).toEqual([cmd, args, true]);
    }
    expect(await b.say('/settings')).toBe(before);
  }, 120_000);

  test('200 malformed callback data each get an answer, change nothing, and the bot stays up', async () => {
    const p = await preview();
    const approve = p.data('승인');
    const data = fc.sample(
      fc.oneof(
        fc.string({ minLength: 1, maxLength: 64 }),
        fc.constantFrom('pv', 'pv||', 'st|x', 'pr|', approve.replace('|a', '|z'), `${approve}|s|1`),
        fc.stringMatching(/^pv\|[a-z0-9-]{1,30}\|[0-9a-f]{12}\|[acv](\|[sbx]\|\d{1,3})?$/),
      ),
      { numRuns: 200, seed: 7 },
    );
    const plans = new PlanStore(b.redis, b.accountId);
    for (const d of data) {
      if (Buffer.byteLength(d) > 64 || d === approve) continue;
      const answer = await press(p.id, d);
      expect(answer).toBeDefined();
    }
    expect(await plans.getActive()).toBeUndefined();
    expect(await b.say('/status')).toContain('상태');
  }, 120_000);
});

/** True when `/cmd args` must be refused by the parser (a valid one would change the settings). */
function isMalformed(cmd: string, args: readonly string[]): boolean {
  const code = /^\d{4}[0-9A-HJ-NP-TV-Z][0-9KLMN]$/;
  if (args.length === 0) return true;
  switch (cmd) {
    case 'weights':
      return !(
        (args.length === 1 && args[0] === 'equal') ||
        args.every((a) => /^([^=]+)=(off|\d{1,3}(\.\d{1,2})?)$/.test(a) && code.test(a.split('=')[0] ?? ''))
      );
    case 'cash':
      return !(args.length === 1 && /^\d{1,3}(\.\d{1,2})?$/.test(args[0] ?? '') && Number(args[0]) <= 100);
    case 'exclude':
    case 'include':
    case 'add':
    case 'remove':
      return !args.every((a) => code.test(a));
    case 'enable':
    case 'disable':
      return !(args.length === 1 && (args[0] === 'sell' || args[0] === 'buy'));
    default:
      return true; // times and split: the junk never forms a valid key/value pair list
  }
}
