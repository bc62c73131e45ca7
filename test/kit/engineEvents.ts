import type { EngineEvent, PhaseSummary } from '../../src/domain/EngineEvent.ts';
import type { PostTradeReport } from '../../src/domain/postTradeReport.ts';

/** One engine event of every type, with Korean names, for render and relay tests. */

export function summaryOf(codes: number, side: 'buy' | 'sell' = 'sell'): PhaseSummary {
  const byCode = Array.from({ length: codes }, (_, i) => ({
    code: String(100000 + i * 10).padStart(6, '0'),
    name: i % 2 === 0 ? `삼성전자우선주${i}` : `LG<에너지>&${i}`,
    plannedQty: 100 + i,
    filledQty: 90 + i,
    avgPrice: 71_050.5 + i,
    planPrice: 71_000 + i,
  }));
  return {
    side,
    legs: codes,
    legsDone: codes,
    shares: byCode.reduce((s, c) => s + c.filledQty, 0),
    value: 123_456_789,
    commission: 12_345,
    tax: 67_890,
    byCode,
  };
}

export function reportOf(codes: number): PostTradeReport {
  return {
    cash: 1_234_567,
    totalValue: 98_765_432,
    planTotalValue: 98_000_000,
    cashWeightPct: 1.25,
    cashTargetPct: 1,
    trackingError: 0.42,
    byCode: Array.from({ length: codes }, (_, i) => ({
      code: String(200000 + i).padStart(6, '0'),
      name: `현대차${i}`,
      qty: 10 + i,
      value: 1_000_000 + i,
      weightPct: 10.123 + i / 100,
      targetPct: 10,
      diffPct: 0.123 + i / 100,
    })),
  };
}

export const EVERY_EVENT: readonly EngineEvent[] = [
  { type: 'plan-approved', planId: 'p1' },
  { type: 'phase-started', planId: 'p1', side: 'sell' },
  { type: 'phase-waiting', planId: 'p1', side: 'buy', reason: 'sells not done' },
  {
    type: 'order-placed',
    planId: 'p1',
    side: 'sell',
    code: '005930',
    name: '삼성전자',
    round: 1,
    qty: 10,
    price: 71_000,
    orderNo: '0000101',
  },
  {
    type: 'order-rejected',
    planId: 'p1',
    side: 'buy',
    code: '000660',
    name: 'SK하이닉스',
    round: 2,
    qty: 3,
    reason: '주문가능금액 부족',
  },
  { type: 'order-unknown', planId: 'p1', side: 'sell', code: '005930', round: 2, qty: 10, reason: 'timeout' },
  { type: 'order-reconciled', planId: 'p1', side: 'sell', code: '005930', round: 2, found: true, orderNo: '0000102' },
  { type: 'order-reconciled', planId: 'p1', side: 'sell', code: '005930', round: 3, found: false },
  {
    type: 'fill',
    planId: 'p1',
    side: 'sell',
    code: '005930',
    name: '삼성전자',
    round: 1,
    orderNo: '0000101',
    qty: 4,
    price: 71_100,
    totalFilled: 4,
    orderQty: 10,
  },
  {
    type: 'amended',
    planId: 'p1',
    side: 'sell',
    code: '005930',
    name: '삼성전자',
    round: 1,
    fromOrderNo: '0000101',
    toOrderNo: '0000103',
    fromPrice: 71_100,
    toPrice: 71_000,
    qty: 6,
    amendCount: 1,
  },
  {
    type: 'cancelled',
    planId: 'p1',
    side: 'sell',
    code: '005930',
    name: '삼성전자',
    round: 1,
    orderNo: '0000103',
    qty: 6,
    reason: 'max amends',
  },
  { type: 'phase-ended', planId: 'p1', side: 'sell', summary: summaryOf(3) },
  { type: 'report', planId: 'p1', side: 'sell', report: reportOf(3) },
  { type: 'report-missing', planId: 'p1', side: 'buy', reason: 'broker unreachable' },
  { type: 'plan-done', planId: 'p1' },
  { type: 'halted', planId: 'p1', removedJobs: 4 },
  { type: 'resumed', planId: 'p1' },
  { type: 'error', planId: 'p1', message: 'something <broke> & failed' },
  {
    type: 'resolved',
    planId: 'p1',
    recordId: 'p1-sell-005930-r2',
    side: 'sell',
    code: '005930',
    round: 2,
    resolution: 'adopted',
    orderNo: '0000102',
  },
  {
    type: 'resolved',
    planId: 'p1',
    recordId: 'p1-sell-005930-r3',
    side: 'sell',
    code: '005930',
    round: 3,
    resolution: 'not-placed',
  },
];
