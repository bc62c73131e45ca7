import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Redis } from 'ioredis';
import pino from 'pino';
import { defaultSettleMs } from '../../jobs/defaultSettleMs.ts';
import {
  type BrokerCandidate,
  type BrokerLists,
  brokerCandidates,
  needsPerson,
  type ResolveRefusal,
  type ResolveResult,
  readBrokerLists,
  resolveByOrderNo,
  resolveNotPlaced,
} from '../../jobs/manualResolve.ts';
import { closeOrderContext, createOrderContext, type OrderContext } from '../../jobs/OrderContext.ts';
import { pollSettings } from '../../jobs/pollSettings.ts';
import { type BrokerHandle, createBroker } from '../app/brokerFactory.ts';
import { type Config, ConfigError, loadConfig } from '../config/config.ts';
import { kstTimestamp } from '../domain/kstClock.ts';
import type { LedgerRecord } from '../domain/LedgerRecord.ts';
import { createLogger, type Logger } from '../logging/logger.ts';
import { createRedis } from '../store/redis.ts';

/**
 * `npm run ledger -- list [--all]` and `npm run ledger -- resolve RECORD_ID (--order-no NNNNNNN | --not-placed)
 * [--yes]`: the person's side of the order ledger. The engine leaves a record `unknown` when it cannot tell on its
 * own what became of a request (two broker orders fit it, the broker's order number is owned by another record, it
 * was sent on an earlier day); such a record holds its phase open until a person settles it here. Every settlement
 * is checked against the broker's lists, goes through the engine's own ledger changes, is logged and appends a
 * `resolved` event to the account's outbox.
 *
 * For BROKER=kiwoom accounts (the account id is the rebalance CLI's, see createBroker). BROKER=paper is refused:
 * the in-process paper account lives only as long as one run, so there is nothing left to settle afterwards.
 * Exit codes: 0 done, 2 bad input or a refused/unconfirmed settlement (nothing changed), 1 failure.
 */

export const LEDGER_USAGE = `Usage: npm run ledger -- list [--all]
       npm run ledger -- resolve RECORD_ID (--order-no NNNNNNN | --not-placed) [--yes]
  list          records waiting for a person (unknown, or holding an order number they could not claim), with the
                broker's candidate orders; --all lists every live record
  --order-no N  the record's request became broker order N (same code, side and quantity, owned by no other record)
  --not-placed  the request never became an order: the record is queued and sent again (asks for --yes first)
For BROKER=kiwoom accounts (the same account as npm run rebalance).`;

/** What the CLI touches, injectable for tests. */
export interface LedgerCliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Seams for tests; `npm run ledger` uses none of them. */
export interface LedgerCliDeps {
  readonly createBroker?: (config: Config<'broker'>, logger: Logger) => Promise<BrokerHandle>;
  /** A Redis connection to use (the caller keeps it); default a new one to REDIS_URL, closed at the end. */
  readonly redis?: Redis;
  /** BullMQ prefix of the order queue (default `rb`). */
  readonly prefix?: string;
  /** Settle time of a lost request (default as the engine: defaultSettleMs of the config). */
  readonly settleMs?: number;
  readonly logger?: Logger;
}

type Command =
  | { readonly kind: 'list'; readonly all: boolean }
  | { readonly kind: 'order-no'; readonly id: string; readonly orderNo: string }
  | { readonly kind: 'not-placed'; readonly id: string; readonly yes: boolean };

const EXIT_DONE = 0;
const EXIT_FAILURE = 1;
const EXIT_BAD_INPUT = 2;

