import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEFAULT_PAPER_ACCOUNT } from '../app/brokerFactory.ts';
import { redisLocation, redisUnreachable } from '../app/redisUnreachable.ts';
import { ConfigError } from '../config/ConfigError.ts';
import { loadConfig } from '../config/config.ts';
import { EXIT_BAD_INPUT, EXIT_DONE, EXIT_FAILURE } from './exitCodes.ts';
import { planPreviewText } from './planPreviewText.ts';
import { type RebalanceCliDeps, runRebalanceCli } from './rebalance.ts';

/**
 * `npm run demo`: the whole product with no credentials. One headless rebalance (runRebalanceCli, the code behind
 * `npm run rebalance`) of examples/paper-account.json with examples/settings.json on the in-process paper exchange,
 * with the engine's timings scaled down so that it ends in about a minute: the plan preview as the bot shows it
 * (as text tables), then a line per order, fill and amendment, the phase summaries, and exit 0 when the plan is
 * done. Needs only Redis at REDIS_URL (default redis://127.0.0.1:6379); when none answers, one line says so and the
 * exit code is 1.
 *
 * BROKER is forced to paper and PAPER_ACCOUNT to the example account (the settings are written for it). The
 * timings below apply unless the environment sets them; any other setting (LOG_LEVEL, PAPER_SEED, REDIS_URL...) is
 * taken from the environment as usual.
 */

export const DEMO_USAGE = `Usage: npm run demo
  Runs a whole rebalance of examples/paper-account.json with examples/settings.json on the in-process paper
  exchange (no credentials). Needs Redis at REDIS_URL (default redis://127.0.0.1:6379).`;

/** The settings the demo rebalances with. */
export const DEMO_SETTINGS = fileURLToPath(new URL('../../examples/settings.json', import.meta.url));

/**
 * Timings of the demo unless the environment sets them: an order a second instead of every 10 s, a poll every 3 s
 * instead of 3 min, amendments after 15 s instead of 10 min; quiet logs (warnings and errors only).
 */
export const DEMO_DEFAULTS: Readonly<Record<string, string>> = {
  ORDER_INTERVAL_MS: '1000',
  POLL_INTERVAL_MS: '3000',
  AMEND_AFTER_MS: '15000',
  LOG_LEVEL: 'warn',
};

/** What the demo touches, injectable for tests. */
export interface DemoIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Test seams; `npm run demo` uses none of them. */
export interface DemoDeps {
  /** Passed on to runRebalanceCli (tests: BullMQ prefix, Redis connection, a faster client). */
  readonly rebalance?: RebalanceCliDeps;
  /** How long the Redis check waits for an answer (default 2,000 ms). */
  readonly redisTimeoutMs?: number;
}

/** The environment the demo runs the rebalance with: DEMO_DEFAULTS, then `env` (set values only), then the forced paper broker. */
export function demoEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const set = Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''),
  );
  return { ...DEMO_DEFAULTS, ...set, BROKER: 'paper', PAPER_ACCOUNT: DEFAULT_PAPER_ACCOUNT };
}

/** Runs the demo with `argv` (the arguments after `--`; none are taken). Resolves with the exit code; never throws. */
export async function runDemo(argv: readonly string[], io: DemoIo, deps: DemoDeps = {}): Promise<number> {
  if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h')) {
    io.stdout(`${DEMO_USAGE}\n`);
    return EXIT_DONE;
  }
  if (argv.length > 0) {
    io.stderr(`The demo takes no arguments: ${argv.join(' ')}\n${DEMO_USAGE}\n`);
    return EXIT_BAD_INPUT;
  }
  const env = demoEnv(io.env);
  let redisUrl: string;
  try {
    redisUrl = loadConfig(['redis'], env).REDIS_URL;
  } catch (err) {
    if (err instanceof ConfigError) {
      io.stderr(`${err.message}\n`);
      return EXIT_BAD_INPUT;
    }
    throw err;
  }
  // Checked first and on its own: otherwise a missing Redis shows up as ioredis retrying and printing stack traces.
  if (deps.rebalance?.redis === undefined) {
    const reason = await redisUnreachable(redisUrl, deps.redisTimeoutMs);
    if (reason !== undefined) {
      io.stderr(
        `Cannot reach Redis at ${redisLocation(redisUrl)} (${reason}): the demo needs a Redis server; start one (docker compose up -d redis) or set REDIS_URL.\n`,
      );
      return EXIT_FAILURE;
    }
  }
  io.stdout(
    `Demo: a whole rebalance of examples/paper-account.json with examples/settings.json on the paper exchange, one order every ${env.ORDER_INTERVAL_MS} ms, a poll every ${env.POLL_INTERVAL_MS} ms, amendments after ${env.AMEND_AFTER_MS} ms.\n\n`,
  );
  return runRebalanceCli(
    ['--settings', DEMO_SETTINGS],
    { stdout: io.stdout, stderr: io.stderr, readFile: (p) => readFile(p, 'utf8'), env },
    { renderPlan: (plan) => ['', ...planPreviewText(plan), ''], ...deps.rebalance },
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const started = Date.now();
  runDemo(
    process.argv.slice(2),
    { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), env: process.env },
    { rebalance: { signal: controller.signal } },
  ).then((code) => {
    if (code === EXIT_DONE && process.argv.length === 2)
      process.stdout.write(`Demo finished in ${Math.round((Date.now() - started) / 1000)} s.\n`);
    process.exitCode = code;
    // BullMQ and ioredis may keep handles a moment longer; nothing is left to do.
    setTimeout(() => process.exit(code), 1_000).unref();
  });
}
