import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { ExcludedHolding, Plan, PlanLeg } from '../../src/domain/types.ts';
import { displayWidth } from '../../src/text/displayWidth.ts';
import { renderPlanPreview, renderPlanTab, TELEGRAM_MESSAGE_LIMIT } from './renderPlanPreview.ts';

function leg(name: string, price: number, qty: number, rounds: readonly number[], targetPct = 10): PlanLeg {
  return { code: '005930', name, price, qty, rounds, heldQty: qty, targetValue: price * qty, targetPct };
}

function plan(parts: Partial<Pick<Plan, 'sells' | 'buys' | 'excluded'>> = {}): Plan {
  return {
    sells: parts.sells ?? [],
    buys: parts.buys ?? [],
    excluded: parts.excluded ?? [],
    projected: { weights: {}, cash: 1_234_567 },
    totalValue: 100_000_000,
    estimatedCosts: 12_345,
  };
}

function unescapeHtml(html: string): string {
  return html.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&amp;', '&');
}

/** The lines of every <pre> block in a message, unescaped; fails the test unless there is exactly one block. */
function tableLines(message: string): string[] {
  expect(message.split('<pre>').length - 1).toBe(1);
  expect(message.split('</pre>').length - 1).toBe(1);
  expect(message.indexOf('<pre>')).toBeLessThan(message.indexOf('</pre>'));
  const inner = /<pre>([\s\S]*)<\/pre>/.exec(message)?.[1] ?? '';
  return unescapeHtml(inner).split('\n');
}

/** Data rows of a message: the table lines after the header row and the rule. */
function dataRows(message: string): string[] {
  return tableLines(message).slice(2);
}

