import { z } from 'zod';
import type { SettingsChange } from '../../src/app/settingsChange.ts';
import { STOCK_CODE_PATTERN } from '../../src/domain/stockCode.ts';
import { MAX_SPLIT } from '../../src/domain/validatePlanInput.ts';
import { type Parsed, parseWith, shown } from './parseArgs.ts';

/**
 * One zod schema per command: the tokens after the command -> a typed request. Every message is Korean and names
 * the bad token; parseCommandArgs adds the usage.
 */

/** The usage line of each command that takes arguments. */
export const USAGE = {
  weights: '/weights 005930=30 000660=20 | /weights equal | /weights 005930=off',
  cash: '/cash 5 (현금 비중 %, 0~100)',
  exclude: '/exclude 005930 [코드...]',
  include: '/include 005930 [코드...]',
  add: '/add 373220 [코드...]',
  remove: '/remove 373220 [코드...]',
  times: '/times sell 09:10 buy 09:40 | /times preview 08:50 | /times preview off',
  split: `/split sell 10 buy 10 (1~${MAX_SPLIT}회)`,
  enable: '/enable sell|buy',
  disable: '/disable sell|buy',
  band: '/band 1.0 (목표 ± %p 안의 종목은 거래하지 않음, 0~100) | /band off',
  mintrade: '/mintrade 100000 (이보다 작은 주문은 내지 않음, 원) | /mintrade off',
  run: '/run now',
  paper: '/paper reset',
  none: '인자 없이 입력하세요',
} as const;

const code = z.string().refine((t) => STOCK_CODE_PATTERN.test(t), {
  error: (iss) => `'${shown(iss.input)}'은(는) KRX 종목코드가 아닙니다 (6자리, 예: 005930)`,
});
const codes = z
  .array(code)
  .min(1, { error: '종목코드를 하나 이상 입력하세요' })
  .max(50, { error: '한 번에 50개까지입니다' });

const percentText = (what: string) =>
  z.string().transform((t, ctx) => {
    if (!/^\d{1,3}(\.\d{1,2})?$/.test(t)) {
      ctx.addIssue({ code: 'custom', message: `${what} '${shown(t)}'은(는) 0~100 사이의 숫자가 아닙니다` });
      return z.NEVER;
    }
    const n = Number(t);
    if (n > 100) {
      ctx.addIssue({ code: 'custom', message: `${what} ${t}%는 100%를 넘습니다` });
      return z.NEVER;
    }
    return n;
  });

const weightToken = z.string().transform((t, ctx) => {
  const m = /^([^=]+)=(.+)$/.exec(t);
  if (m === null) {
    ctx.addIssue({ code: 'custom', message: `'${shown(t)}'은(는) 코드=비중 형식이 아닙니다` });
    return z.NEVER;
  }
  const [, c = '', v = ''] = m;
  if (!STOCK_CODE_PATTERN.test(c)) {
    ctx.addIssue({ code: 'custom', message: `'${shown(c)}'은(는) KRX 종목코드가 아닙니다 (6자리, 예: 005930)` });
    return z.NEVER;
  }
  if (v.toLowerCase() === 'off') return { code: c, pct: 'off' as const };
  const pct = percentText(`${c}의 비중`).safeParse(v);
  if (!pct.success) {
    ctx.addIssue({ code: 'custom', message: pct.error.issues[0]?.message ?? '비중이 올바르지 않습니다' });
    return z.NEVER;
  }
  return { code: c, pct: pct.data };
});

