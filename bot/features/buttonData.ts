import { z } from 'zod';

/**
 * Callback data of the bot's own buttons (preview, stop, paper reset): ASCII, at most 64 bytes, parsed with zod;
 * anything else is refused (forged or foreign data). `pv|{planId}|{hash prefix}|{action}[|{tab}|{page}]`,
 * `st|{c|y|n}` (cancel open orders: ask, yes, no), `pr|{y|n}` (paper reset).
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
  | { readonly kind: 'paper-reset'; readonly yes: boolean };

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

/** Encodes button data (throws RangeError if it would not parse back: a bug, never user input). */
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
  } else {
    s = `pr|${d.yes ? 'y' : 'n'}`;
  }
  if (parseButtonData(s) === undefined) throw new RangeError(`button data does not round-trip: ${s}`);
  return s;
}