describe('renderPlanTab', () => {
  test('heads the first message with the tracking error before and after, the fees and tax, and dropped legs', () => {
    const withFigures: Plan = {
      ...plan({ sells: [leg('삼성전자', 71_200, 30, [30], 20)] }),
      tracking: { before: 6.4321, after: 1.5783, withoutBand: 1.2, lowerBound: 1.1, optimal: false },
      estimatedFees: { commission: 1_301, tax: 6_564 },
      droppedLegs: { band: 2, minimum: 1 },
    };
    const [first] = renderPlanTab(withFigures, 'sells');
    expect(first?.split('\n').slice(0, 3)).toEqual([
      '<b>매도 계획</b> 1종목 · 합계 2,136,000원',
      '추적오차 6.43%p → 1.58%p (밴드·최소금액 없이 1.20%p) · 하한 1.10%p',
      '수수료 1,301원 · 세금 6,564원 · 제외한 거래: 밴드 2건, 최소금액 1건',
    ]);
    const [empty] = renderPlanTab({ ...withFigures, tracking: { ...withFigures.tracking!, optimal: true } }, 'buys');
    expect(empty?.split('\n').slice(0, 3)).toEqual([
      '<b>매수 계획</b>',
      '추적오차 6.43%p → 1.58%p (밴드·최소금액 없이 1.20%p)',
      '수수료 1,301원 · 세금 6,564원 · 제외한 거래: 밴드 2건, 최소금액 1건',
    ]);
  });

  test('renders a sells tab: title with count and total, aligned table, projected cash', () => {
    const messages = renderPlanTab(
      plan({
        sells: [
          leg('삼성전자', 71_200, 30, [3, 3, 3, 3, 3, 3, 3, 3, 3, 3], 20),
          leg('NAVER', 215_500, 13, [2, 1, 1, 2, 1, 1, 2, 1, 1, 1], 7.5),
        ],
      }),
      'sells',
    );
    expect(messages).toEqual([
      [
        '<b>매도 계획</b> 2종목 · 합계 4,937,500원',
        // Every line is padded to the full width (45 columns), the last column included.
        '<pre>종목      현재가      금액  목표 수량 회차   ',
        '---------------------------------------------',
        '삼성전자  71,200 2,136,000 20.0%   30 3x10   ',
        'NAVER    215,500 2,801,500  7.5%   13 2x3 1x7</pre>',
        '예상 현금 1,234,567원 · 예상 비용 12,345원',
      ].join('\n'),
    ]);
  });

  test('every line of a table has the same display width with Hangul and ASCII names mixed', () => {
    const [message] = renderPlanTab(
      plan({
        buys: [
          leg('LG에너지솔루션', 380_000, 2, [1, 1]),
          leg('KODEX 200', 35_000, 100, [50, 50]),
          leg('SK하이닉스', 180_000, 5, [3, 2]),
          leg('A', 1_000, 1_234, [617, 617]),
        ],
      }),
      'buys',
    );
    const lines = tableLines(message!);
    expect(lines).toHaveLength(6);
    const widths = new Set(lines.map(displayWidth));
    expect(widths.size).toBe(1);
    // The long name is cut at the default 10 columns with an ellipsis.
    expect(lines.some((l) => l.startsWith('LG에너지…'))).toBe(true);
  });

  test('escapes & < > in names', () => {
    const [message] = renderPlanTab(plan({ sells: [leg('<b>&', 1_000, 1, [1])] }), 'sells');
    expect(message).toContain('&lt;b&gt;&amp;');
    expect(message).not.toContain('<b>&');
    expect(message!.match(/<b>/g)).toHaveLength(1); // only the title's own bold tag
  });

  test('writes numbers with thousands separators', () => {
    const [message] = renderPlanTab(plan({ buys: [leg('큰값', 1_234_567, 1_000, [500, 500])] }), 'buys');
    expect(message).toContain('1,234,567');
    expect(message).toContain('1,234,567,000');
    expect(message).toContain('1,000');
    expect(message).toContain('500x2');
  });

  test('turns control characters in a name into spaces so rows stay one line each', () => {
    const [message] = renderPlanTab(plan({ sells: [leg('A\nB\tC', 1_000, 1, [1])] }), 'sells');
    expect(dataRows(message!)).toHaveLength(1);
    expect(dataRows(message!)[0]!.startsWith('A B C')).toBe(true);
  });

  test('falls back to the code when a name is blank', () => {
    const [message] = renderPlanTab(plan({ sells: [leg('  ', 1_000, 1, [1])] }), 'sells');
    expect(dataRows(message!)[0]!.startsWith('005930')).toBe(true);
  });

  test.each([
    ['sells', '<b>매도 계획</b>\n매도할 종목이 없습니다.\n\n예상 현금 1,234,567원 · 예상 비용 12,345원'],
    ['buys', '<b>매수 계획</b>\n매수할 종목이 없습니다.\n\n예상 현금 1,234,567원 · 예상 비용 12,345원'],
    [
      'excluded',
      '<b>제외 종목</b>\n제외된 종목이 없습니다.\n\n제외 종목은 거래하지 않고 비중 계산에서 빠집니다.\n예상 현금 1,234,567원',
    ],
  ] as const)('an empty %s tab is one message saying so', (tab, expected) => {
    expect(renderPlanTab(plan(), tab)).toEqual([expected]);
  });

  test('renders the excluded tab with quantity, value and reason', () => {
    const excluded: ExcludedHolding[] = [
      { code: '005930', name: '삼성전자', qty: 40, price: 71_200, value: 2_848_000, reason: 'excluded' },
      { code: '000660', name: 'SK하이닉스', qty: 3, price: 180_000, value: 540_000, reason: 'not-tradable' },
    ];
    const [message] = renderPlanTab(plan({ excluded }), 'excluded');
    expect(message).toBe(
      [
        '<b>제외 종목</b> 2종목 · 평가액 3,388,000원',
        '<pre>종목       수량    평가액 사유    ',
        '----------------------------------',
        '삼성전자     40 2,848,000 제외    ',
        'SK하이닉스    3   540,000 거래불가</pre>',
        '제외 종목은 거래하지 않고 비중 계산에서 빠집니다.',
        '예상 현금 1,234,567원',
      ].join('\n'),
    );
  });

  test('splits 300 legs over several messages under the limit without losing a row', () => {
    const legs = Array.from({ length: 300 }, (_, i) =>
      leg(`${i % 2 === 0 ? '종목' : 'Stock'}${String(i).padStart(3, '0')}`, 10_000 + i * 50, 10 + i, [5 + i, 5]),
    );
    const messages = renderPlanTab(plan({ sells: legs }), 'sells');
    expect(messages.length).toBeGreaterThan(1);
    const rows: string[] = [];
    messages.forEach((message, i) => {
      expect(message.length).toBeLessThan(TELEGRAM_MESSAGE_LIMIT);
      const lines = tableLines(message);
      expect(lines[0]).toMatch(/^종목 +현재가 +금액 +목표 +수량 +회차 *$/);
      expect(lines[1]).toMatch(/^-+$/);
      expect(message).toContain(`(${i + 1}/${messages.length})`);
      expect(message.includes('예상 현금')).toBe(i === messages.length - 1);
      expect(message.includes('300종목')).toBe(i === 0);
      rows.push(...lines.slice(2));
    });
    expect(rows).toHaveLength(300);
    rows.forEach((row, i) => {
      expect(row.startsWith(`${i % 2 === 0 ? '종목' : 'Stock'}${String(i).padStart(3, '0')}`)).toBe(true);
    });
  });

  test('respects a smaller maxLength', () => {
    const legs = Array.from({ length: 60 }, (_, i) => leg(`n${i}`, 1_000, 1, [1]));
    const messages = renderPlanTab(plan({ buys: legs }), 'buys', { maxLength: 1_000 });
    expect(messages.length).toBeGreaterThan(2);
    for (const m of messages) expect(m.length).toBeLessThanOrEqual(1_000);
  });

  test('even worst-case rows fit the smallest allowed message: 40-column names of "&", huge numbers, uneven rounds', () => {
    const uneven = Array.from({ length: 50 }, (_, i) => 1_000_000 + i);
    const legs = Array.from({ length: 20 }, () => leg('&'.repeat(60), 99_999_999, 900_000, uneven, 99.99));
    const messages = renderPlanTab(plan({ buys: legs }), 'buys', { maxLength: 1_000, nameWidth: 40 });
    let rows = 0;
    for (const m of messages) {
      expect(m.length).toBeLessThanOrEqual(1_000);
      const lines = tableLines(m);
      expect(new Set(lines.map(displayWidth)).size).toBe(1);
      rows += lines.length - 2;
    }
    expect(rows).toBe(20);
  });

  test('rejects options that cannot work and an unknown tab', () => {
    expect(() => renderPlanTab(plan(), 'sells', { maxLength: 5_000 })).toThrow(RangeError);
    expect(() => renderPlanTab(plan(), 'sells', { maxLength: 999 })).toThrow(RangeError);
    expect(() => renderPlanTab(plan(), 'sells', { nameWidth: 2 })).toThrow(RangeError);
    expect(() => renderPlanTab(plan(), 'other' as 'sells')).toThrow(RangeError);
  });

  test('for any names and sizes: every message fits, every table lines up, no row is lost', () => {
    const nameArb = fc.string({
      unit: fc.constantFrom(
        '삼',
        '성',
        '전',
        '자',
        '우',
        'L',
        'G',
        'K',
        'O',
        'D',
        'E',
        'X',
        ' ',
        '2',
        '&',
        '<',
        '>',
        '漢',
      ),
      maxLength: 20,
    });
    const legArb = fc
      .record({
        name: nameArb,
        price: fc.integer({ min: 1, max: 3_000_000 }),
        qty: fc.integer({ min: 0, max: 100_000 }),
        n: fc.integer({ min: 1, max: 20 }),
        target: fc.double({ min: 0, max: 100, noNaN: true }),
      })
      .map(({ name, price, qty, n, target }) =>
        leg(
          name,
          price,
          qty,
          Array.from({ length: n }, (_, i) => Math.floor(((i + 1) * qty) / n) - Math.floor((i * qty) / n)),
          target,
        ),
      );
    fc.assert(
      fc.property(
        fc.array(legArb, { maxLength: 400 }),
        fc.integer({ min: 1_000, max: TELEGRAM_MESSAGE_LIMIT }),
        fc.integer({ min: 4, max: 40 }),
        (legs, maxLength, nameWidth) => {
          const messages = renderPlanPreview(plan({ sells: legs, buys: legs }), { maxLength, nameWidth }).sells;
          let rows = 0;
          for (const message of messages) {
            expect(message.length).toBeLessThanOrEqual(maxLength);
            if (legs.length === 0) continue;
            const lines = tableLines(message);
            expect(new Set(lines.map(displayWidth)).size).toBe(1);
            rows += lines.length - 2;
          }
          expect(rows).toBe(legs.length);
        },
      ),
      { numRuns: 150 },
    );
  });
});