/** Runs the ledger CLI with `argv` (the arguments after `--`). Resolves with the exit code; never throws. */
export async function runLedgerCli(
  argv: readonly string[],
  io: LedgerCliIo,
  deps: LedgerCliDeps = {},
): Promise<number> {
  const out = (line: string) => io.stdout(`${line}\n`);
  const cmd = parseCommand(argv);
  if (cmd === 'help') {
    out(LEDGER_USAGE);
    return EXIT_DONE;
  }
  if (typeof cmd === 'string') {
    io.stderr(`${cmd}\n${LEDGER_USAGE}\n`);
    return EXIT_BAD_INPUT;
  }
  let config: Config<'broker' | 'redis' | 'engine'>;
  try {
    config = loadConfig(['broker', 'redis', 'engine'], io.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.stderr(`${err.message}\n`);
      return EXIT_BAD_INPUT;
    }
    throw err;
  }
  if (config.BROKER === 'paper') {
    io.stderr(
      'npm run ledger is for BROKER=kiwoom accounts: the in-process paper account (BROKER=paper) is new on every run and discarded at its end, so it has no records to settle. For a paper exchange that outlives runs, use npm run paper with BROKER=kiwoom KIWOOM_BASE_URL=http://127.0.0.1:PORT.\n',
    );
    return EXIT_BAD_INPUT;
  }
  const logger = deps.logger ?? createLogger({ level: config.LOG_LEVEL }, pino.destination({ dest: 2, sync: true }));
  let handle: BrokerHandle | undefined;
  let redis: Redis | undefined;
  let ctx: OrderContext | undefined;
  try {
    handle = await (
      deps.createBroker ??
      ((c, l) =>
        createBroker(c, {
          logger: l,
          kiwoom: { orderTimeoutMs: config.ORDER_TIMEOUT_MS, tokenTimeoutMs: config.ORDER_TIMEOUT_MS },
        }))
    )(config, logger);
    redis = deps.redis ?? createRedis(config.REDIS_URL);
    ctx = createOrderContext({
      redis,
      accountId: handle.accountId,
      broker: handle.broker,
      settings: {
        orderIntervalMs: config.ORDER_INTERVAL_MS,
        maxOrderValue: config.MAX_ORDER_VALUE,
        orderType: config.ORDER_TYPE,
        settleMs: deps.settleMs ?? defaultSettleMs(config),
        ...pollSettings(config),
      },
      ...(deps.prefix !== undefined ? { prefix: deps.prefix } : {}),
      logger,
    });
    if (cmd.kind === 'list') return await list(ctx, cmd.all, out);
    if ((await ctx.ledger.get(cmd.id)) === undefined) {
      io.stderr(
        `No ledger record ${cmd.id} in account ${handle.accountId} (see npm run ledger -- list).\n${LEDGER_USAGE}\n`,
      );
      return EXIT_BAD_INPUT;
    }
    const result =
      cmd.kind === 'order-no'
        ? await resolveByOrderNo(ctx, cmd.id, cmd.orderNo)
        : await resolveNotPlaced(ctx, cmd.id, cmd.yes);
    return report(result, out, io.stderr);
  } catch (err) {
    logger.error({ err }, 'ledger command failed');
    io.stderr(`Ledger command failed: ${(err as Error).message ?? String(err)}\n`);
    return EXIT_FAILURE;
  } finally {
    if (ctx !== undefined) await closeOrderContext(ctx).catch(() => {});
    if (deps.redis === undefined) await redis?.quit().catch(() => {});
    await handle?.close().catch(() => {});
  }
}

/**
 * The lines telling a person how to settle records the engine waits on (printed by the rebalance CLI while a plan
 * waits on them): one line per record with its reason, and the commands.
 */
export function settleHint(records: readonly LedgerRecord[]): string[] {
  const lines = [
    `Waiting for a person: ${records.length} record(s) cannot be settled automatically. See them with: npm run ledger -- list`,
  ];
  for (const r of records) {
    const id = r.id ?? '?';
    lines.push(`  ${id}: ${r.error ?? 'outcome unknown'}`);
    if (r.unclaimedOrderNo !== undefined) {
      lines.push(`    npm run ledger -- resolve ${id} --order-no ${r.unclaimedOrderNo}   (once its owner lets it go)`);
    } else {
      lines.push(`    npm run ledger -- resolve ${id} --order-no NNNNNNN   (the broker order it became)`);
      lines.push(`    npm run ledger -- resolve ${id} --not-placed   (it never became an order)`);
    }
  }
  return lines;
}

