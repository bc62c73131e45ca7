import { describe, expect, test } from 'vitest';
import type { EngineEvent } from '../domain/EngineEvent.ts';
import type { PostTradeReport } from '../domain/postTradeReport.ts';
import { formatEvent, formatPlan, formatReport, formatSummary } from './formatProgress.ts';

const base = { planId: 'p1', side: 'sell' as const, code: '005930', name: '삼성전자', round: 2 };

describe('formatEvent', () => {
  test.each<[EngineEvent, string]>([
    [
      { type: 'order-placed', ...base, qty: 12, price: 71_100, orderNo: '0000001' },
      'SELL 005930 삼성전자 round 2: 12 sh at 71,100 (order 0000001)',
    ],
    [
      { type: 'order-placed', ...base, side: 'buy', qty: 3, price: 0, orderNo: '0000002' },
      'BUY  005930 삼성전자 round 2: 3 sh at market (order 0000002)',
    ],
    [
      { type: 'fill', ...base, orderNo: '0000001', qty: 5, price: 71_100, totalFilled: 5, orderQty: 12 },
      'SELL 005930 삼성전자 round 2: filled 5 sh at 71,100 (5/12, order 0000001)',
    ],
    [
      {
        type: 'amended',
        ...base,
        fromOrderNo: '0000001',
        toOrderNo: '0000003',
        fromPrice: 71_100,
        toPrice: 69_900,
        qty: 7,
        amendCount: 1,
      },
      'SELL 005930 삼성전자 round 2: amended 7 sh 71,100 -> 69,900 (order 0000001 -> 0000003, amendment 1)',
    ],
    [
      {
        type: 'resolved',
        planId: 'p1',
        recordId: 'r1',
        side: 'buy',
        code: '005930',
        round: 3,
        resolution: 'adopted',
        orderNo: '0000042',
      },
      'BUY  005930 round 3: settled by hand: adopted order 0000042',
    ],
    [
      {
        type: 'resolved',
        planId: 'p1',
        recordId: 'r1',
        side: 'sell',
        code: '005930',
        round: 1,
        resolution: 'not-placed',
      },
      'SELL 005930 round 1: settled by hand: not placed; queued to be sent again',
    ],
    [{ type: 'plan-done', planId: 'p1' }, 'Plan p1 done.'],
    [
      { type: 'error', code: 'amend-refused', stockCode: '005930', orderNo: '0000101', brokerMessage: 'boom' },
      'ERROR: amend of 005930 0000101 refused: boom',
    ],
    [
      { type: 'recovered', code: 'broker-unavailable', downMs: 31_400 },
      'The broker answers again after 31 s; continuing.',
    ],
    [
      { type: 'recovered', code: 'redis-unavailable', downMs: 90_000 },
      'Redis is reachable again after 90 s; the engine reconciles with the broker and continues.',
    ],
  ])('shows %j as one line', (event, line) => {
    expect(formatEvent(event)).toEqual([line]);
  });

  test('a stalled phase says since when and why it waits, and that nothing is lost', () => {
    const lines = formatEvent({
      type: 'stalled',
      planId: 'p1',
      code: 'broker-unavailable',
      since: Date.UTC(2026, 11, 1, 1, 2, 3),
      message: 'Kiwoom ka10001: HTTP 500',
    });
    expect(lines).toEqual([
      'Waiting: the broker has been failing since 2026-12-01T01:02:03.000Z (Kiwoom ka10001: HTTP 500).',
      'The remaining orders wait and go out when it answers again; nothing is lost. Stop with Ctrl-C and run the same command later to finish.',
    ]);
  });
});

describe('formatSummary', () => {
  test('gives the totals and, per code, the average fill price against the plan price', () => {
    const lines = formatSummary({
      side: 'buy',
      legs: 2,
      legsDone: 1,
      shares: 13,
      value: 1_234_567,
      commission: 185,
      tax: 0,
      byCode: [
        { code: '005930', name: '삼성전자', plannedQty: 10, filledQty: 10, avgPrice: 70_100, planPrice: 70_000 },
        { code: '000660', name: 'SK하이닉스', plannedQty: 4, filledQty: 0, avgPrice: 0, planPrice: 198_500 },
      ],
    });
    expect(lines).toEqual([
      'Buy phase done: 1/2 legs complete, 13 sh, 1,234,567 won, commission 185, tax 0',
      '  005930 삼성전자: 10/10 sh, avg 70,100, plan 70,000 (+0.14% vs plan)',
      '  000660 SK하이닉스: 0/4 sh, avg -, plan 198,500',
    ]);
  });
});

describe('formatPlan', () => {
  test('lists sells and buys with quantities, values and rounds, and the projected weights', () => {
    const lines = formatPlan({
      sells: [
        {
          code: '005930',
          name: '삼성전자',
          price: 71_200,
          qty: 38,
          rounds: [12, 13, 13],
          heldQty: 100,
          targetValue: 0,
          targetPct: 40,
        },
      ],
      buys: [],
      excluded: [{ code: '035720', name: '카카오', qty: 30, price: 41_850, value: 1_255_500, reason: 'excluded' }],
      projected: { weights: { '005930': 39.4194 }, cash: 569_658 },
      totalValue: 11_205_000,
      estimatedCosts: 6_500,
    });
    expect(lines).toEqual([
      'Sells:',
      '  005930 삼성전자: 38 sh x 71,200 = 2,705,600 won, target 40.00%, rounds 12/13/13',
      'Buys: none',
      'Left alone:',
      '  035720 카카오: 30 sh (excluded)',
      'Projected: 005930 39.42%; cash 569,658 won; costs about 6,500 won',
    ]);
  });
});

