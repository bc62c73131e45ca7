import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import type { Redis } from 'ioredis';
import pino from 'pino';
import type { BrokerHandle } from '../app/brokerFactory.ts';
import { closeRun } from '../app/closeRun.ts';
import { isHalted, runNow } from '../app/control.ts';
import { PlanRefusedError } from '../app/errors/PlanRefusedError.ts';
import { outboxCursor } from '../app/followPlan.ts';
import { type AccountSession, type OpenAccountOptions, openAccount } from '../app/openAccount.ts';
import { planFromAccount } from '../app/planFromAccount.ts';
import { planOutcome } from '../app/planOutcome.ts';
import { unfinishedPlan } from '../app/unfinishedPlan.ts';
import { ConfigError } from '../config/ConfigError.ts';
import { type Config, loadConfig } from '../config/config.ts';
import type { Plan } from '../domain/types.ts';
import { createLogger, type Logger } from '../logging/logger.ts';
import { settingsSchema } from '../schemas/settingsSchema.ts';
import { EXIT_BAD_INPUT, EXIT_DONE, EXIT_FAILURE } from './exitCodes.ts';
import { followRun } from './followRun.ts';
import { formatPlan } from './formatProgress.ts';
import { readJsonFile } from './readJsonFile.ts';
import { parseRebalanceArgs, REBALANCE_USAGE } from './rebalanceArgs.ts';
import {
  cannotPlan,
  DRY_RUN_DONE,
  killSwitchThrown,
  NOTHING_TO_TRADE,
  outcomeLines,
  paperRunNotice,
  recoveredLine,
  resumingLine,
  stoppedText,
  unfinishedPlanNotice,
} from './rebalanceText.ts';

/**
 * `npm run rebalance -- --settings FILE [--dry-run]`: one whole rebalance, headless, against the configured broker
 * (product.md "Interfaces"). Plans from the broker's live account with the settings in FILE (the file on the
 * command line is the approval), then runs the sell phase, the wait for the sells and the buy phase at once, printing
 * one line per order, fill and amendment, the phase summaries and post-trade reports (cash, weights against the
 * targets, tracking error); exits 0 when the plan is done.
 *
 * If an unfinished plan of the same account is in Redis, it is resumed (and the runner says so) instead of planning
 * anew: the engine reconciles the ledger with the broker before anything is placed, so running the same command
 * after a crash finishes the job without placing anything twice. `--dry-run` prints the plan (or the unfinished
 * plan that a run would resume) and exits without placing anything.
 *
 * BROKER=paper is the exception, and the runner says so: the in-process paper exchange lives only as long as the
 * run, so every run is a fresh paper account (a new account id, see createBroker) starting from the account file,
 * nothing is resumed, and the run's Redis state is discarded when it ends (its orders no longer exist anywhere).
 * Resuming works with BROKER=kiwoom, including a Kiwoom client pointed at a paper exchange run on its own
 * (`npm run paper`, then KIWOOM_BASE_URL=http://127.0.0.1:PORT).
 *
 * The flow goes through the application layer (src/app: openAccount, unfinishedPlan, planFromAccount, followPlan,
 * planAwaitingPerson, planOutcome, closeRun), as the bot does; this file and its neighbours write the words
 * (rebalanceArgs.ts, rebalanceText.ts, followRun.ts, formatProgress.ts).
 *
 * Config sections: broker, redis, engine (no Telegram). Exit codes: 0 done, 2 bad input (arguments, settings file,
 * configuration, a plan the planner refuses), 1 failure (broker, Redis, kill switch thrown, interrupted).
 */

/** What the runner touches, injectable for tests. */
export interface RebalanceCliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readFile: (path: string) => Promise<string>;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Seams for tests and the demo; `npm run rebalance` uses none of them. */
export interface RebalanceCliDeps {
  /** Builds the broker (default createBroker from the config). */
  readonly createBroker?: (config: Config<'broker'>, logger: Logger) => Promise<BrokerHandle>;
  /** A Redis connection to use (the caller keeps ownership); default: a new one to REDIS_URL, closed at the end. */
  readonly redis?: Redis;
  /** Engine options on top of the config (tests: BullMQ prefix, settle time). */
  readonly engine?: OpenAccountOptions['engine'];
  readonly logger?: Logger;
  /** Aborting stops the run gracefully (the order in flight finishes), like SIGINT; the run exits 1. */
  readonly signal?: AbortSignal;
  /** How often the outbox is read for progress lines (default 200 ms). */
  readonly tailEveryMs?: number;
  /** The lines a plan is printed as (default formatPlan; the demo prints the preview tables). */
  readonly renderPlan?: (plan: Plan) => readonly string[];
  /** How often the "waiting for a person" lines are repeated while nothing changes (default 5 minutes). */
  readonly personHintEveryMs?: number;
}

