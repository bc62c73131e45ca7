import { describe, expect, test } from 'vitest';
import { parseRun, parseSettingsCommand } from './commandSchemas.ts';
import { tokens } from './parseArgs.ts';

describe('settings command schemas', () => {
  test.each([
    ['weights', '005930=30 000660=20', { kind: 'weights', set: { '005930': 30, '000660': 20 }, remove: [] }],
    ['weights', 'equal', { kind: 'weights-equal' }],
    ['weights', '005930=off 000660=12.5', { kind: 'weights', set: { '000660': 12.5 }, remove: ['005930'] }],
    ['cash', '5', { kind: 'cash', pct: 5 }],
    ['exclude', '005930 005930 28513K', { kind: 'exclude', codes: ['005930', '28513K'] }],
    ['times', 'sell 09:10 buy 09:40', { kind: 'times', sell: '09:10', buy: '09:40' }],
    ['times', 'preview off', { kind: 'times', preview: null }],
    ['split', 'buy 10', { kind: 'split', buy: 10 }],
    ['enable', 'sell', { kind: 'enable', side: 'sell' }],
    ['band', '1.0', { kind: 'band', pp: 1 }],
    ['band', 'off', { kind: 'band', pp: 0 }],
    ['mintrade', '100000', { kind: 'mintrade', won: 100_000 }],
    ['mintrade', '1,500,000', { kind: 'mintrade', won: 1_500_000 }],
    ['mintrade', 'OFF', { kind: 'mintrade', won: 0 }],
  ] as const)('/%s %s parses', (cmd, args, value) => {
    expect(parseSettingsCommand(cmd, tokens(args))).toEqual({ ok: true, value });
  });

  test.each([
    ['weights', '005930=70 000660=50', '120%'],
    ['weights', '5930=10', "'5930'"],
    ['weights', '005930=abc', '0~100'],
    ['weights', '005930=10 005930=20', '두 번'],
    ['cash', '', '현금 비중'],
    ['cash', '101', '100%를 넘습니다'],
    ['exclude', 'A005930', "'A005930'"],
    ['times', 'sell 25:00', "'25:00'"],
    ['times', 'sell off', '끌 수 없습니다'],
    ['times', 'lunch 12:00', "'lunch'"],
    ['split', 'sell 0', "'0'"],
    ['split', 'sell', '항목과 값'],
    ['disable', 'both', "'both'"],
    ['band', '', '밴드'],
    ['band', '-1', "'-1'"],
    ['band', '150', '100%를 넘습니다'],
    ['band', '1 2', '너무 많습니다'],
    ['mintrade', '10.5', "'10.5'"],
    ['mintrade', '1,00', "'1,00'"],
    ['mintrade', '9999999999999', '너무 큽니다'],
  ] as const)('/%s %s is refused in one line naming %s, with the usage', (cmd, args, named) => {
    const r = parseSettingsCommand(cmd, tokens(args));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toContain(named);
    expect(r.message).toContain('사용법:');
    expect(r.message.split('\n')).toHaveLength(1);
  });

  test('/run takes exactly "now"', () => {
    expect(parseRun(tokens('now'))).toEqual({ ok: true, value: 'now' });
    expect(parseRun(tokens('later')).ok).toBe(false);
    expect(parseRun(tokens('')).ok).toBe(false);
  });
});
