import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { Composer, type Context } from 'telegraf';
import { z } from 'zod';
import { getNotifyPrefs, NOTIFY_KINDS, NOTIFY_LEVELS, setNotifyPref } from '../../src/app/notifyPrefs.ts';
import type { TelegramSender } from '../send/TelegramSender.ts';
import { NOTIFY_DATA_PREFIX, parseNotifyData } from './notifyButtons.ts';
import { changeText, NEVER_OFF_TEXT, NOTIFY_USAGE, notifyScreen, UNKNOWN_BUTTON_TEXT } from './notifyText.ts';

export interface NotifyFeatureDeps {
  readonly sender: Pick<TelegramSender, 'sendText' | 'editText' | 'answerCallback'>;
  readonly redis: Redis;
  readonly accountId: string;
  readonly logger?: Logger;
}

/** `/notify kind level` arguments (none = show the screen). */
const argsSchema = z.union([z.tuple([]), z.tuple([z.enum(NOTIFY_KINDS), z.enum(NOTIFY_LEVELS)])]);

/**
 * `/notify`: the owner's notification preferences per event kind (on / silent / off) with one inline button per
 * kind that moves it on -> silent -> off; `/notify kind level` sets one directly. Rejections and alerts can be
 * silenced but never turned off: such a press is answered with an alert and changes nothing. Button data
 * `nt|kind|level` (bot/features/notifyButtons.ts); any other data starting with `nt|` is refused with an alert,
 * data of other features passes through to them.
 */
export function notifyFeature(deps: NotifyFeatureDeps): Composer<Context> {
  const c = new Composer<Context>();

  c.command('notify', async (ctx) => {
    const parsed = argsSchema.safeParse(ctx.payload.trim() === '' ? [] : ctx.payload.trim().split(/\s+/));
    if (!parsed.success) {
      await deps.sender.sendText(ctx.chat.id, `알림 종류나 단계를 알 수 없습니다. ${NOTIFY_USAGE}`);
      return;
    }
    if (parsed.data.length === 2) {
      const [kind, level] = parsed.data;
      const r = await setNotifyPref(deps.redis, deps.accountId, kind, level);
      await deps.sender.sendText(
        ctx.chat.id,
        r.ok ? changeText(r.kind, r.before, r.after) : r.reason === 'never-off' ? NEVER_OFF_TEXT(kind) : NOTIFY_USAGE,
      );
      return;
    }
    const screen = notifyScreen(await getNotifyPrefs(deps.redis, deps.accountId));
    await deps.sender.sendText(ctx.chat.id, screen.text, { html: true, keyboard: screen.keyboard });
  });

  c.on('callback_query', async (ctx, next) => {
    const query = ctx.callbackQuery;
    const data = 'data' in query ? query.data : undefined;
    if (typeof data !== 'string' || !data.startsWith(NOTIFY_DATA_PREFIX)) return next();
    const parsed = parseNotifyData(data);
    if (!parsed) {
      await deps.sender.answerCallback(query.id, UNKNOWN_BUTTON_TEXT, { alert: true });
      return;
    }
    const r = await setNotifyPref(deps.redis, deps.accountId, parsed.kind, parsed.level);
    if (!r.ok) {
      await deps.sender.answerCallback(
        query.id,
        r.reason === 'never-off' ? NEVER_OFF_TEXT(parsed.kind) : UNKNOWN_BUTTON_TEXT,
        {
          alert: true,
        },
      );
      return;
    }
    await deps.sender.answerCallback(query.id, changeText(r.kind, r.before, r.after));
    const message = query.message;
    if (message && ctx.chat) {
      const screen = notifyScreen(await getNotifyPrefs(deps.redis, deps.accountId));
      await deps.sender.editText(ctx.chat.id, message.message_id, screen.text, {
        html: true,
        keyboard: screen.keyboard,
      });
    }
    deps.logger?.info({ kind: r.kind, before: r.before, after: r.after }, 'notification preference changed');
  });

  return c;
}
