import type { PhaseSummary } from '../../src/domain/EngineEvent.ts';
import { truncateDisplay } from '../../src/text/displayWidth.ts';
import { formatInteger } from '../../src/text/formatNumber.ts';
import { textTable } from '../../src/text/textTable.ts';
import { shares, sideWord, signedPercent, won } from './koreanWords.ts';
import { headAndTablePages } from './tablePages.ts';

/**
 * A phase's end: totals (legs, shares, value, commission, tax), then a table per code of filled against planned
 * shares and the average fill price against the plan price. One message per 40 codes.
 */
export function phaseSummaryText(s: PhaseSummary): string[] {
  const head = [
    `🏁 <b>${sideWord(s.side)} 단계 완료</b>: 종목 ${s.legsDone}/${s.legs}, ${shares(s.shares)}, ${won(s.value)}`,
    `수수료 ${won(s.commission)} · 세금 ${won(s.tax)}`,
  ];
  if (s.byCode.length === 0) return [head.join('\n')];
  const table = textTable(
    [
      { header: '종목명', align: 'left' },
      { header: '체결/계획', align: 'right' },
      { header: '평균가', align: 'right' },
      { header: '계획가', align: 'right' },
      { header: '차이', align: 'right' },
    ],
    s.byCode.map((c) => [
      truncateDisplay(c.name || c.code, 12),
      `${formatInteger(c.filledQty)}/${formatInteger(c.plannedQty)}`,
      c.filledQty > 0 ? formatInteger(Math.round(c.avgPrice)) : '-',
      formatInteger(c.planPrice),
      c.filledQty > 0 && c.planPrice > 0 ? signedPercent((c.avgPrice - c.planPrice) / c.planPrice) : '-',
    ]),
  );
  return headAndTablePages(head.join('\n'), table, `(${sideWord(s.side)} 단계 완료, 계속)`);
}
