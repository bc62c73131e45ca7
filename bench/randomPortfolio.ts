import type { PlanInput } from '../src/domain/PlanInput.ts';
import { roundToTick } from '../src/domain/ticks.ts';
import type { Position, PriceQuote } from '../src/domain/types.ts';
import { logUniform, randInt } from './prng.ts';

const NAMES = [
  '삼성전자',
  'SK하이닉스',
  '현대차',
  'NAVER',
  '카카오',
  'LG화학',
  '셀트리온',
  '기아',
  'POSCO홀딩스',
  'KB금융',
];

/** Options for randomPortfolio; anything not given is drawn at random. */
export interface PortfolioOptions {
  readonly holdings?: number;
}

/**
 * A KRX-like account and settings drawn from `rand`: 3-50 holdings (or `holdings`), prices 1,000-1,500,000 won on
 * valid ticks, holdings off their targets, cash 0-50% of the holdings' value, cash target 0-10% (half the time 0),
 * weights all equal, partly explicit or all explicit, sometimes excluded codes, added codes, partly sellable
 * or unsellable positions (in a fifth of the accounts), sells or buys disabled, and 1-20 rounds a side.
 */
export function randomPortfolio(rand: () => number, options: PortfolioOptions = {}): PlanInput {
  const n = options.holdings ?? randInt(rand, 3, 50);
  const used = new Set<string>();
  const newCode = (): string => {
    for (;;) {
      const code = String(randInt(rand, 0, 999_999)).padStart(6, '0');
      if (!used.has(code)) {
        used.add(code);
        return code;
      }
    }
  };
  const newPrice = (): number => Math.max(1_000, roundToTick(logUniform(rand, 1_000, 1_500_000), 'down'));
  const name = (i: number): string => `${NAMES[i % NAMES.length]}${i >= NAMES.length ? ` ${i}` : ''}`;

  const invested = logUniform(rand, 5_000_000, 2_000_000_000);
  const raw = Array.from({ length: n }, () => 0.2 + rand());
  const rawSum = raw.reduce((a, b) => a + b, 0);
  const someBlocked = rand() < 0.2;
  const positions: Position[] = raw.map((r, i) => {
    const price = newPrice();
    const qty = Math.max(1, Math.round((invested * r) / rawSum / price));
    const partly = someBlocked && rand() < 0.1;
    return { code: newCode(), name: name(i), qty, price, ...(partly ? { sellableQty: randInt(rand, 0, qty) } : {}) };
  });
  const deposit = Math.round(invested * 0.5 * rand());

  const quotes: PriceQuote[] = [];
  const added: string[] = [];
  if (rand() < 0.4) {
    for (let k = randInt(rand, 1, 3); k > 0; k--) {
      const code = newCode();
      quotes.push({ code, name: `신규종목 ${code}`, price: newPrice() });
      added.push(code);
    }
  }
  const excluded: string[] = [];
  if (rand() < 0.15) {
    for (let k = randInt(rand, 1, 2); k > 0; k--) {
      const p = positions[randInt(rand, 0, n - 1)];
      if (p !== undefined && !excluded.includes(p.code)) excluded.push(p.code);
    }
  }

  const cashPct = rand() < 0.5 ? 0 : Math.round(rand() * 20) / 2;
  const eligible = [...positions.map((p) => p.code), ...added].filter((c) => !excluded.includes(c));
  const mode = rand();
  const weights: Record<string, number> = {};
  if (mode >= 0.4) {
    const all = mode >= 0.8;
    const chosen = eligible.filter(() => all || rand() < 0.3);
    const share = all ? 100 - cashPct : (100 - cashPct) * (0.3 + 0.6 * rand());
    const w = chosen.map(() => 0.2 + rand());
    const wSum = w.reduce((a, b) => a + b, 0);
    // Tenths of a percent, rounded down so the explicit weights never add up past the share they were given.
    chosen.forEach((code, i) => {
      weights[code] = Math.floor(((w[i] as number) / wSum) * share * 10) / 10;
    });
  }

  return {
    account: { deposit, positions },
    quotes,
    settings: {
      weights,
      excluded,
      added,
      cashPct,
      sellSplit: randInt(rand, 1, 20),
      buySplit: randInt(rand, 1, 20),
      sellEnabled: rand() >= 0.08,
      buyEnabled: rand() >= 0.08,
    },
  };
}

/**
 * A small account of expensive shares, where every share is several percent of the account and whole shares
 * decide the tracking error (the typical retail account with a few shares of LG에너지솔루션 or 삼성바이오로직스):
 * 3-5 holdings at 80,000-980,000 won, 0-12 shares each (the first at least 1), 0-3 million won of deposit, a cash target of 0-5%, and
 * either equal weights or one explicit weight of 10-40% with the rest shared equally. Both sides enabled.
 */
export function smallExpensiveAccount(rand: () => number): PlanInput {
  const n = randInt(rand, 3, 5);
  const positions: Position[] = Array.from({ length: n }, (_, i) => ({
    code: String(100_000 + i * 7_919),
    name: NAMES[i % NAMES.length] as string,
    qty: randInt(rand, i === 0 ? 1 : 0, 12),
    price: roundToTick(logUniform(rand, 80_000, 980_000), 'down'),
  }));
  const weights: Record<string, number> = {};
  if (rand() < 0.5) weights[positions[0]?.code as string] = randInt(rand, 10, 40);
  return {
    account: { deposit: randInt(rand, 0, 3_000_000), positions },
    quotes: [],
    settings: {
      weights,
      excluded: [],
      added: [],
      cashPct: randInt(rand, 0, 5),
      sellSplit: randInt(rand, 1, 10),
      buySplit: randInt(rand, 1, 10),
      sellEnabled: true,
      buyEnabled: true,
    },
  };
}
