import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EVERY_EVENT } from '../../test/kit/engineEvents.ts';
import { openTestRedis } from '../../test/kit/openTestRedis.ts';
import { testAccountId } from '../../test/kit/testAccountId.ts';
import { NotifyPrefsStore } from '../store/NotifyPrefsStore.ts';
import {
  DEFAULT_NOTIFY_PREFS,
  getNotifyPrefs,
  NEVER_OFF,
  NOTIFY_KINDS,
  nextNotifyLevel,
  notifyKindOf,
  setNotifyPref,
} from './notifyPrefs.ts';

let acct: string;
let env: ReturnType<typeof openTestRedis>;

beforeEach(() => {
  acct = testAccountId();
  env = openTestRedis(acct);
});
afterEach(async () => env.cleanup());

describe('notify preferences', () => {
  it('are all on by default and survive a new connection', async () => {
    expect(await getNotifyPrefs(env.redis, acct)).toEqual(DEFAULT_NOTIFY_PREFS);
    expect(await setNotifyPref(env.redis, acct, 'fills', 'silent')).toEqual({
      ok: true,
      kind: 'fills',
      before: 'on',
      after: 'silent',
    });
    expect(await setNotifyPref(env.redis, acct, 'fills', 'off')).toMatchObject({ before: 'silent', after: 'off' });
    const other = openTestRedis(acct);
    try {
      expect((await getNotifyPrefs(other.redis, acct)).fills).toBe('off');
    } finally {
      other.redis.disconnect();
    }
  });

  it('refuse unknown kinds and levels and off for alerts and rejections, changing nothing', async () => {
    for (const [kind, level, reason] of [
      ['nope', 'on', 'unknown-kind'],
      ['fills', 'loud', 'unknown-level'],
      ['alerts', 'off', 'never-off'],
      ['rejections', 'off', 'never-off'],
      [{ toString: () => 'fills' }, 'off', 'unknown-kind'],
    ] as const) {
      expect(await setNotifyPref(env.redis, acct, kind, level)).toMatchObject({ ok: false, reason });
    }
    expect(await new NotifyPrefsStore(env.redis, acct).getAll()).toEqual({});
  });

  it('read a stored off for a never-off kind as silent, and garbage as on', async () => {
    const store = new NotifyPrefsStore(env.redis, acct);
    await store.set('alerts', 'off');
    await store.set('fills', 'garbage');
    const prefs = await getNotifyPrefs(env.redis, acct);
    expect(prefs.alerts).toBe('silent');
    expect(prefs.fills).toBe('on');
  });

  it('cycle on -> silent -> off -> on, skipping off where it is not allowed', () => {
    for (const kind of NOTIFY_KINDS) {
      const seen = ['on' as const];
      let level = nextNotifyLevel(kind, 'on');
      while (level !== 'on') {
        seen.push(level as never);
        level = nextNotifyLevel(kind, level);
      }
      expect(seen).toEqual(NEVER_OFF.has(kind) ? ['on', 'silent'] : ['on', 'silent', 'off']);
    }
  });

  it('put rejections, unknown outcomes, errors and halts under kinds that are never off', () => {
    const mustSee = EVERY_EVENT.filter((e) =>
      ['order-rejected', 'order-unknown', 'order-reconciled', 'error', 'halted', 'resumed', 'resolved'].includes(
        e.type,
      ),
    );
    for (const e of mustSee) expect(NEVER_OFF.has(notifyKindOf(e))).toBe(true);
    expect(notifyKindOf({ type: 'fill' } as never)).toBe('fills');
  });
});
