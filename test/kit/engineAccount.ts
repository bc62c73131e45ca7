import type { PaperAccountFile } from '../../src/paper/PaperAccountFile.ts';

/** A paper account with enough cash and shares for the engine tests. */
export function engineAccount(): PaperAccountFile {
  return {
    deposit: 50_000_000,
    positions: [
      { code: '005930', name: '삼성전자', qty: 400, price: 71_200 },
      { code: '000660', name: 'SK하이닉스', qty: 100, price: 198_500 },
      { code: '035720', name: '카카오', qty: 300, price: 41_000 },
    ],
    quotes: [{ code: '373220', name: 'LG에너지솔루션', price: 380_000 }],
  };
}