const report: PostTradeReport = {
  cash: 512_345,
  totalValue: 10_000_000,
  planTotalValue: 9_990_000,
  cashWeightPct: 5.12345,
  cashTargetPct: 5,
  trackingError: 1.2345,
  byCode: [
    {
      code: '005930',
      name: '삼성전자',
      qty: 56,
      value: 3_987_200,
      weightPct: 39.872,
      targetPct: 40,
      diffPct: -0.128,
    },
    {
      code: '373220',
      name: 'LG에너지솔루션',
      qty: 5,
      value: 1_900_000,
      weightPct: 19,
      targetPct: 20,
      diffPct: -1,
    },
    { code: '000660', name: 'SK하이닉스', qty: 0, value: 0, weightPct: 0, targetPct: 0, diffPct: -0.0001 },
  ],
};

describe('formatReport', () => {
  test('gives cash and the tracking error, then code, name, weight, target and difference in aligned columns', () => {
    expect(formatReport(report, 'After the buy phase')).toEqual([
      'After the buy phase: cash 512,345 won of 10,000,000 won, tracking error 1.23 pp',
      '  Code    Name            Weight  Target   Diff',
      '  005930  삼성전자        39.87%  40.00%  -0.13',
      '  373220  LG에너지솔루션  19.00%  20.00%  -1.00',
      '  000660  SK하이닉스       0.00%   0.00%   0.00',
      '  cash                     5.12%   5.00%  +0.12',
    ]);
  });

  test('is what a report event shows, and a missing report says why', () => {
    expect(formatEvent({ type: 'report', planId: 'p1', side: 'sell', report })[0]).toBe(
      'After the sell phase: cash 512,345 won of 10,000,000 won, tracking error 1.23 pp',
    );
    expect(formatEvent({ type: 'report-missing', planId: 'p1', side: 'buy', reason: 'broker down' })).toEqual([
      'After the buy phase: no post-trade report (broker down).',
    ]);
  });
});

describe('formatEvent: why an order was cancelled, rejected or left unknown', () => {
  const cancelled = { type: 'cancelled', ...base, orderNo: '0000001', qty: 6 } as const;
  test.each<[EngineEvent, string]>([
    [
      { ...cancelled, cause: { code: 'amend-policy', attempts: 2 } },
      'SELL 005930 삼성전자 round 2: cancelled 6 sh (not filled after 2 amendment attempt(s) (AMEND_POLICY=cancel))',
    ],
    [
      { ...cancelled, cause: { code: 'to-market' } },
      'SELL 005930 삼성전자 round 2: cancelled 6 sh (remainder goes to a market order)',
    ],
    [
      { ...cancelled, cause: { code: 'kill-switch', by: { via: 'chat', chatId: 123 } } },
      'SELL 005930 삼성전자 round 2: cancelled 6 sh (cancel open orders from chat 123)',
    ],
    [{ ...cancelled, cause: { code: 'kill-switch' } }, 'SELL 005930 삼성전자 round 2: cancelled 6 sh (kill switch)'],
    [
      { ...cancelled, cause: { code: 'gone-at-broker' } },
      'SELL 005930 삼성전자 round 2: cancelled 6 sh (no longer open at the broker (cancelled or expired))',
    ],
    [
      { ...cancelled, cause: { code: 'confirmed', afterLostAnswer: true } },
      'SELL 005930 삼성전자 round 2: cancelled 6 sh (cancelled (confirmed after a lost answer))',
    ],
    [
      { ...cancelled, cause: { code: 'recorded', text: 'an older reason' } },
      'SELL 005930 삼성전자 round 2: cancelled 6 sh (an older reason)',
    ],
    [
      { type: 'order-rejected', ...base, qty: 3, cause: { code: 'broker-refused', brokerMessage: '잔고 부족' } },
      'SELL 005930 삼성전자 round 2: REJECTED 3 sh: 잔고 부족',
    ],
    [
      { type: 'order-rejected', ...base, qty: 0, cause: { code: 'quote-refused', brokerMessage: 'no such stock' } },
      'SELL 005930 삼성전자 round 2: REJECTED 0 sh: quote refused: no such stock',
    ],
    [
      { type: 'order-rejected', ...base, qty: 3, cause: { code: 'over-cap', value: 213_300, maxOrderValue: 100_000 } },
      'SELL 005930 삼성전자 round 2: REJECTED 3 sh: order value 213300 won exceeds MAX_ORDER_VALUE 100000; not sent',
    ],
    [
      { type: 'order-unknown', ...base, qty: 6, request: 'amend', detail: 'socket hang up' },
      'SELL 005930 round 2: outcome unknown (amend: socket hang up); reconciling',
    ],
    [
      { type: 'order-unknown', ...base, qty: 6, request: 'place', detail: 'timeout' },
      'SELL 005930 round 2: outcome unknown (timeout); reconciling',
    ],
  ])('%j', (event, line) => {
    expect(formatEvent(event)).toEqual([line]);
  });
});
