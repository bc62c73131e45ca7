import { describe, expect, test } from 'vitest';
import { phaseStartJobId } from './phaseStartJobId.ts';

describe('phaseStartJobId', () => {
  test('is one id per plan, side and date, without the colon BullMQ forbids', () => {
    const id = phaseStartJobId('p-1', 'sell', '2026-05-06');
    expect(id).toBe('phase-p-1-sell-2026-05-06');
    expect(id).not.toContain(':');
    expect(phaseStartJobId('p-1', 'buy', '2026-05-06')).not.toBe(id);
  });
});
