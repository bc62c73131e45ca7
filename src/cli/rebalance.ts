import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Redis } from 'ioredis';
import pino from 'pino';
import type { EngineOptions } from '../../jobs/EngineOptions.ts';
import { awaitsPerson } from '../../jobs/manualResolve.ts';
import type { OrderContext } from '../../jobs/OrderContext.ts';
import type { BrokerHandle } from '../app/brokerFactory.ts';
import { discardAccountState } from '../app/discardAccountState.ts';
import { PlanRefusedError } from '../app/errors/index.ts';
import { followPlan, outboxCursor } from '../app/followPlan.ts';
import { type AccountSession, openAccount } from '../app/openAccount.ts';
import { planFromAccount } from '../app/planFromAccount.ts';
import { planOutcome } from '../app/planOutcome.ts';
import { type Config, ConfigError, loadConfig } from '../config/config.ts';
import { FINAL_STATES } from '../domain/LedgerRecord.ts';
import type { Plan } from '../domain/types.ts';
import { createLogger, type Logger } from '../logging/logger.ts';
import { settingsSchema } from '../schemas/settingsSchema.ts';
import type { EventOutbox } from '../store/EventOutbox.ts';
import { DEFAULT_BULL_PREFIX } from '../store/keys.ts';
import type { StoredPlan } from '../store/PlanStore.ts';
import { formatEvent, formatPlan, formatReport, formatSummary } from './formatProgress.ts';
import { settleHint } from './ledger.ts';
import { readJsonFile } from './readJsonFile.ts';

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
 * Config sections: broker, redis, engine (no Telegram). Exit codes: 0 done, 2 bad input (arguments, settings file,
 * configuration, a plan the planner refuses), 1 failure (broker, Redis, kill switch thrown, interrupted).
 */

export const REBALANCE_USAGE = `Usage: npm run rebalance -- --settings FILE [--dry-run]
  --settings  JSON settings file: { "weights": {"005930": 30}, "excluded": [], "added": ["373220"], "cashPct": 0,
              "sellSplit": 10, "buySplit": 10, "sellEnabled": true, "buyEnabled": true }
  --dry-run   print the plan and exit; nothing is placed
An unfinished plan of the account is resumed instead of planning anew, except with BROKER=paper: the in-process
paper exchange starts fresh from its account file on every run.`;

/** Exit code: the plan is done (or the dry run printed). */
export const EXIT_DONE = 0;
/** Exit code: broker, Redis, kill switch thrown, interrupted. */
export const EXIT_FAILURE = 1;
/** Exit code: bad arguments, settings file or configuration, or a plan the planner refuses; nothing was placed. */
export const EXIT_BAD_INPUT = 2;

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
  readonly engine?: Partial<Omit<EngineOptions, 'redis' | 'accountId' | 'broker' | 'config'>>;
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

  let settingsPath: string;
  let dryRun: boolean;
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: { settings: { type: 'string' }, 'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    });
    if (values.help === true) {
      out(REBALANCE_USAGE);
      return EXIT_DONE;
    }
    if (values.settings === undefined || values.settings.trim() === '') {
      return bad(`--settings FILE is required.\n${REBALANCE_USAGE}`);
    }
    settingsPath = values.settings;
    dryRun = values['dry-run'] === true;
  } catch (err) {
    return bad(`${(err as Error).message}.\n${REBALANCE_USAGE}`);
  }

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
    if (handle.ephemeral === true) {
      out(
        `Paper trading on account ${accountId}: the in-process paper exchange starts fresh from its account file on every run, so nothing of an earlier run is resumed, and this run's state is discarded when it ends.`,
      );
      out(
        'To resume across runs, run the exchange on its own (npm run paper) and use BROKER=kiwoom with KIWOOM_BASE_URL.',
      );
    }
    const unfinished = await engine.orders.plans.getActive();

    if (dryRun) {
      if (unfinished !== undefined) {
        out(
          `An unfinished plan ${unfinished.id} (${unfinished.status}) of account ${accountId} is in Redis: a run would resume it.`,
        );
        printPlan(unfinished.plan);
        return EXIT_DONE;
      }
      const plan = await planFromAccount(session.broker, settings, session.fees);
      printPlan(plan);
      out('Dry run: nothing was placed.');
      return EXIT_DONE;
    }

    if ((await engine.orders.halt.get()) !== undefined) {
      io.stderr(`The kill switch of account ${accountId} is thrown; release it (/resume) before running.\n`);
      return EXIT_FAILURE;
    }

    const outbox = engine.orders.outbox;
    const cursor = await outboxCursor(outbox);
    // Recovery first: every record left unfinished by an earlier run is settled with the broker before anything is sent.
    const recovered = await engine.start();
    if (recovered.found + recovered.notPlaced + recovered.ambiguous + recovered.pendingSettled > 0) {
      out(
        `Recovered the ledger: ${recovered.found} order(s) found at the broker, ${recovered.notPlaced} not placed, ${recovered.ambiguous} ambiguous.`,
      );
    }

    let planId: string;
    if (unfinished !== undefined) {
      planId = unfinished.id;
      out(
        `Resuming unfinished plan ${planId} of account ${accountId} (approved ${when(unfinished)}); the settings file is not used for it.`,
      );
      printPlan(unfinished.plan);
    } else {
      let plan: Plan;
      try {
        plan = await planFromAccount(session.broker, settings, session.fees);
      } catch (err) {
        if (err instanceof PlanRefusedError) return bad(`Cannot plan with ${settingsPath}: ${err.reason}`);
        throw err;
      }
      printPlan(plan);
      if (plan.sells.length === 0 && plan.buys.length === 0) {
        out('Nothing to trade: the account is on its targets as far as whole shares allow.');
        return EXIT_DONE;
      }
      planId = await engine.approve(plan, { settings });
    }
    await engine.runNow();

    const hint = personHint(engine.orders, planId, out, deps.personHintEveryMs ?? 5 * 60_000);
    const outcome = await tail(outbox, cursor, planId, out, deps.signal, deps.tailEveryMs ?? 200, hint);
    const fresh = handle.ephemeral === true;
    if (outcome === 'halted') {
      io.stderr(
        fresh
          ? 'Stopped: the kill switch was thrown. This paper run cannot be resumed: the next run starts fresh.\n'
          : 'Stopped: the kill switch was thrown. Run the same command after /resume to finish the plan.\n',
      );
      return EXIT_FAILURE;
    }
    if (outcome === 'aborted') {
      io.stderr(
        fresh
          ? 'Interrupted: the order in flight was finished. The paper exchange ends with this run: the next run starts fresh.\n'
          : 'Interrupted: the order in flight was finished. Run the same command again to finish the plan.\n',
      );
      return EXIT_FAILURE;
    }
    await printSummaries(session, planId, out, logger);
    return EXIT_DONE;
  } catch (err) {
    logger.error({ err }, 'rebalance failed');
    const message = err instanceof PlanRefusedError ? err.reason : ((err as Error).message ?? String(err));
    io.stderr(`Rebalance failed: ${message}\n`);
    return EXIT_FAILURE;
  } finally {
    if (session !== undefined) {
      const { accountId, handle, redis } = session;
      const bullPrefix = session.engine.orders.prefix ?? deps.engine?.prefix ?? DEFAULT_BULL_PREFIX;
      // Stopping keeps Redis open when the caller gave it; otherwise discarding needs it before it closes.
      const { engineStopped } = await stopEngine(session, logger);
      // The in-process paper account is gone with this run: drop its ledger, plans and queues rather than leave
      // them in Redis for ever (its id is never used again). Not while a worker might still be running.
      if (handle.ephemeral === true && engineStopped) {
        await discardAccountState(redis, accountId, bullPrefix).catch((err: unknown) =>
          logger.warn({ err, accountId }, 'could not discard the paper account state'),
        );
      }
      await session.close();
    }
  }
}