/** Runs the rebalance CLI with `argv` (the arguments after `--`). Resolves with the exit code; never throws. */
export async function runRebalanceCli(
  argv: readonly string[],
  io: RebalanceCliIo,
  deps: RebalanceCliDeps = {},
): Promise<number> {
  const out = (line: string) => io.stdout(`${line}\n`);
  const bad = (message: string): number => {
    io.stderr(`${message}\n`);
    return EXIT_BAD_INPUT;
  };

  const args = parseRebalanceArgs(argv);
  if (args.kind === 'help') {
    out(REBALANCE_USAGE);
    return EXIT_DONE;
  }
  if (args.kind === 'bad') return bad(args.message);
  const { settingsPath, dryRun } = args;

  let config: Config<'broker' | 'redis' | 'engine'>;
  try {
    config = loadConfig(['broker', 'redis', 'engine'], io.env);
  } catch (err) {
    if (err instanceof ConfigError) return bad(err.message);
    throw err;
  }
  const read = await readJsonFile(settingsPath, 'settings file', settingsSchema, io.readFile);
  if (!read.ok) return bad(read.reason);
  const settings = read.value;

  const logger = deps.logger ?? createLogger({ level: config.LOG_LEVEL }, pino.destination({ dest: 2, sync: true }));
  const printPlan = (plan: Plan) => {
    for (const line of (deps.renderPlan ?? formatPlan)(plan)) out(line);
  };
  let session: AccountSession | undefined;
  try {
    session = await openAccount(config, {
      logger,
      ...(deps.createBroker !== undefined ? { createBroker: deps.createBroker } : {}),
      ...(deps.redis !== undefined ? { redis: deps.redis } : {}),
      ...(deps.engine !== undefined ? { engine: deps.engine } : {}),
    });
    const { handle, engine, accountId } = session;
    if (handle.ephemeral === true) for (const line of paperRunNotice(accountId)) out(line);
    const unfinished = await unfinishedPlan(session);

    if (dryRun) {
      if (unfinished !== undefined) {
        out(unfinishedPlanNotice(unfinished, accountId));
        printPlan(unfinished.plan);
        return EXIT_DONE;
      }
      printPlan(await planFromAccount(session.broker, settings, session.fees));
      out(DRY_RUN_DONE);
      return EXIT_DONE;
    }

    if (await isHalted(session)) {
      io.stderr(`${killSwitchThrown(accountId)}\n`);
      return EXIT_FAILURE;
    }

    const cursor = await outboxCursor(session);
    // Recovery first: every record left unfinished by an earlier run is settled with the broker before anything is sent.
    const recovered = recoveredLine(await engine.start());
    if (recovered !== undefined) out(recovered);

    let planId: string;
    if (unfinished !== undefined) {
      planId = unfinished.id;
      out(resumingLine(unfinished, accountId));
      printPlan(unfinished.plan);
    } else {
      let plan: Plan;
      try {
        plan = await planFromAccount(session.broker, settings, session.fees);
      } catch (err) {
        if (err instanceof PlanRefusedError) return bad(cannotPlan(settingsPath, err.reason));
        throw err;
      }
      printPlan(plan);
      if (plan.sells.length === 0 && plan.buys.length === 0) {
        out(NOTHING_TO_TRADE);
        return EXIT_DONE;
      }
      planId = await engine.approve(plan, { settings });
    }
    await runNow(session);

    const end = await followRun(session, cursor, planId, {
      out,
      signal: deps.signal,
      everyMs: deps.tailEveryMs ?? 200,
      remindMs: deps.personHintEveryMs ?? 5 * 60_000,
    });
    if (end !== 'done') {
      io.stderr(`${stoppedText(end, handle.ephemeral === true)}\n`);
      return EXIT_FAILURE;
    }
    const outcome = await planOutcome(session, planId);
    if (outcome.report === undefined && outcome.reportError !== undefined) {
      logger.warn({ planId, err: outcome.reportError }, 'post-trade report missing');
    }
    for (const line of outcomeLines(outcome)) out(line);
    return EXIT_DONE;
  } catch (err) {
    logger.error({ err }, 'rebalance failed');
    const message = err instanceof PlanRefusedError ? err.reason : ((err as Error).message ?? String(err));
    io.stderr(`Rebalance failed: ${message}\n`);
    return EXIT_FAILURE;
  } finally {
    if (session !== undefined) await closeRun(session, logger);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  runRebalanceCli(
    process.argv.slice(2),
    {
      stdout: (t) => process.stdout.write(t),
      stderr: (t) => process.stderr.write(t),
      readFile: (p) => readFile(p, 'utf8'),
      env: process.env,
    },
    { signal: controller.signal },
  ).then((code) => {
    process.exitCode = code;
    // BullMQ and ioredis may keep handles a moment longer; nothing is left to do.
    setTimeout(() => process.exit(code), 1_000).unref();
  });
}
