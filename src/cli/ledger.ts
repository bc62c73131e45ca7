import { pathToFileURL } from 'node:url';
import pino from 'pino';
import { adoptBrokerOrder, markNeverPlaced } from '../app/awaitingPerson.ts';
import { listLedgerEntries } from '../app/ledgerEntries.ts';
import { type LedgerSession, type OpenLedgerOptions, openLedger } from '../app/openLedger.ts';
import { ConfigError } from '../config/ConfigError.ts';
import { type Config, loadConfig } from '../config/config.ts';
import { createLogger, type Logger } from '../logging/logger.ts';
import { EXIT_BAD_INPUT, EXIT_DONE, EXIT_FAILURE } from './exitCodes.ts';
import { LEDGER_USAGE, parseLedgerCommand } from './ledgerArgs.ts';
import { listLines, resolveText } from './ledgerText.ts';

/**
 * `npm run ledger -- list [--all]` and `npm run ledger -- resolve RECORD_ID (--order-no NNNNNNN | --not-placed)
 * [--yes]`: the person's side of the order ledger. The engine leaves a record `unknown` when it cannot tell on its
 * own what became of a request (two broker orders fit it, the broker's order number is owned by another record, it
 * was sent on an earlier day); such a record holds its phase open until a person settles it here. Every settlement
 * is checked against the broker's lists, goes through the engine's own ledger changes, is logged and appends a
 * `resolved` event to the account's outbox (src/app/awaitingPerson.ts, shared with the bot's /ledger); this file
 * reads the command and writes the words (ledgerArgs.ts, ledgerText.ts).
 *
 * For BROKER=kiwoom accounts (the account id is the rebalance CLI's, see createBroker). BROKER=paper is refused:
 * the in-process paper account lives only as long as one run, so there is nothing left to settle afterwards.
 * Exit codes: 0 done, 2 bad input or a refused/unconfirmed settlement (nothing changed), 1 failure.
 */

/** What the CLI touches, injectable for tests. */
export interface LedgerCliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Seams for tests; `npm run ledger` uses none of them. */
export type LedgerCliDeps = Partial<Omit<OpenLedgerOptions, 'logger'>> & { readonly logger?: Logger };

/** Runs the ledger CLI with `argv` (the arguments after `--`). Resolves with the exit code; never throws. */
export async function runLedgerCli(
  argv: readonly string[],
  io: LedgerCliIo,
  deps: LedgerCliDeps = {},
): Promise<number> {
  const out = (line: string) => io.stdout(`${line}\n`);
  const cmd = parseLedgerCommand(argv);
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
  let session: LedgerSession | undefined;
  try {
    session = await openLedger(config, { ...deps, logger });
    if (cmd.kind === 'list') {
      for (const line of listLines(session.accountId, await listLedgerEntries(session, { all: cmd.all }), cmd.all))
        out(line);
      return EXIT_DONE;
    }
    const result =
      cmd.kind === 'order-no'
        ? await adoptBrokerOrder(session, cmd.id, cmd.orderNo)
        : await markNeverPlaced(session, cmd.id, cmd.yes);
    if (result.kind === 'refused' && result.refusal.code === 'no-record') {
      io.stderr(
        `No ledger record ${cmd.id} in account ${session.accountId} (see npm run ledger -- list).\n${LEDGER_USAGE}\n`,
      );
      return EXIT_BAD_INPUT;
    }
    const text = resolveText(result);
    if (text.out !== undefined) out(text.out);
    if (text.err !== undefined) io.stderr(`${text.err}\n`);
    return result.kind === 'done' ? EXIT_DONE : EXIT_BAD_INPUT;
  } catch (err) {
    logger.error({ err }, 'ledger command failed');
    io.stderr(`Ledger command failed: ${(err as Error).message ?? String(err)}\n`);
    return EXIT_FAILURE;
  } finally {
    await session?.close();
  }
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
