import type { PaperAccountFile } from '../../src/paper/PaperAccountFile.ts';

/**
 * A small account for paper-exchange tests. Limits at the base prices: 005930 71,200 -> 49,900..92,500;
 * 000660 198,500 -> 139,000..258,000; 123450 1,000 -> 700..1,300; 373220 380,000 -> 266,000..494,000.
 */
export function testAccount(overrides: Partial<PaperAccountFile> = {}): PaperAccountFile {
  return {
    deposit: 10_000_000,
    positions: [
      { code: '005930', name: '삼성전자', qty: 100, price: 71_200 },
      { code: '000660', name: 'SK하이닉스', qty: 10, price: 198_500 },
      { code: '123450', name: '저가주', qty: 100, price: 1_000 },
    ],
    quotes: [{ code: '373220', name: 'LG에너지솔루션', price: 380_000 }],
    ...overrides,
  };
}
