import { InvalidPlanInputError } from './InvalidPlanInputError.ts';
import type { PlanInput } from './PlanInput.ts';
import { isStockCode } from './stockCode.ts';
import type { FeeRates } from './types.ts';

/** Highest split count accepted: more rounds than this would only spread orders thinner than the queue can pace. */
export const MAX_SPLIT = 100;

/**
 * Checks every value the planner relies on and throws InvalidPlanInputError naming the first bad one.
 * The schemas at the boundaries check the same ranges; this is the planner's own defence, so a caller that builds
 * settings in code (the bot, tests) cannot get a plan out of nonsense.
 */
export function validatePlanInput(input: PlanInput, fees: FeeRates): void {
  checkFees(fees);
  const { account, quotes, settings } = input;
  if (!isWholeWon(account.deposit)) fail(`deposit must be a whole number of won >= 0, got ${account.deposit}`);

  const held = new Set<string>();
  for (const p of account.positions) {
    checkCode(p.code, 'position');
    if (held.has(p.code)) fail(`position ${p.code} is listed twice`);
    held.add(p.code);
    if (!isWholeWon(p.qty)) fail(`position ${p.code}: qty must be a whole number of shares >= 0, got ${p.qty}`);
    if (!isPrice(p.price)) fail(`position ${p.code}: price must be a whole number of won > 0, got ${p.price}`);
    if (p.sellableQty !== undefined && !(isWholeWon(p.sellableQty) && p.sellableQty <= p.qty)) {
      fail(`position ${p.code}: sellableQty must be a whole number from 0 to qty (${p.qty}), got ${p.sellableQty}`);
    }
  }

  const quoted = new Set<string>();
  for (const q of quotes) {
    checkCode(q.code, 'quote');
    if (quoted.has(q.code)) fail(`quote ${q.code} is listed twice`);
    quoted.add(q.code);
    if (!isPrice(q.price)) fail(`quote ${q.code}: price must be a whole number of won > 0, got ${q.price}`);
  }

  for (const [code, weight] of Object.entries(settings.weights)) {
    checkCode(code, 'weight');
    if (!(Number.isFinite(weight) && weight >= 0 && weight <= 100)) {
      fail(`weight of ${code} must be a number from 0 to 100, got ${weight}`);
    }
  }
  for (const code of settings.excluded) checkCode(code, 'excluded');
  for (const code of settings.added) checkCode(code, 'added');
  if (!(Number.isFinite(settings.cashPct) && settings.cashPct >= 0 && settings.cashPct <= 100)) {
    fail(`cashPct must be a number from 0 to 100, got ${settings.cashPct}`);
  }
  checkSplit('sellSplit', settings.sellSplit);
  checkSplit('buySplit', settings.buySplit);
  if (typeof settings.sellEnabled !== 'boolean') fail('sellEnabled must be true or false');
  if (typeof settings.buyEnabled !== 'boolean') fail('buyEnabled must be true or false');
  const band = settings.driftBandPp ?? 0;
  if (!(Number.isFinite(band) && band >= 0 && band <= 100)) {
    fail(`driftBandPp must be a number of percentage points from 0 to 100, got ${band}`);
  }
  if (!isWholeWon(settings.minTradeValue ?? 0)) {
    fail(`minTradeValue must be a whole number of won >= 0, got ${settings.minTradeValue}`);
  }

  // Fees are value x ppm in integers (fees.ts): keep that product exact for any trade up to the whole account.
  let total = account.deposit;
  for (const p of account.positions) total += p.qty * p.price;
  if (total * (fees.commissionPpm + fees.sellTaxPpm) > Number.MAX_SAFE_INTEGER) {
    fail(`the account's value (${total} won) is too large to compute fees exactly`);
  }
}

function checkFees(fees: FeeRates): void {
  for (const [name, ppm] of [
    ['commissionPpm', fees.commissionPpm],
    ['sellTaxPpm', fees.sellTaxPpm],
  ] as const) {
    // 10% is far above any real rate; it also keeps value x ppm well inside 2^53.
    if (!(Number.isSafeInteger(ppm) && ppm >= 0 && ppm <= 100_000)) {
      fail(`fee rate ${name} must be a whole number of ppm from 0 to 100000, got ${ppm}`);
    }
  }
}

function checkSplit(name: string, value: number): void {
  if (!(Number.isSafeInteger(value) && value >= 1 && value <= MAX_SPLIT)) {
    fail(`${name} must be a whole number of rounds from 1 to ${MAX_SPLIT}, got ${value}`);
  }
}

function checkCode(code: unknown, where: string): void {
  if (typeof code !== 'string' || !isStockCode(code)) fail(`${where} code "${String(code)}" is not a KRX stock code`);
}

function isWholeWon(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

function isPrice(value: number): boolean {
  return Number.isSafeInteger(value) && value > 0;
}

function fail(message: string): never {
  throw new InvalidPlanInputError(message);
}
