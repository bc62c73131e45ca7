import pino from 'pino';
import { Telegram } from 'telegraf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type EventRelay, type EventRelayOptions, startEventRelay } from '../../bot/relay/startEventRelay.ts';
import { TelegramSender } from '../../bot/send/TelegramSender.ts';
import { setNotifyPref } from '../../src/app/notifyPrefs.ts';
import type { EngineEvent } from '../../src/domain/EngineEvent.ts';
import { EventOutbox } from '../../src/store/EventOutbox.ts';
import { RelayCursorStore } from '../../src/store/RelayCursorStore.ts';
import { createRedis } from '../../src/store/redis.ts';
import { allSteps } from '../kit/allSteps.ts';
import { type BotApiStandIn, startBotApiStandIn } from '../kit/botApi/BotApiStandIn.ts';
import { EVERY_EVENT } from '../kit/engineEvents.ts';
import { openTestRedis, REDIS_URL } from '../kit/openTestRedis.ts';
import { testAccountId } from '../kit/testAccountId.ts';

const logger = pino({ level: 'silent' });
const OWNER = 7001;
const SPOUSE = 7002;

let acct: string;
let env: ReturnType<typeof openTestRedis>;
let api: BotApiStandIn;
let outbox: EventOutbox;
const relays: EventRelay[] = [];
const senders: TelegramSender[] = [];

function sender(): TelegramSender {
  const s = new TelegramSender(new Telegram(api.token, { apiRoot: api.url }), {
    logger,
    intervalMs: 5,
    burst: 5,
    globalIntervalMs: 1,
    backoffBaseMs: 20,
    backoffMaxMs: 100,
  });
  senders.push(s);
  return s;
}

async function relay(options: Partial<EventRelayOptions> = {}): Promise<EventRelay> {
  const r = await startEventRelay({
    redis: env.redis,
    redisUrl: REDIS_URL,
    accountId: acct,
    sender: sender(),
    chatIds: [OWNER],
    mode: 'paper',
    logger,
    mergeWindowMs: 300,
    blockMs: 200,
    ...options,
  });
  relays.push(r);
  return r;
}

/** Appends events in one MULTI, so a reader sees them all in one read (merging is then independent of timing). */
async function appendAll(events: readonly EngineEvent[]): Promise<string> {
  const multi = env.redis.multi();
  for (const e of events) multi.xadd(outbox.keys.events, '*', 'e', JSON.stringify(e));
  const results = (await multi.exec()) ?? [];
  return results[results.length - 1]![1] as string;
}

const placed = (i: number): EngineEvent => ({
  type: 'order-placed',
  planId: 'p',
  side: 'buy',
  code: '005930',
  name: '삼성전자',
  round: i,
  qty: i,
  price: 70_000,
  orderNo: String(1000 + i).padStart(7, '0'),
});

const texts = (chatId = OWNER) => api.botMessages(chatId).map((m) => m.plain);

beforeEach(async () => {
  acct = testAccountId();
  env = openTestRedis(acct);
  api = await startBotApiStandIn();
  outbox = new EventOutbox(env.redis, acct);
});

afterEach(async () => {
  await allSteps([
    ...relays.splice(0).map((r) => () => r.stop()),
    ...senders.splice(0).map((s) => () => s.close()),
    () => api.close(),
    () => env.cleanup(),
  ]);
});

