import type { Redis } from 'ioredis';
import pino from 'pino';
import { type Context, Telegraf } from 'telegraf';
import { openBotMemory } from '../src/app/botMemory.ts';
import { expireMissedApproval } from '../src/app/expireMissedApproval.ts';
import { type AccountSession, type OpenAccountOptions, openAccount } from '../src/app/openAccount.ts';
import { DEFAULT_APPROVAL_TTL_MS } from '../src/app/proposePlan.ts';
import { AccountSettingsService, defaultSettings } from '../src/app/settings.ts';
import { createLogger, type Logger } from '../src/logging/logger.ts';
import { type BotConfig, loadBotConfig } from './botConfig.ts';
import { COMMAND_MENU } from './commandMenu.ts';
import { createBot, type ExtraFeature } from './createBot.ts';
import type { BotDeps } from './deps.ts';
import { notifyFeature } from './features/notify.ts';
import type { BotSender } from './ports.ts';
import { PreviewSchedule } from './previewSchedule.ts';
import { type EventRelay, startEventRelay } from './relay/startEventRelay.ts';
import { TelegramSender, type TelegramSenderOptions } from './send/TelegramSender.ts';
import { MODE_LABEL } from './text/modeLabel.ts';

/** How `npm start` (bot/main.ts), the tests and the bench start the bot. */
export interface StartBotOptions {
  /** The environment to read the config from (process.env for npm start). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly logger?: Logger;
  /** Test seams passed to openAccount (a Redis connection, a broker, engine options such as the BullMQ prefix). */
  readonly account?: Partial<Omit<OpenAccountOptions, 'logger'>>;
  /** How long a preview can be approved (default 10 minutes). */
  readonly approvalTtlMs?: number;
  readonly now?: () => number;
  /** Pacing of the sender (tests speed it up; default about one message per second per chat). */
  readonly sender?: Partial<Omit<TelegramSenderOptions, 'logger'>>;
  /** How often a missed approval is looked for (default every minute). */
  readonly expiryCheckMs?: number;
  /** The relay's burst merge window (default 3 s). */
  readonly mergeWindowMs?: number;
  /** Called when the bot must end on its own (409 Conflict: another instance polls the same token). */
  readonly onFatal?: (message: string) => void;
}

/** A started bot. */
export interface RunningBot {
  readonly config: BotConfig;
  readonly session: AccountSession;
  readonly bot: Telegraf<Context>;
  readonly sender: BotSender;
  /**
   * Graceful stop: polling stops (the update offset is confirmed), queued commands finish, the relay stops, the
   * engine stops letting the order in flight finish, then Redis and the broker close. Idempotent.
   */
  stop(reason?: string): Promise<void>;
  /** Runs the `/times preview` push now, as its cron task would (tests). */
  firePreviewPush(): Promise<void>;
}

/** Thrown by polling when another getUpdates runs with the same token. */
const CONFLICT_MESSAGE =
  'Telegram answered 409 Conflict: another instance of this bot is polling with the same TELEGRAM_BOT_TOKEN (or a webhook is set). Stop the other instance; this one is stopping.';

/**
 * Starts the bot: config (throws ConfigError naming each bad variable), the account (broker + Redis + Engine),
 * recovery of the ledger before anything is sent, the phase schedule from the stored settings, the command menu
 * for the allowed chats, then long polling (or the webhook). Does not wait for polling to end.
 */
