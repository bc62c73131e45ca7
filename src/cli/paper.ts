import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError } from '../config/ConfigError.ts';
import { loadConfig } from '../config/config.ts';
import type { OrderSessionMode } from '../domain/orderSession.ts';
import { createLogger } from '../logging/logger.ts';
import { readPaperAccountFile } from '../paper/PaperAccountFile.ts';
import { PaperAccountFileError } from '../paper/PaperAccountFileError.ts';
import { startPaperServer } from '../paper/paperServer.ts';
import { UsageError } from './UsageError.ts';

/**
 * `npm run paper -- --port PORT --account FILE [--seed N] [--auto-step-ms MS] [--liquidity N]
 * [--session always|krx]`: runs the paper
 * exchange alone on 127.0.0.1:PORT, speaking the Kiwoom REST protocol (any appkey/secretkey gets a token), and
 * prints its URL. Bad arguments or a bad account file: a message on stderr and exit code 2.
 */

export const PAPER_USAGE = `Usage: npm run paper -- --port PORT --account FILE [--seed N] [--auto-step-ms MS] [--liquidity N] [--session S]
  --port          loopback port to listen on (0 = any free port)
  --account       JSON account file, e.g. examples/paper-account.json
  --seed          seed of the price paths (default 1; same seed, same prices)
  --auto-step-ms  move prices and match orders every MS milliseconds (default 2000; 0 = never)
  --liquidity     most shares one order fills per price step (default 500)
  --session       trading hours: always (default, any hour) or krx (orders refused outside the KRX regular session)`;

/** Parsed command line. */
export interface PaperCliArgs {
  readonly port: number;
  readonly account: string;
  readonly seed: number;
  readonly autoStepMs: number;
  readonly liquidity: number;
  readonly session: OrderSessionMode;
}

/** Parses and validates the arguments (after `--`). Throws UsageError naming the bad argument. */
export function parsePaperArgs(argv: readonly string[]): PaperCliArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        account: { type: 'string' },
        seed: { type: 'string' },
        'auto-step-ms': { type: 'string' },
        liquidity: { type: 'string' },
        session: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const port = wholeNumber(values.port, '--port', { min: 0, max: 65_535 });
  const account = values.account;
  if (typeof account !== 'string' || account.trim() === '') throw new UsageError('--account FILE is required');
  const session = values.session ?? 'always';
  if (session !== 'always' && session !== 'krx') {
    throw new UsageError(`--session must be always or krx: ${String(session)}`);
  }
  return {
    port,
    account,
    session,
    seed: wholeNumber(values.seed, '--seed', { min: 0, max: 4_294_967_295, fallback: 1 }),
    autoStepMs: wholeNumber(values['auto-step-ms'], '--auto-step-ms', { min: 0, max: 86_400_000, fallback: 2_000 }),
    liquidity: wholeNumber(values.liquidity, '--liquidity', { min: 1, max: 100_000_000, fallback: 500 }),
  };
}

/** `raw` as a whole number within the rule; without a fallback the flag is required. Throws UsageError. */
function wholeNumber(
  raw: string | boolean | undefined,
  flag: string,
  rule: { min: number; max: number; fallback?: number },
): number {
  if (raw === undefined) {
    if (rule.fallback === undefined) throw new UsageError(`${flag} is required`);
    return rule.fallback;
  }
  if (typeof raw !== 'string' || !/^\d+$/.test(raw))
    throw new UsageError(`${flag} must be a whole number: ${String(raw)}`);
  const n = Number(raw);
  if (n < rule.min || n > rule.max) throw new UsageError(`${flag} must be between ${rule.min} and ${rule.max}: ${raw}`);
  return n;
}

/** Runs the CLI; resolves with the exit code when it cannot start, or keeps running until SIGINT/SIGTERM. */
export async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${PAPER_USAGE}\n`);
    return 0;
  }
  let args: PaperCliArgs;
  let level: string;
  try {
    args = parsePaperArgs(argv);
    level = loadConfig(['base']).LOG_LEVEL;
  } catch (err) {
    if (err instanceof UsageError || err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n${PAPER_USAGE}\n`);
      return 2;
    }
    throw err;
  }
  let account: Awaited<ReturnType<typeof readPaperAccountFile>>;
  try {
    account = await readPaperAccountFile(args.account);
  } catch (err) {
    if (err instanceof PaperAccountFileError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const logger = createLogger({ level, pretty: process.stdout.isTTY === true });
  let server: Awaited<ReturnType<typeof startPaperServer>>;
  try {
    server = await startPaperServer({
      account,
      port: args.port,
      seed: args.seed,
      autoStepMs: args.autoStepMs,
      liquidityPerStep: args.liquidity,
      session: args.session,
      logger,
    });
  } catch (err) {
    process.stderr.write(`Cannot listen on 127.0.0.1:${args.port}: ${(err as Error).message}\n`);
    return 2;
  }
  process.stdout.write(`Paper exchange (Kiwoom REST protocol) listening on ${server.url}\n`);
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return new Promise<number>(() => {});
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
      process.exit(1);
    },
  );
}