const weights = z
  .array(z.string())
  .min(1, { error: '비중을 입력하세요' })
  .max(60, { error: '한 번에 60개까지입니다' })
  .transform((ts, ctx): SettingsChange => {
    if (ts.length === 1 && ts[0]?.toLowerCase() === 'equal') return { kind: 'weights-equal' };
    const set: Record<string, number> = {};
    const remove: string[] = [];
    const seen = new Set<string>();
    for (const t of ts) {
      const item = weightToken.safeParse(t);
      if (!item.success) {
        ctx.addIssue({
          code: 'custom',
          message: item.error.issues[0]?.message ?? `'${shown(t)}'이(가) 올바르지 않습니다`,
        });
        return z.NEVER;
      }
      const { code: c, pct } = item.data;
      if (seen.has(c)) {
        ctx.addIssue({ code: 'custom', message: `${c}이(가) 두 번 나옵니다` });
        return z.NEVER;
      }
      seen.add(c);
      if (pct === 'off') remove.push(c);
      else set[c] = pct;
    }
    const total = Object.values(set).reduce((a, b) => a + b, 0);
    if (total > 100 + 1e-9) {
      ctx.addIssue({ code: 'custom', message: `비중 합계가 ${round2(total)}%로 100%를 넘습니다` });
      return z.NEVER;
    }
    return { kind: 'weights', set, remove };
  });

const side = z.enum(['sell', 'buy'], { error: (iss) => `'${shown(iss.input)}' 대신 sell 또는 buy를 입력하세요` });
const time = z.string().refine((t) => /^([01]\d|2[0-3]):[0-5]\d$/.test(t), {
  error: (iss) => `'${shown(iss.input)}'은(는) 시각(HH:MM, 00:00~23:59)이 아닙니다`,
});
const rounds = z.string().transform((t, ctx) => {
  if (!/^\d{1,4}$/.test(t) || Number(t) < 1 || Number(t) > MAX_SPLIT) {
    ctx.addIssue({ code: 'custom', message: `분할 횟수 '${shown(t)}'은(는) 1~${MAX_SPLIT} 사이의 정수가 아닙니다` });
    return z.NEVER;
  }
  return Number(t);
});

/** `sell X buy Y` pairs (either or both, once each) parsed with `value`; `extra` keys allowed too. */
function pairs<V>(value: z.ZodType<V>, keys: readonly string[]) {
  return z
    .array(z.string())
    .min(2, { error: '항목과 값을 입력하세요' })
    .transform((ts, ctx) => {
      if (ts.length % 2 !== 0) {
        ctx.addIssue({ code: 'custom', message: `'${shown(ts[ts.length - 1])}' 다음에 값이 없습니다` });
        return z.NEVER;
      }
      const out: Record<string, V> = {};
      for (let i = 0; i < ts.length; i += 2) {
        const k = ts[i] ?? '';
        if (!keys.includes(k)) {
          ctx.addIssue({ code: 'custom', message: `'${shown(k)}' 대신 ${keys.join(', ')} 중 하나를 입력하세요` });
          return z.NEVER;
        }
        if (k in out) {
          ctx.addIssue({ code: 'custom', message: `${k}이(가) 두 번 나옵니다` });
          return z.NEVER;
        }
        const v = value.safeParse(ts[i + 1]);
        if (!v.success) {
          ctx.addIssue({ code: 'custom', message: v.error.issues[0]?.message ?? '값이 올바르지 않습니다' });
          return z.NEVER;
        }
        out[k] = v.data;
      }
      return out;
    });
}

const timeOrOff = z.string().transform((t, ctx): string | null => {
  if (t.toLowerCase() === 'off') return null;
  const r = time.safeParse(t);
  if (!r.success) {
    ctx.addIssue({ code: 'custom', message: r.error.issues[0]?.message ?? '시각이 올바르지 않습니다' });
    return z.NEVER;
  }
  return r.data;
});
const times = pairs(timeOrOff, ['sell', 'buy', 'preview']).transform((p, ctx): SettingsChange => {
  if (p.sell === null || p.buy === null) {
    ctx.addIssue({ code: 'custom', message: '매도·매수 시각은 끌 수 없습니다 (/disable sell|buy)' });
    return z.NEVER;
  }
  return {
    kind: 'times',
    ...(p.sell !== undefined ? { sell: p.sell } : {}),
    ...(p.buy !== undefined ? { buy: p.buy } : {}),
    ...(p.preview !== undefined ? { preview: p.preview } : {}),
  };
});
const split = pairs(rounds, ['sell', 'buy']).transform(
  (p): SettingsChange => ({
    kind: 'split',
    ...(p.sell !== undefined ? { sell: p.sell } : {}),
    ...(p.buy !== undefined ? { buy: p.buy } : {}),
  }),
);

