import { z } from 'zod';

/**
 * Callback data of the bot's own buttons (preview, stop, paper reset): ASCII, at most 64 bytes, parsed with zod;
 * anything else is refused (forged or foreign data). `pv|{planId}|{hash prefix}|{action}[|{tab}|{page}]`,
 * `st|{c|y|n}` (cancel open orders: ask, yes, no), `pr|{y|n}` (paper reset), `lg|{a|A|n|N|x}|{recordId}[|{orderNo}]`
 * (ledger: adopt, adopt confirmed, not placed, not placed confirmed, dismiss).
 */
export type ButtonData =
  | { readonly kind: 'preview'; readonly planId: string; readonly hash: string; readonly action: 'approve' | 'cancel' }
  | {
      readonly kind: 'preview';
      readonly planId: string;
      readonly hash: string;
      readonly action: 'view';
      readonly tab: PreviewTab;
      readonly page: number;
    }
  | { readonly kind: 'stop'; readonly step: 'ask' | 'yes' | 'no' }
  | { readonly kind: 'paper-reset'; readonly yes: boolean }
  /** ask/confirm adopting broker order `orderNo` for record `recordId`, or marking it never placed; `no` drops it. */
  | {
      readonly kind: 'ledger';
      readonly step: 'adopt' | 'adopt-yes' | 'not-placed' | 'not-placed-yes' | 'no';
      readonly recordId: string;
      readonly orderNo?: string;
    };

export type PreviewTab = 'sells' | 'buys' | 'excluded';

/** Length of the plan hash prefix a button carries. */
export const HASH_PREFIX_LENGTH = 12;

const TAB_CODE: Readonly<Record<PreviewTab, string>> = { sells: 's', buys: 'b', excluded: 'x' };
const TAB_OF: Readonly<Record<string, PreviewTab>> = { s: 'sells', b: 'buys', x: 'excluded' };

const previewPattern = /^pv\|([A-Za-z0-9_-]{1,40})\|([0-9a-f]{12})\|(a|c|v)(?:\|([sbx])\|(\d{1,3}))?$/;

const dataSchema = z
  .string()
  .max(64)
  .regex(/^[\x21-\x7e]+$/)
  .transform((s, ctx): ButtonData => {
    const pv = previewPattern.exec(s);
    if (pv !== null) {
      const [, planId = '', hash = '', action, tab, page] = pv;
      if (action === 'v') {
        if (tab === undefined || page === undefined) {
          ctx.addIssue({ code: 'custom', message: 'view without tab' });
          return z.NEVER;
        }
        return { kind: 'preview', planId, hash, action: 'view', tab: TAB_OF[tab] ?? 'sells', page: Number(page) };
      }
      if (tab !== undefined) {
        ctx.addIssue({ code: 'custom', message: 'tab on a non-view action' });
        return z.NEVER;
      }
      return { kind: 'preview', planId, hash, action: action === 'a' ? 'approve' : 'cancel' };
    }
    const st = /^st\|([cyn])$/.exec(s);
    if (st !== null) return { kind: 'stop', step: st[1] === 'c' ? 'ask' : st[1] === 'y' ? 'yes' : 'no' };
    const lg = /^lg\|([aAnNx])\|([A-Za-z0-9_-]{1,50})(?:\|(\d{1,10}))?$/.exec(s);
    if (lg !== null) {
      const [, step = '', recordId = '', orderNo] = lg;
      const adopt = step === 'a' || step === 'A';
      if (adopt !== (orderNo !== undefined)) {
        ctx.addIssue({ code: 'custom', message: 'order number only with adopt' });
        return z.NEVER;
      }
      const steps = { a: 'adopt', A: 'adopt-yes', n: 'not-placed', N: 'not-placed-yes', x: 'no' } as const;
      return {
        kind: 'ledger',
        step: steps[step as keyof typeof steps],
        recordId,
        ...(orderNo !== undefined ? { orderNo } : {}),
      };
    }
    const pr = /^pr\|([yn])$/.exec(s);
    if (pr !== null) return { kind: 'paper-reset', yes: pr[1] === 'y' };
    ctx.addIssue({ code: 'custom', message: 'unknown button data' });
    return z.NEVER;
  });

/** Parses callback data; undefined for anything that is not one of the bot's buttons. */
export function parseButtonData(data: unknown): ButtonData | undefined {
  const r = dataSchema.safeParse(data);
  return r.success ? r.data : undefined;
}

/**
 * Encodes button data. Throws RangeError when it would not parse back (too long for 64 bytes, e.g. a very long
 * record id): the caller shows no button then.
 */
export function encodeButtonData(d: ButtonData): string {
  let s: string;
  if (d.kind === 'preview') {
    const hash = d.hash.slice(0, HASH_PREFIX_LENGTH);
    s =
      d.action === 'view'
        ? `pv|${d.planId}|${hash}|v|${TAB_CODE[d.tab]}|${d.page}`
        : `pv|${d.planId}|${hash}|${d.action === 'approve' ? 'a' : 'c'}`;
  } else if (d.kind === 'stop') {
    s = `st|${d.step === 'ask' ? 'c' : d.step === 'yes' ? 'y' : 'n'}`;
  } else if (d.kind === 'ledger') {
    const step = { adopt: 'a', 'adopt-yes': 'A', 'not-placed': 'n', 'not-placed-yes': 'N', no: 'x' }[d.step];
    s = `lg|${step}|${d.recordId}${d.orderNo !== undefined ? `|${d.orderNo}` : ''}`;
  } else {
    s = `pr|${d.yes ? 'y' : 'n'}`;
  }
  if (parseButtonData(s) === undefined) throw new RangeError(`button data does not round-trip: ${s}`);
  return s;
}