describe('event relay', () => {
  it('pushes every event kind in order, marked with the mode, and moves the cursor after each', async () => {
    const r = await relay({ chatIds: [OWNER, SPOUSE], mode: 'mock' });
    let last = '';
    for (const e of EVERY_EVENT) last = await outbox.append(e);
    await r.delivered(last);
    for (const chat of [OWNER, SPOUSE]) {
      const all = texts(chat);
      expect(all.every((t) => t.startsWith('[모의] '))).toBe(true);
      const joined = all.join('\n');
      for (const needle of [
        '승인됨',
        '매도 단계 시작',
        '주문 거부',
        '확인 불가',
        '체결',
        '정정',
        '취소',
        '단계 완료',
        '보고서',
        '긴급 정지',
        '재개',
        '오류',
        '수동 처리',
      ]) {
        expect(joined).toContain(needle);
      }
      expect(joined.indexOf('승인됨')).toBeLessThan(joined.indexOf('완료'));
    }
    const cursors = await new RelayCursorStore(env.redis, acct).get([OWNER, SPOUSE]);
    expect([...cursors.values()]).toEqual([last, last]);
  });

  it('starts a chat without a cursor at the newest event: old history is not replayed', async () => {
    await outbox.append({ type: 'error', code: 'unreadable-event', eventId: 'old' });
    const r = await relay();
    const id = await outbox.append({ type: 'error', code: 'unreadable-event', eventId: 'new' });
    await r.delivered(id);
    expect(texts()).toEqual(['[페이퍼] ❗ 오류: 읽을 수 없는 알림: new']);
  });

  it('merges a burst of placements and fills into one message', async () => {
    const r = await relay({ mergeWindowMs: 1_000 });
    const last = await appendAll(Array.from({ length: 20 }, (_, i) => placed(i + 1)));
    await r.delivered(last);
    expect(texts()).toHaveLength(1);
    expect(texts()[0]!.split('\n')).toHaveLength(21);
    expect(texts()[0]).toMatch(/^\[페이퍼\] 주문 알림 20건/);
  });

  it('applies the preferences: off kinds are skipped, silent ones go without sound', async () => {
    expect(await setNotifyPref(env.redis, acct, 'placed', 'off')).toMatchObject({
      ok: true,
      before: 'on',
      after: 'off',
    });
    expect(await setNotifyPref(env.redis, acct, 'phases', 'silent')).toMatchObject({ ok: true });
    expect(await setNotifyPref(env.redis, acct, 'alerts', 'off')).toEqual({
      ok: false,
      reason: 'never-off',
      kind: 'alerts',
    });
    const r = await relay();
    const last = await appendAll([
      placed(1),
      { type: 'phase-started', planId: 'p', side: 'sell' },
      { type: 'error', code: 'unreadable-event', eventId: 'boom' },
      placed(2),
    ]);
    await r.delivered(last);
    const messages = api.botMessages(OWNER);
    expect(messages.map((m) => [m.plain, m.silent])).toEqual([
      ['[페이퍼] ▶️ 매도 단계 시작', true],
      ['[페이퍼] ❗ 오류: 읽을 수 없는 알림: boom', false],
    ]);
  });

  it('waits out a 429 and delivers every message once', async () => {
    const r = await relay();
    api.failNext('sendMessage', { kind: 'rateLimit', retryAfter: 1 }, 2);
    let last = '';
    for (let i = 0; i < 3; i++)
      last = await outbox.append({ type: 'error', code: 'unreadable-event', eventId: `e${i}` });
    await r.delivered(last);
    expect(texts()).toEqual([
      '[페이퍼] ❗ 오류: 읽을 수 없는 알림: e0',
      '[페이퍼] ❗ 오류: 읽을 수 없는 알림: e1',
      '[페이퍼] ❗ 오류: 읽을 수 없는 알림: e2',
    ]);
    expect(api.calls('sendMessage').map((c) => c.errorCode ?? 'ok')).toEqual([429, 429, 'ok', 'ok', 'ok']);
  });

  it('passes over a message Telegram refuses for one chat and keeps the other chat going', async () => {
    const r = await relay({ chatIds: [OWNER, SPOUSE] });
    api.failNext('sendMessage', { kind: 'forbidden' });
    const first = await outbox.append({ type: 'error', code: 'unreadable-event', eventId: 'one' });
    await r.delivered(first);
    const second = await outbox.append({ type: 'error', code: 'unreadable-event', eventId: 'two' });
    await r.delivered(second);
    const counts = [texts(OWNER).length, texts(SPOUSE).length].sort();
    expect(counts).toEqual([1, 2]);
  });

  it('after a crash mid-delivery, a new relay delivers every event; only the message in flight repeats', async () => {
    const a = await relay();
    const first = await outbox.append({ type: 'error', code: 'unreadable-event', eventId: 'before' });
    await a.delivered(first);
    // The next message reaches the chat but its answer is lost; the relay keeps retrying it...
    api.failNext('sendMessage', { kind: 'drop', processed: true });
    api.failNext('sendMessage', { kind: 'serverError' }, 1_000);
    await outbox.append({ type: 'error', code: 'unreadable-event', eventId: 'in flight' });
    await api.waitFor(() => api.calls('sendMessage').length >= 3, 15_000, 'retries of the message in flight');
    // ...when the process dies: nothing of it survives but Redis.
    await senders[0]!.close();
    await relays.shift()!.stop();
    api.clearFaults();
    const after = await outbox.append({ type: 'error', code: 'unreadable-event', eventId: 'after' });
    const b = await relay();
    await b.delivered(after);
    expect(texts()).toEqual([
      '[페이퍼] ❗ 오류: 읽을 수 없는 알림: before',
      '[페이퍼] ❗ 오류: 읽을 수 없는 알림: in flight',
      '[페이퍼] ❗ 오류: 읽을 수 없는 알림: in flight',
      '[페이퍼] ❗ 오류: 읽을 수 없는 알림: after',
    ]);
  });

  it('keeps reading after its blocking connection drops', async () => {
    const connections: ReturnType<typeof createRedis>[] = [];
    const r = await relay({
      connect: () => {
        const c = createRedis(REDIS_URL, 'worker');
        connections.push(c);
        return c;
      },
    });
    const first = await outbox.append({ type: 'error', code: 'unreadable-event', eventId: 'one' });
    await r.delivered(first);
    connections[0]!.disconnect(true);
    const second = await outbox.append({ type: 'error', code: 'unreadable-event', eventId: 'two' });
    await r.delivered(second);
    expect(texts()).toEqual(['[페이퍼] ❗ 오류: 읽을 수 없는 알림: one', '[페이퍼] ❗ 오류: 읽을 수 없는 알림: two']);
  });
});