/**
 * Stops the engine alone and ends its own Redis connection (Engine.close); the session closes the caller's Redis and
 * the broker after the paper state is discarded.
 */
async function stopEngine(session: AccountSession, logger: Logger): Promise<{ engineStopped: boolean }> {
  try {
    await session.engine.close();
    return { engineStopped: true };
  } catch (err) {
    logger.error({ err }, 'error while stopping the engine');
    return { engineStopped: false };
  }
}

type TailOutcome = 'done' | 'halted' | 'aborted';

/** Prints the plan's events from `cursor` until the plan is done, the kill switch is thrown, or the signal aborts. */
async function tail(
  outbox: EventOutbox,
  from: string,
  planId: string,
  out: (line: string) => void,
  signal: AbortSignal | undefined,
  everyMs: number,
  idle: () => Promise<void>,
): Promise<TailOutcome> {
  let cursor = from;
  for (;;) {
    const read = await followPlan(outbox, cursor, planId);
    const moved = read.cursor !== cursor;
    cursor = read.cursor;
    for (const stored of read.events) for (const line of formatEvent(stored.event)) out(line);
    if (read.outcome !== undefined) return read.outcome;
    if (signal?.aborted) return 'aborted';
    if (!moved) {
      await idle();
      await sleep(everyMs, signal);
    }
  }
}

/**
 * While the plan's every remaining record waits on a person (unknown, and no automatic resolution is possible, see
 * awaitsPerson), prints which and the `npm run ledger` commands that settle them: at once, when the set changes,
 * and again every `remindMs`. The run itself keeps waiting: the engine goes on as soon as they are settled.
 */
function personHint(
  ctx: OrderContext,
  planId: string,
  out: (line: string) => void,
  remindMs: number,
): () => Promise<void> {
  let checkedAt = 0;
  let printedAt = 0;
  let printed = '';
  return async () => {
    const now = Date.now();
    if (now - checkedAt < 1_000) return;
    checkedAt = now;
    const live = (await ctx.ledger.listByPlan(planId)).filter((r) => !FINAL_STATES.has(r.state));
    if (live.length === 0 || !live.every((r) => awaitsPerson(r, now, ctx.settings.settleMs))) {
      printed = '';
      return;
    }
    const key = live.map((r) => r.id).join(' ');
    if (key === printed && now - printedAt < remindMs) return;
    printed = key;
    printedAt = now;
    for (const line of settleHint(live)) out(line);
  };
}

/**
 * The phase summaries of a plan, computed from the ledger (so a resumed run reports the whole plan), then the
 * post-trade report of the account as it is now against the plan's targets (or why there is none).
 */
async function printSummaries(
  session: AccountSession,
  planId: string,
  out: (line: string) => void,
  logger: Logger,
): Promise<void> {
  const outcome = await planOutcome(session.engine.orders, session.broker, planId);
  out('Summary:');
  for (const side of ['sell', 'buy'] as const) {
    for (const line of formatSummary(outcome.summaries[side])) out(`  ${line}`);
  }
  if (outcome.report !== undefined) {
    for (const line of formatReport(outcome.report, 'Post-trade')) out(`  ${line}`);
  } else if (outcome.reportError !== undefined) {
    logger.warn({ planId, err: outcome.reportError }, 'post-trade report missing');
    out(`  Post-trade report unavailable: ${outcome.reportError}`);
  }
}

function when(plan: StoredPlan): string {
  return plan.approvedAt === undefined ? 'earlier' : new Date(plan.approvedAt).toISOString();
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
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
