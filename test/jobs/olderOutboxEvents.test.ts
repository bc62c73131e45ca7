import { describe, expect, test } from 'vitest';
import { eventLine } from '../../bot/render/eventText.ts';
import { formatEvent } from '../../src/cli/formatProgress.ts';
import { olderEventShapes } from '../../src/domain/olderEventShapes.ts';

/**
 * Review of issue 11: the outbox keeps events for days, and olderEventShapes reads the ones an older version stored
 * into today's shape. It converts `cancelled`, `order-rejected` and `order-unknown`, but `error` (older: English words
 * in `message`, no `code`) and `phase-waiting` (older: `reason`, no `code`) pass through as they are, and both faces
 * now switch on `code`: an older `error` event (e.g. the unowned-order guard's "halted, check them at the broker")
 * loses its words, and an older market-closed wait reads as "the sells are not done".
 */
describe('older outbox events still say what they said', () => {
  const olderError = {
    type: 'error',
    planId: 'p20260302-091000-aaaaaa',
    message:
      'broker order(s) for plan codes that no ledger record owns: 0000123 (buy 005930 3 sh at 70000, 090102); halted. Check them at the broker (npm run ledger), then resume',
  };

  test('an older error event: the chat shows its words', () => {
    const line = eventLine(olderEventShapes(olderError));
    expect(line).toContain('0000123');
    expect(line).not.toContain('undefined');
  });

  test('an older error event: the CLI shows its words', () => {
    const lines = formatEvent(olderEventShapes(olderError)).join('\n');
    expect(lines).toContain('0000123');
    expect(lines).not.toContain('undefined');
  });

  test('an older market-closed wait is not worded as sells-not-done', () => {
    const olderWait = {
      type: 'phase-waiting',
      planId: 'p20260302-091000-aaaaaa',
      side: 'buy',
      reason:
        'the market is closed (MARKET_SESSION=krx); orders wait for the next session, opening 2026-03-03 09:00 KST',
    };
    const line = eventLine(olderEventShapes(olderWait));
    expect(line).not.toContain('매도 주문이 아직 끝나지 않았습니다');
  });
});
