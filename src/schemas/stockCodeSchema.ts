import { z } from 'zod';
import { STOCK_CODE_PATTERN } from '../domain/stockCode.ts';

/** A KRX stock code as orders use it (see domain/stockCode.ts): six characters, no type prefix. */
export const stockCodeSchema = z.string().regex(STOCK_CODE_PATTERN, {
  error: 'must be a KRX stock code: six characters like 005930 or 28513K (no A prefix)',
});