const one = <T>(schema: z.ZodType<T>, missing: string) =>
  z
    .array(z.string())
    .min(1, { error: missing })
    .max(1, { error: '인자가 너무 많습니다' })
    .transform((ts, ctx) => {
      const r = schema.safeParse(ts[0]);
      if (!r.success) {
        ctx.addIssue({ code: 'custom', message: r.error.issues[0]?.message ?? '값이 올바르지 않습니다' });
        return z.NEVER;
      }
      return r.data;
    });

/** A percentage-point band, or `off` (0). */
const bandText = z.string().transform((t, ctx) => {
  if (t.toLowerCase() === 'off') return 0;
  const r = percentText('허용 밴드(%p)').safeParse(t);
  if (!r.success) {
    ctx.addIssue({ code: 'custom', message: r.error.issues[0]?.message ?? '밴드가 올바르지 않습니다' });
    return z.NEVER;
  }
  return r.data;
});

/** Whole won (digits, commas allowed between thousands), or `off` (0). */
const wonText = z.string().transform((t, ctx) => {
  if (t.toLowerCase() === 'off') return 0;
  if (!/^(\d{1,13}|\d{1,3}(,\d{3}){1,4})$/.test(t)) {
    ctx.addIssue({ code: 'custom', message: `최소 거래금액 '${shown(t)}'은(는) 원 단위 정수가 아닙니다 (예: 100000)` });
    return z.NEVER;
  }
  const won = Number(t.replaceAll(',', ''));
  if (won > 1_000_000_000_000) {
    ctx.addIssue({ code: 'custom', message: `최소 거래금액 ${t}원은 너무 큽니다 (1조 원까지)` });
    return z.NEVER;
  }
  return won;
});

const exactly = (word: string) =>
  z
    .array(z.string())
    .refine((ts) => ts.length === 1 && ts[0]?.toLowerCase() === word, { error: `'${word}'를 붙여 입력하세요` })
    .transform(() => word);

/** The schema of every command that changes settings, by command name. */
export const settingsCommandSchemas = {
  weights,
  cash: one(percentText('현금 비중'), '현금 비중(%)을 입력하세요').transform(
    (pct): SettingsChange => ({ kind: 'cash', pct }),
  ),
  exclude: codes.transform((c): SettingsChange => ({ kind: 'exclude', codes: dedupe(c) })),
  include: codes.transform((c): SettingsChange => ({ kind: 'include', codes: dedupe(c) })),
  add: codes.transform((c): SettingsChange => ({ kind: 'add', codes: dedupe(c) })),
  remove: codes.transform((c): SettingsChange => ({ kind: 'remove', codes: dedupe(c) })),
  times,
  split,
  enable: one(side, 'sell 또는 buy를 입력하세요').transform((s): SettingsChange => ({ kind: 'enable', side: s })),
  disable: one(side, 'sell 또는 buy를 입력하세요').transform((s): SettingsChange => ({ kind: 'disable', side: s })),
  band: one(bandText, '밴드(%p) 또는 off를 입력하세요').transform((pp): SettingsChange => ({ kind: 'band', pp })),
  mintrade: one(wonText, '최소 거래금액(원) 또는 off를 입력하세요').transform(
    (won): SettingsChange => ({ kind: 'mintrade', won }),
  ),
} as const;

export type SettingsCommand = keyof typeof settingsCommandSchemas;

/** Parses the arguments of a settings command. */
export function parseSettingsCommand(command: SettingsCommand, args: readonly string[]): Parsed<SettingsChange> {
  return parseWith(settingsCommandSchemas[command] as z.ZodType<SettingsChange>, args, USAGE[command]);
}

/** `/run now`. */
export function parseRun(args: readonly string[]): Parsed<'now'> {
  return parseWith(exactly('now') as z.ZodType<'now'>, args, USAGE.run);
}

/** `/paper reset`. */
export function parsePaper(args: readonly string[]): Parsed<'reset'> {
  return parseWith(exactly('reset') as z.ZodType<'reset'>, args, USAGE.paper);
}

function dedupe(c: readonly string[]): string[] {
  return [...new Set(c)];
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