async function list(ctx: OrderContext, all: boolean, out: (line: string) => void): Promise<number> {
  const live = await ctx.ledger.listLive();
  const records = all ? live : live.filter(needsPerson);
  if (records.length === 0) {
    out(`Account ${ctx.accountId}: ${all ? 'no live records' : 'no records wait for a person'}.`);
    return EXIT_DONE;
  }
  out(
    `Account ${ctx.accountId}: ${records.length} ${all ? 'live record(s)' : 'record(s) waiting for a person'} (times KST):`,
  );
  const now = Date.now();
  let lists: BrokerLists | undefined;
  for (const r of records) {
    const id = r.id ?? '?';
    out(
      `${id}  ${r.state}  plan ${r.planId}  ${r.side} ${r.code} ${r.name}  round ${r.round}  ${r.qty} sh at ${r.price}  sent ${
        r.sentAt === undefined ? '-' : formatKst(r.sentAt)
      }${r.orderNo !== undefined ? `  order ${r.orderNo}` : ''}  filled ${r.filledQty}`,
    );
    if (r.error !== undefined) out(`  reason: ${r.error}`);
    if (r.unclaimedOrderNo !== undefined) {
      const owner = await ctx.ledger.findByOrderNo(r.unclaimedOrderNo);
      out(
        `  accepted order ${r.unclaimedOrderNo}${owner?.id !== undefined && owner.id !== id ? `, owned by record ${owner.id}` : ''}`,
      );
    }
    if (r.state !== 'unknown' || r.unclaimedOrderNo !== undefined) continue;
    lists ??= await readBrokerLists(ctx);
    const found = brokerCandidates(ctx, r, lists, now);
    if (found.earlierDay !== undefined) {
      out(`  candidates: none (sent on ${found.earlierDay}; today's broker lists cannot hold its order)`);
    } else if (found.candidates.length === 0) {
      out('  candidates: none listed by the broker');
    } else {
      for (const c of found.candidates) out(`  candidate: ${formatCandidate(c)}`);
    }
  }
  return EXIT_DONE;
}

function report(result: ResolveResult, out: (line: string) => void, err: (text: string) => void): number {
  if (result.kind === 'done') {
    const r = result.record;
    const id = r.id ?? '?';
    if (result.resolution === 'adopted') {
      out(`${id}: adopted order ${result.orderNo}; now ${r.state}, ${r.filledQty}/${r.qty} filled`);
    } else {
      out(
        `Marked ${notPlacedWhat(id, r)}${result.requeued ? '' : ' on its next start (npm run rebalance resumes the plan)'}.`,
      );
    }
    return EXIT_DONE;
  }
  if (result.kind === 'confirm') {
    out(`Would mark ${notPlacedWhat(result.record.id ?? '?', result.record)}. Run again with --yes to do it.`);
    return EXIT_BAD_INPUT;
  }
  err(`Refused: ${refusalText(result.refusal)}. Nothing was changed.\n`);
  return EXIT_BAD_INPUT;
}

/** What "not placed" does to a record, in words. */
function notPlacedWhat(id: string, rec: LedgerRecord): string {
  return `${id} (${rec.side} ${rec.code} round ${rec.round}, ${rec.qty} sh) goes back to queued and is sent again${
    rec.isLastRound ? ' with what remains of the leg' : ''
  } by the engine`;
}

