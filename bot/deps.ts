import type { openBotMemory } from '../src/app/botMemory.ts';
import type { AccountSession } from '../src/app/openAccount.ts';
import type { AccountSettingsService } from '../src/app/settings.ts';
import type { Logger } from '../src/logging/logger.ts';
import type { BotSender } from './ports.ts';

/** What every feature and middleware of the bot is built from (one account, one bot). */
export interface BotDeps {
  readonly session: AccountSession;
  readonly settings: AccountSettingsService;
  /** Update ids handled and refusals sent (the store's type, reached through the application layer). */
  readonly memory: ReturnType<typeof openBotMemory>;
  readonly sender: BotSender;
  /** Chat and user ids allowed to use the bot (TELEGRAM_ALLOWED_CHAT_IDS). */
  readonly allowed: ReadonlySet<number>;
  /** Chats that get pushes and the command menu (the allowed ids; a user id is also their private chat). */
  readonly chatIds: readonly number[];
  readonly logger: Logger;
  readonly now: () => number;
  /** How long a preview can be approved. */
  readonly approvalTtlMs: number;
  /** Starts the paper account over from its account file (BROKER=paper with a persistent exchange only). */
  readonly resetPaper?: () => Promise<void>;
  /** Applies new times to the running engine's phase cron tasks and to the pushed preview. */
  readonly reschedule: (times: {
    readonly sell: string;
    readonly buy: string;
    readonly preview?: string | undefined;
  }) => Promise<void>;
}
