import type { PostTradeReport } from '../../src/domain/postTradeReport.ts';
import { truncateDisplay } from '../../src/text/displayWidth.ts';
import { formatPercent } from '../../src/text/formatNumber.ts';
import { textTable } from '../../src/text/textTable.ts';
import { points, sideWord, won } from './koreanWords.ts';
import { headAndTablePages } from './tablePages.ts';

/**
 * The post-trade report after a phase: cash and total, tracking error, then weights against targets (one message
 * per 40 codes).
 */
export function postTradeReportText(r: PostTradeReport, side: 'buy' | 'sell'): string[] {
  const head = [
    `📋 <b>${sideWord(side)} 단계 후 보고서</b>`,
    `평가총액 ${won(r.totalValue)} (계획 시 ${won(r.planTotalValue)}), 현금 ${won(r.cash)}`,
    `추적오차 ${r.trackingError.toFixed(2)}%p`,
  ];
  const table = textTable(
    [
      { header: '종목명', align: 'left' },
      { header: '비중', align: 'right' },
      { header: '목표', align: 'right' },
      { header: '차이', align: 'right' },
    ],
    [
      ...r.byCode.map((c) => [
        truncateDisplay(c.name || c.code, 12),
        formatPercent(c.weightPct, 2),
        formatPercent(c.targetPct, 2),
        points(c.diffPct),
      ]),
      [
        '현금',
        formatPercent(r.cashWeightPct, 2),
        formatPercent(r.cashTargetPct, 2),
        points(r.cashWeightPct - r.cashTargetPct),
      ],
    ],
  );
  return headAndTablePages(head.join('\n'), table, `(${sideWord(side)} 단계 후 보고서, 계속)`);
}
