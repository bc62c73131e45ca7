import { parseArgs } from 'node:util';

export const LEDGER_USAGE = `Usage: npm run ledger -- list [--all]
       npm run ledger -- resolve RECORD_ID (--order-no NNNNNNN | --not-placed) [--yes]
  list          records waiting for a person (unknown, or holding an order number they could not claim), with the
                broker's candidate orders; --all lists every live record
  --order-no N  the record's request became broker order N (same code, side and quantity, owned by no other record)
  --not-placed  the request never became an order: the record is queued and sent again (asks for --yes first)
For BROKER=kiwoom accounts (the same account as npm run rebalance).`;

/** What the ledger CLI was asked. */
export type LedgerCommand =
  | { readonly kind: 'list'; readonly all: boolean }
  | { readonly kind: 'order-no'; readonly id: string; readonly orderNo: string }
  | { readonly kind: 'not-placed'; readonly id: string; readonly yes: boolean };

/** The command, 'help', or the one-line reason the arguments were refused. */
export function parseLedgerCommand(argv: readonly string[]): LedgerCommand | 'help' | string {
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
