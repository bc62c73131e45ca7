import { describe, expect, test } from 'vitest';
import type { Plan } from '../domain/types.ts';
import { htmlToText } from '../text/htmlToText.ts';
import { planPreviewText } from './planPreviewText.ts';

describe('htmlToText', () => {
  test.each([
    ['<b>매도 계획</b> 2종목', '매도 계획 2종목'],
    ['<pre>a\nb</pre>', 'a\nb'],
    ['AT&amp;T &lt;pref&gt; &quot;A&quot; it&#39;s', 'AT&T <pref> "A" it\'s'],
    ['&amp;lt; stays an escaped entity', '&lt; stays an escaped entity'],
    ['no markup at all', 'no markup at all'],
  ])('turns %j into %j', (html, text) => {
    expect(htmlToText(html)).toBe(text);
  });
});

describe('planPreviewText', () => {
  const leg = { heldQty: 0, targetValue: 1_000_000, targetPct: 10 };
  const plan: Plan = {
    sells: [{ ...leg, code: '005930', name: '삼성전자', price: 71_200, qty: 14, rounds: [4, 5, 5], heldQty: 40 }],
    buys: [{ ...leg, code: '373220', name: 'A&B<C>', price: 380_000, qty: 5, rounds: [1, 2, 2] }],
    excluded: [
      { code: '207940', name: '삼성바이오로직스', qty: 1, price: 1_012_000, value: 1_012_000, reason: 'excluded' },
    ],
    projected: { weights: {}, cash: 463_530 },
    totalValue: 19_450_300,
    estimatedCosts: 1_234,
  };

  test('shows the sells, buys and excluded tables as plain text lines, without HTML', () => {
    const text = planPreviewText(plan).join('\n');
    expect(text.indexOf('매도 계획')).toBeGreaterThanOrEqual(0);
    expect(text.indexOf('매수 계획')).toBeGreaterThan(text.indexOf('매도 계획'));
    expect(text.indexOf('제외 종목')).toBeGreaterThan(text.indexOf('매수 계획'));
    expect(text).toContain('삼성전자');
    expect(text).toContain('A&B<C>');
    expect(text).not.toMatch(/<\/?(b|pre)>|&amp;|&lt;|&gt;/);
  });
});
