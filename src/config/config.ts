import { z } from 'zod';
import { DEFAULT_MAX_CLOCK_OFFSET_MS } from '../domain/brokerClockOffset.ts';
import { DEFAULT_CLOCK_SKEW_MS } from '../domain/matchUnknownOrder.ts';
import { ConfigError } from './ConfigError.ts';

/**
 * Environment configuration, parsed once at start with zod. Each entry point asks only for the sections it uses
 * (`plan` and `paper` need no Redis, `rebalance` no Telegram). A missing or bad value stops the program with one
 * message naming every offending variable; values of secrets are never echoed.
 */

const intMs = (def: number) => z.coerce.number().int().positive().default(def);
const csvIds = z
  .string()
  .trim()
  .min(1)
  .transform((s, ctx) => {
    const ids = s.split(',').map((p) => p.trim());
    for (const id of ids) {
      if (!/^-?\d{1,20}$/.test(id)) {
        ctx.addIssue({ code: 'custom', message: `not a numeric chat or user id: "${id}"` });
        return z.NEVER;
      }
    }
    return ids;
  });

const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');

/** The zod schema of each config section, by name; `base` is always parsed. */
export const sections = {
  base: z.object({
    LOG_LEVEL: logLevel,
    NODE_ENV: z.enum(['production', 'development', 'test']).default('development'),
  }),
  telegram: z.object({
    TELEGRAM_BOT_TOKEN: z.string().regex(/^\d+:[A-Za-z0-9_-]{20,}$/, { error: 'must look like 123456:ABC-DEF...' }),
    TELEGRAM_ALLOWED_CHAT_IDS: csvIds,
    TELEGRAM_API_ROOT: z.url().default('https://api.telegram.org'),
  }),
  redis: z.object({
    REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
  }),
  broker: z.object({
    BROKER: z.enum(['paper', 'kiwoom']).default('paper'),
    KIWOOM_ENV: z.enum(['mock', 'live']).default('mock'),
    KIWOOM_APP_KEY: z.string().min(1).optional(),
    KIWOOM_SECRET_KEY: z.string().min(1).optional(),
    KIWOOM_BASE_URL: z.url().optional(),
    LIVE_TRADING: z.enum(['yes', 'no']).default('no'),
    PAPER_ACCOUNT: z.string().min(1).optional(),
    PAPER_PORT: z.coerce.number().int().min(0).max(65535).default(0),
    PAPER_SEED: z.coerce.number().int().default(1),
  }),
  engine: z.object({
    ORDER_INTERVAL_MS: intMs(10_000),
    POLL_INTERVAL_MS: intMs(180_000),
    AMEND_AFTER_MS: intMs(600_000),
    /** Deadline of one order request (place, amend, cancel); past it the outcome is unknown and is reconciled. */
    ORDER_TIMEOUT_MS: intMs(10_000),
    MAX_AMENDS: z.coerce.number().int().min(0).default(3),
    AMEND_POLICY: z.enum(['keep', 'cancel', 'market']).default('keep'),
    AMEND_PRICE: z.enum(['best', 'last']).default('best'),
    ORDER_TYPE: z.enum(['limit', 'market']).default('limit'),
    COMMISSION_PPM: z.coerce.number().int().min(0).max(100_000).default(150),
    SELL_TAX_PPM: z.coerce.number().int().min(0).max(100_000).default(2000),
    /** Safety cap: no single order larger than this many won. */
    MAX_ORDER_VALUE: z.coerce.number().int().positive().default(50_000_000),
    /**
     * How far apart our clock and the broker's may be when a lost order is looked for in the broker's lists, ms:
     * orders listed up to this long before the send still count (claimed numbers never do). On top of the offset
     * measured from the broker's answers (see brokerClock).
     */
    CLOCK_SKEW_MS: z.coerce.number().int().min(0).max(600_000).default(DEFAULT_CLOCK_SKEW_MS),
    /**
     * When orders may be placed: `krx` (the regular session of KRX trading days) or `always` (the paper exchange).
     * Unset: `krx` with BROKER=kiwoom, `always` with BROKER=paper (see loadConfig). Set `always` for a Kiwoom client
     * pointed at a separately run paper exchange.
     */
    MARKET_SESSION: z.enum(['krx', 'always']).optional(),
    /** Orders are held while the broker's clock, measured from its answers, is further than this from ours (ms). */
    MAX_CLOCK_OFFSET_MS: z.coerce.number().int().min(0).max(600_000).default(DEFAULT_MAX_CLOCK_OFFSET_MS),
    /** Extra market closures, YYYY-MM-DD comma separated, on top of the built-in KRX calendar. */
    EXTRA_CLOSED_DAYS: z
      .string()
      .default('')
      .transform((s) =>
        s
          .split(',')
          .map((d) => d.trim())
          .filter((d) => d.length > 0),
      )
      .pipe(
        z.array(
          z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'dates must be YYYY-MM-DD' })
            // A day that does not exist (2026-02-30) would close nothing while looking like it does.
            .refine((d) => !Number.isNaN(Date.parse(d)) && new Date(d).toISOString().startsWith(d), {
              error: 'not a calendar date',
            }),
        ),
      ),
  }),
} as const;

