import { z } from 'zod';
import { ConfigError } from '../src/config/ConfigError.ts';
import { type Config, loadConfig } from '../src/config/config.ts';

/** Config of `npm start`: Telegram, broker, Redis, engine, plus the optional webhook. */
export type BotConfig = Config<'telegram' | 'broker' | 'redis' | 'engine'> & WebhookConfig;

/** Webhook mode, when TELEGRAM_WEBHOOK_URL is set (long polling otherwise). */
export interface WebhookConfig {
  readonly TELEGRAM_WEBHOOK_URL?: string | undefined;
  readonly TELEGRAM_WEBHOOK_SECRET?: string | undefined;
  /** Local port the webhook server listens on (default 8443). */
  readonly TELEGRAM_WEBHOOK_PORT: number;
}

const webhookSchema = z
  .object({
    TELEGRAM_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
    TELEGRAM_WEBHOOK_SECRET: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,256}$/, { error: 'must be 16-256 characters of A-Z a-z 0-9 _ - (value hidden)' })
      .optional(),
    TELEGRAM_WEBHOOK_PORT: z.coerce.number().int().min(1).max(65535).default(8443),
  })
  .refine((w) => w.TELEGRAM_WEBHOOK_URL === undefined || w.TELEGRAM_WEBHOOK_SECRET !== undefined, {
    path: ['TELEGRAM_WEBHOOK_SECRET'],
    error: 'required with TELEGRAM_WEBHOOK_URL (requests without it are refused)',
  });

/** Where to get each Telegram variable, added to the message when it is missing or bad. */
const WHERE: Readonly<Record<string, string>> = {
  TELEGRAM_BOT_TOKEN: 'create a bot with @BotFather in Telegram (/newbot) and copy the token it gives',
  TELEGRAM_ALLOWED_CHAT_IDS:
    'start the bot with any allowed list (e.g. 1), send it /whoami from your chat, and put the chat and user id it answers here, comma separated',
};

/**
 * Parses the bot's configuration once. Throws ConfigError naming every bad variable (never a secret's value) and,
 * for the Telegram ones, where to get them (BotFather, /whoami). Only TELEGRAM_BOT_TOKEN and
 * TELEGRAM_ALLOWED_CHAT_IDS are needed beyond the defaults.
 */
export function loadBotConfig(env: Record<string, string | undefined>): BotConfig {
  const problems: string[] = [];
  let base: Config<'telegram' | 'broker' | 'redis' | 'engine'> | undefined;
  try {
    base = loadConfig(['telegram', 'broker', 'redis', 'engine'], env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    for (const line of err.message.split('\n').slice(1)) {
      const name = /^\s*- ([A-Z_]+):/.exec(line)?.[1];
      problems.push(name !== undefined && WHERE[name] !== undefined ? `${line} (${WHERE[name]})` : line);
    }
  }
  const clean = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const webhook = webhookSchema.safeParse(clean);
  if (!webhook.success) {
    for (const issue of webhook.error.issues) {
      const name = String(issue.path[0] ?? 'TELEGRAM_WEBHOOK');
      problems.push(
        `  - ${name}: ${name === 'TELEGRAM_WEBHOOK_SECRET' ? 'invalid or missing (value hidden)' : issue.message}`,
      );
    }
  }
  if (problems.length > 0 || base === undefined || !webhook.success) {
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  return { ...base, ...webhook.data };
}