/** Why a settlement was refused, in words. */
export function refusalText(r: ResolveRefusal): string {
  switch (r.code) {
    case 'no-record':
      return `no ledger record ${r.id} in account ${r.accountId}`;
    case 'not-unknown':
      return `record ${r.id} is ${r.state}, not unknown: nothing to settle`;
    case 'earlier-day':
      return `record ${r.id} was sent on ${r.day} (KST): today's broker lists cannot hold its order; settle it with the broker's statement of that day`;
    case 'owned-by-other':
      return `order ${r.orderNo} is owned by record ${r.ownerId} today`;
    case 'unclaimed-only':
      return `the broker gave this record's request order number ${r.unclaimedOrderNo}; only that order can be adopted for it`;
    case 'not-listed':
      return `the broker does not list order ${r.orderNo} today`;
    case 'mismatch':
      return `order ${r.orderNo} does not fit record ${r.id}: ${r.fields.map((f) => `${f.field} ${f.broker} (record: ${f.record})`).join(', ')}`;
    case 'not-a-request':
      return `order ${r.orderNo} cannot be this record's request: it is an amendment, cancel or rejected order, or was accepted before the request left`;
    case 'claimed-meanwhile':
      return `order ${r.orderNo} was claimed by another record meanwhile`;
    case 'changed-meanwhile':
      return `record ${r.id} changed meanwhile${r.outcome !== undefined ? ` (${r.outcome})` : ''}; nothing was done`;
    case 'holds-order':
      return `record ${r.id} holds broker order ${r.held ?? '(fills)'}: its request did become an order`;
    case 'too-early':
      return `the request of ${r.id} could still reach the broker; try again in ${r.retryInS} s`;
    case 'has-candidates':
      return `the broker lists ${r.candidates.map(formatCandidate).join('; ')} for ${r.id}: adopt one with --order-no instead`;
  }
}

/** One line for a candidate order. */
export function formatCandidate(c: BrokerCandidate): string {
  return `order ${c.orderNo} (${c.source}, ${c.qty} sh at ${c.price}, ${c.time.slice(0, 2)}:${c.time.slice(2, 4)}:${c.time.slice(4)} KST, ${c.filledQty} filled)`;
}

/** The command, 'help', or the one-line reason the arguments were refused. */
function parseCommand(argv: readonly string[]): Command | 'help' | string {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    return `${(err as Error).message}.`;
  }
  const { values, positionals } = parsed;
  if (values.help === true) return 'help';
  const [sub, id, ...rest] = positionals;
  if (sub === 'list') {
    if (positionals.length > 1) return `list takes no arguments: ${positionals.slice(1).join(' ')}`;
    if (values['order-no'] !== undefined || values['not-placed'] === true || values.yes === true) {
      return 'list takes only --all';
    }
    return { kind: 'list', all: values.all === true };
  }
  if (sub !== 'resolve')
    return sub === undefined ? 'A command is required: list or resolve.' : `Unknown command ${sub}.`;
  if (values.all === true) return 'resolve does not take --all.';
  if (id === undefined) return 'resolve needs a RECORD_ID (see npm run ledger -- list).';
  if (rest.length > 0) return `Unexpected arguments: ${rest.join(' ')}`;
  if (!/^[A-Za-z0-9_-]{1,160}$/.test(id)) return `Not a record id: ${JSON.stringify(id)}.`;
  const orderNo = values['order-no'];
  const notPlaced = values['not-placed'] === true;
  if (orderNo !== undefined && notPlaced) return 'Give either --order-no or --not-placed, not both.';
  if (orderNo === undefined && !notPlaced) return 'resolve needs --order-no NNNNNNN or --not-placed.';
  if (orderNo !== undefined) {
    if (!/^\d{7}$/.test(orderNo)) return `Not an order number (7 digits): ${JSON.stringify(orderNo)}.`;
    if (values.yes === true) return '--yes goes with --not-placed only.';
    return { kind: 'order-no', id, orderNo };
  }
  return { kind: 'not-placed', id, yes: values.yes === true };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      all: { type: 'boolean' },
      'order-no': { type: 'string' },
      'not-placed': { type: 'boolean' },
      yes: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: true,
  });
}

/** `YYYY-MM-DD HH:mm:ss` in KST. */
function formatKst(ms: number): string {
  const t = kstTimestamp(ms);
  return `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)} ${t.slice(8, 10)}:${t.slice(10, 12)}:${t.slice(12, 14)}`;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runLedgerCli(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
  }).then((code) => {
    process.exitCode = code;
    setTimeout(() => process.exit(code), 1_000).unref();
  });
}