export async function startBot(options: StartBotOptions): Promise<RunningBot> {
  const config = loadBotConfig(options.env);
  const logger =
    options.logger ?? createLogger({ level: config.LOG_LEVEL }, pino.destination({ dest: 2, sync: false }));
  const now = options.now ?? Date.now;
  const session = await openAccount(config, { logger, persistPaper: true, ...options.account });
  try {
    const { redis, engine, accountId } = session;
    const settings = new AccountSettingsService(redis, accountId, defaultSettings(config.ORDER_TYPE));
    const recovered = await engine.start();
    logger.info({ accountId, mode: session.mode, ...recovered }, 'engine started');
    const { settings: current } = await settings.get();
    await engine.schedulePhases(current.times);

    const bot = new Telegraf<Context>(config.TELEGRAM_BOT_TOKEN, {
      telegram: { apiRoot: config.TELEGRAM_API_ROOT, webhookReply: false },
    });
    const sender = new TelegramSender(bot.telegram, {
      logger: logger.child({ component: 'sender' }),
      ...options.sender,
    });
    const allowed = new Set(config.TELEGRAM_ALLOWED_CHAT_IDS.map(Number));
    let previews: PreviewSchedule;
    const deps: BotDeps = {
      session,
      settings,
      memory: openBotMemory(redis as Redis, accountId),
      sender,
      allowed,
      chatIds: [...allowed].filter((id) => id !== 0),
      logger,
      now,
      approvalTtlMs: options.approvalTtlMs ?? DEFAULT_APPROVAL_TTL_MS,
      reschedule: async (times) => {
        await engine.schedulePhases({ sell: times.sell, buy: times.buy });
        await previews.set(times.preview);
      },
      ...(session.handle.resetPaper !== undefined ? { resetPaper: session.handle.resetPaper } : {}),
    };
    previews = new PreviewSchedule(deps);
    await previews.set(current.times.preview);
    const extra: ExtraFeature[] = [notifyFeature({ sender, redis, accountId, logger }).middleware()];
    const { idle } = createBot(bot, deps, extra);

    for (const chatId of deps.chatIds) {
      await bot.telegram
        .setMyCommands([...COMMAND_MENU], { scope: { type: 'chat', chat_id: chatId } })
        .catch((err: unknown) => logger.warn({ err, chatId }, 'could not register the command menu for a chat'));
    }

    const relay: EventRelay = await startEventRelay({
      redis,
      redisUrl: config.REDIS_URL,
      accountId,
      sender,
      chatIds: deps.chatIds,
      mode: session.mode,
      logger: logger.child({ component: 'relay' }),
      ...(options.mergeWindowMs !== undefined ? { mergeWindowMs: options.mergeWindowMs } : {}),
    });

    // An approval whose session passed without starting expires, with a notice (checked now and every minute).
    const checkExpiry = async () => {
      const expired = await expireMissedApproval(session, settings, now()).catch((err: unknown) => {
        logger.warn({ err }, 'could not check for a missed approval');
        return undefined;
      });
      if (expired === undefined) return;
      logger.warn(expired, 'approved plan expired: its session passed without starting');
      for (const chatId of deps.chatIds) {
        await sender
          .sendText(
            chatId,
            `${MODE_LABEL[session.mode]} ⌛ 승인한 계획 ${expired.planId}이(가) ${expired.date} 장이 끝날 때까지 시작되지 않아 만료되었습니다. 주문은 나가지 않았습니다. /preview 로 새 계획을 만드세요.`,
            { retryForever: true },
          )
          .catch((err: unknown) => logger.warn({ err, chatId }, 'could not send the expiry notice'));
      }
    };
    void checkExpiry();
    const expiryTimer = setInterval(() => void checkExpiry(), options.expiryCheckMs ?? 60_000);
    expiryTimer.unref();

    let stopping: Promise<void> | undefined;
    const stop = (reason = 'stop'): Promise<void> => {
      stopping ??= (async () => {
        logger.info({ reason }, 'stopping the bot');
        clearInterval(expiryTimer);
        await previews.stop();
        try {
          bot.stop(reason);
        } catch {
          // not running (polling already ended, e.g. after a 409)
        }
        await idle();
        await relay.stop();
        await sender.close();
        await session.close();
        logger.info('bot stopped');
      })();
      return stopping;
    };

    const onLaunchError = (err: unknown) => {
      const code = (err as { response?: { error_code?: number } }).response?.error_code;
      if (code === 409) {
        logger.fatal({ code }, CONFLICT_MESSAGE);
        void stop('409 Conflict').then(() => options.onFatal?.(CONFLICT_MESSAGE));
      } else {
        logger.fatal({ err }, 'polling ended with an error');
        void stop('polling error').then(() => options.onFatal?.(`Polling ended: ${(err as Error).message}`));
      }
    };
    const launched = config.TELEGRAM_WEBHOOK_URL
      ? // Webhook: launch resolves once the webhook is set (and the local server listens); an error here is fatal.
        bot.launch({
          webhook: {
            domain: new URL(config.TELEGRAM_WEBHOOK_URL).host,
            path: new URL(config.TELEGRAM_WEBHOOK_URL).pathname,
            port: config.TELEGRAM_WEBHOOK_PORT,
            ...(config.TELEGRAM_WEBHOOK_SECRET !== undefined ? { secretToken: config.TELEGRAM_WEBHOOK_SECRET } : {}),
          },
        })
      : // Polling: launch never resolves while polling; onLaunch says it is under way. Its end is watched.
        new Promise<void>((resolve) => {
          bot.launch(resolve).catch((err: unknown) => {
            onLaunchError(err);
            resolve();
          });
        });
    try {
      await launched;
    } catch (err) {
      // The webhook could not be set: undo everything started so far (relay, timers, engine) before failing.
      await stop('launch failed');
      throw err;
    }
    logger.info({ accountId, mode: session.mode, chats: deps.chatIds.length }, 'bot started');
    return { config, session, bot, sender, stop, firePreviewPush: () => previews.fire() };
  } catch (err) {
    await session.close();
    throw err;
  }
}
