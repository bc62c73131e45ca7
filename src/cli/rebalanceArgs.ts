import { parseArgs } from 'node:util';

export const REBALANCE_USAGE = `Usage: npm run rebalance -- --settings FILE [--dry-run]
  --settings  JSON settings file: { "weights": {"005930": 30}, "excluded": [], "added": ["373220"], "cashPct": 0,
              "sellSplit": 10, "buySplit": 10, "sellEnabled": true, "buyEnabled": true }
  --dry-run   print the plan and exit; nothing is placed
An unfinished plan of the account is resumed instead of planning anew, except with BROKER=paper: the in-process
paper exchange starts fresh from its account file on every run.`;

/** What the rebalance CLI was asked. */
export type RebalanceArgs =
  | { readonly kind: 'run'; readonly settingsPath: string; readonly dryRun: boolean }
  | { readonly kind: 'help' }
  /** Refused, with the message to print (it ends with the usage). */
  | { readonly kind: 'bad'; readonly message: string };

/** Reads `npm run rebalance`'s arguments (those after `--`). */
export function parseRebalanceArgs(argv: readonly string[]): RebalanceArgs {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: { settings: { type: 'string' }, 'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    });
    if (values.help === true) return { kind: 'help' };
    if (values.settings === undefined || values.settings.trim() === '') {
      return { kind: 'bad', message: `--settings FILE is required.\n${REBALANCE_USAGE}` };
    }
    return { kind: 'run', settingsPath: values.settings, dryRun: values['dry-run'] === true };
  } catch (err) {
    return { kind: 'bad', message: `${(err as Error).message}.\n${REBALANCE_USAGE}` };
  }
}