/** The name of a config section. */
export type SectionName = keyof typeof sections;
type SectionOutput<K extends SectionName> = z.output<(typeof sections)[K]>;
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
/** The parsed variables of sections `K`, plus `base`. */
export type Config<K extends SectionName> = UnionToIntersection<SectionOutput<K>> & SectionOutput<'base'>;

/** Variables whose values must never be printed. */
export const SECRET_VARS = new Set(['TELEGRAM_BOT_TOKEN', 'KIWOOM_APP_KEY', 'KIWOOM_SECRET_KEY']);

/**
 * Parses the sections `names` (plus `base`) from `env`. Throws ConfigError listing every bad variable by name.
 * Cross-field rules: the Kiwoom broker needs keys, and live mode needs LIVE_TRADING=yes; MARKET_SESSION defaults to
 * `krx` with BROKER=kiwoom and `always` otherwise.
 */
export function loadConfig<K extends SectionName>(
  names: readonly K[],
  env: NodeJS.ProcessEnv | Record<string, string | undefined> = process.env,
): Config<K> {
  const wanted = new Set<SectionName>(['base', ...names]);
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  // Treat empty strings as unset so `FOO=` in an .env file falls back to the default.
  const clean = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  for (const name of wanted) {
    const result = sections[name].safeParse(clean);
    if (result.success) Object.assign(out, result.data);
    else {
      for (const issue of result.error.issues) {
        const variable = String(issue.path[0] ?? name);
        const why = SECRET_VARS.has(variable) ? secretReason(issue) : issue.message;
        problems.push(`${variable}: ${why}`);
      }
    }
  }
  if (wanted.has('broker') && problems.length === 0) {
    if (out.BROKER === 'kiwoom') {
      if (out.KIWOOM_APP_KEY === undefined) problems.push('KIWOOM_APP_KEY: required when BROKER=kiwoom');
      if (out.KIWOOM_SECRET_KEY === undefined) problems.push('KIWOOM_SECRET_KEY: required when BROKER=kiwoom');
      if (out.KIWOOM_ENV === 'live' && out.LIVE_TRADING !== 'yes') {
        problems.push('LIVE_TRADING: must be "yes" to trade with KIWOOM_ENV=live (refusing to start in live mode)');
      }
    }
  }
  if (wanted.has('engine') && problems.length === 0 && out.MARKET_SESSION === undefined) {
    // The default follows the broker: a real Kiwoom account trades in KRX hours, the paper exchange at any hour.
    out.MARKET_SESSION = clean.BROKER === 'kiwoom' ? 'krx' : 'always';
  }
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return out as Config<K>;
}

/** Zod messages can quote the received value; for secrets say only what kind of problem it is. */
function secretReason(issue: z.core.$ZodIssue): string {
  return issue.code === 'invalid_type' ? 'required' : 'invalid format (value hidden)';
}
