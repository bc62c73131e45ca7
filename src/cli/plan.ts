import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { sections } from '../config/config.ts';
import { PlanError } from '../domain/PlanError.ts';
import { planRebalance } from '../domain/planRebalance.ts';
import type { FeeRates, Position } from '../domain/types.ts';
import { type PlanInputFile, planInputSchema } from '../schemas/planInputSchema.ts';
import { EXIT_BAD_INPUT } from './exitCodes.ts';
import { readJsonFile } from './readJsonFile.ts';

/**
 * `npm run plan -- --input FILE`: prints the rebalance plan of the account and settings in FILE as JSON (sells and
 * buys legs with per-round quantities, excluded holdings, projected weights and cash, tracking error before and
 * after and without the drift band, estimated commission and tax, legs the band and the minimum dropped). Pure computation: no broker,
 * no Redis, no Telegram. Fee rates come from COMMISSION_PPM and SELL_TAX_PPM (defaults 150 and 2000).
 * Exit 0 with the plan on stdout; exit 2 with a one-paragraph reason on stderr for bad arguments, an unreadable or
 * malformed file, input the schema rejects, or input the planner refuses (e.g. an added code without a quote).
 */

/** Usage text printed with --help and after an argument error. */
export const PLAN_USAGE = `Usage: npm run plan -- --input FILE
  --input  JSON file: { "account": { "deposit", "positions": [{ "code", "name", "qty", "price" }] },
           "quotes": [{ "code", "name", "price" }], "settings": { "weights", "excluded", "added", "cashPct",
           "sellSplit", "buySplit", "sellEnabled", "buyEnabled", "driftBandPp", "minTradeValue" } }
           (example: examples/plan-input.json; driftBandPp: leave members within target ± this many percentage
           points alone; minTradeValue: no leg worth fewer won; both default to 0, off)`;

/** What the CLI touches, injectable for tests. */
export interface PlanCliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readFile: (path: string) => Promise<string>;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Runs the plan CLI with `argv` (the arguments after `--`). Resolves with the exit code; never throws. */
export async function runPlanCli(argv: readonly string[], io: PlanCliIo): Promise<number> {
  const fail = (message: string): number => {
    io.stderr(`${message}\n`);
    return EXIT_BAD_INPUT;
  };

  let path: string;
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: { input: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    });
    if (values.help === true) {
      io.stdout(`${PLAN_USAGE}\n`);
      return 0;
    }
    if (values.input === undefined || values.input.trim() === '')
      return fail(`--input FILE is required.\n${PLAN_USAGE}`);
    path = values.input;
  } catch (err) {
    return fail(`${(err as Error).message}.\n${PLAN_USAGE}`);
  }

  const fees = feeRatesFromEnv(io.env);
  if (typeof fees === 'string') return fail(fees);

  const read = await readJsonFile(path, 'input file', planInputSchema, io.readFile);
  if (!read.ok) return fail(read.reason);

  try {
    const plan = planRebalance({ ...toDomain(read.value), fees });
    io.stdout(`${formatPlanJson(plan)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof PlanError) return fail(`Cannot plan ${path}: ${err.message}`);
    io.stderr(`Unexpected error while planning: ${(err as Error).stack ?? String(err)}\n`);
    return 1;
  }
}

/** Pretty JSON with arrays of numbers (the rounds) kept on one line, so a leg reads as one block. */
export function formatPlanJson(plan: unknown): string {
  return JSON.stringify(plan, null, 2).replace(
    /\[\s*(-?\d+(?:\s*,\s*-?\d+)*)\s*\]/g,
    (_, list: string) => `[${list.split(/\s*,\s*/).join(', ')}]`,
  );
}

/** Reads the fee settings the engine uses, so a plan costs trades as the engine will. @returns rates or a reason. */
function feeRatesFromEnv(env: Readonly<Record<string, string | undefined>>): FeeRates | string {
  // Empty values count as unset, as in loadConfig.
  const clean = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = sections.engine.pick({ COMMISSION_PPM: true, SELL_TAX_PPM: true }).safeParse(clean);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join('; ');
    return `Invalid fee configuration: ${problems}`;
  }
  return { commissionPpm: result.data.COMMISSION_PPM, sellTaxPpm: result.data.SELL_TAX_PPM };
}

/** Drops the `sellableQty: undefined` a schema leaves on positions (exactOptionalPropertyTypes). */
function toDomain(input: PlanInputFile): Omit<Parameters<typeof planRebalance>[0], 'fees'> {
  const positions: Position[] = input.account.positions.map(({ sellableQty, ...p }) =>
    sellableQty === undefined ? p : { ...p, sellableQty },
  );
  return { account: { deposit: input.account.deposit, positions }, quotes: input.quotes, settings: input.settings };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runPlanCli(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    readFile: (p) => readFile(p, 'utf8'),
    env: process.env,
  }).then((code) => {
    process.exitCode = code;
  });
}
