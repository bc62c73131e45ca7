import { DEFAULT_FEE_RATES } from '../src/domain/fees.ts';
import { rankQuantityCandidates } from '../src/domain/optimizeQuantities.ts';
import type { PlanInput } from '../src/domain/PlanInput.ts';
import { planRebalance } from '../src/domain/planRebalance.ts';
import { makeQuantityProblem } from '../src/domain/QuantityProblem.ts';
import { resolvePlanUniverse } from '../src/domain/resolvePlanUniverse.ts';
import { outcomeOf, planQuantities } from './planOutcome.ts';
import { mulberry32 } from './prng.ts';
import { randomPortfolio } from './randomPortfolio.ts';
import { seedPlan } from './seedPlanner.ts';

const PORTFOLIOS = 300;
const SEED = 20_260_504;
const BIG_HOLDINGS = 500;
const TIMING_RUNS = 50;
const TIMING_WARMUP = 10;

/** Figures of one planner. */
export interface PlannerFigures {
  /** Median post-trade tracking error over all portfolios, in percentage points. */
  readonly medianTe: number;
  /** Median over the full rebalances only (both sides enabled, every position sellable). */
  readonly medianTeFull: number;
  readonly worstTe: number;
  /** Median cash above its target after the trades, in percent of the account. */
  readonly medianIdlePct: number;
  readonly zeroShareLegs: number;
  readonly legs: number;
  /** Median time to plan the 500-position account, in ms. */
  readonly ms500: number;
}

/** Everything the planner benchmark measured. */
export interface PlannerBenchResult {
  readonly portfolios: number;
  readonly fullRebalances: number;
  readonly ours: PlannerFigures;
  readonly seed: PlannerFigures;
  /** Portfolios where our tracking error is above the seed's. */
  readonly violations: number;
  /** Median of (seed's tracking error - ours), in percentage points. */
  readonly medianImprovement: number;
  /** Portfolios where the planner's own search lost to its seed-style fallback candidate. */
  readonly fallbackWins: number;
}

/**
 * Planner benchmark: our planner against the seed design's sizing (seedPlanner.ts) on seeded random KRX-like
 * portfolios (randomPortfolio.ts). Prints tracking error (median, worst), idle cash, zero-share legs, whether ours
 * is never worse, and the time to plan a 500-position account, and returns the figures.
 */
export function run(): PlannerBenchResult {
  const rand = mulberry32(SEED);
  const ours = collector();
  const seed = collector();
  const improvement: number[] = [];
  let violations = 0;
  let fallbackWins = 0;
  let fullRebalances = 0;
  for (let k = 0; k < PORTFOLIOS; k++) {
    const input = randomPortfolio(rand);
    const full = isFullRebalance(input);
    if (full) fullRebalances++;

    const plan = planRebalance(input);
    const o = outcomeOf(input, planQuantities(input, plan), plan.projected.cash);
    ours.add(o.trackingError, o.idleCashPct, full, 0, plan.sells.length + plan.buys.length);

    const s = seedPlan(input);
    const so = outcomeOf(input, s.qty, s.cash);
    seed.add(so.trackingError, so.idleCashPct, full, s.zeroShareLegs, s.legs);

    improvement.push(so.trackingError - o.trackingError);
    if (o.trackingError > so.trackingError + 1e-12) violations++;
    const problem = makeQuantityProblem(resolvePlanUniverse(input), input, input.fees ?? DEFAULT_FEE_RATES);
    if (rankQuantityCandidates(problem)[0]?.name === 'seed') fallbackWins++;
  }

  const big = randomPortfolio(mulberry32(SEED + 1), { holdings: BIG_HOLDINGS });
  const result: PlannerBenchResult = {
    portfolios: PORTFOLIOS,
    fullRebalances,
    ours: ours.figures(timeMs(() => planRebalance(big))),
    seed: seed.figures(timeMs(() => seedPlan(big))),
    violations,
    medianImprovement: median(improvement),
    fallbackWins,
  };
  print(result);
  return result;
}

function isFullRebalance(input: PlanInput): boolean {
  const { sellEnabled, buyEnabled } = input.settings;
  return sellEnabled && buyEnabled && input.account.positions.every((p) => p.sellableQty === undefined);
}

function collector() {
  const te: number[] = [];
  const teFull: number[] = [];
  const idle: number[] = [];
  let zero = 0;
  let legs = 0;
  return {
    add(trackingError: number, idlePct: number, full: boolean, zeroLegs: number, legCount: number): void {
      te.push(trackingError);
      if (full) teFull.push(trackingError);
      idle.push(idlePct);
      zero += zeroLegs;
      legs += legCount;
    },
    figures(ms500: number): PlannerFigures {
      return {
        medianTe: median(te),
        medianTeFull: median(teFull),
        worstTe: Math.max(...te),
        medianIdlePct: median(idle),
        zeroShareLegs: zero,
        legs,
        ms500,
      };
    },
  };
}

function print(r: PlannerBenchResult): void {
  const row = (label: string, a: string, b: string): string =>
    `  ${label.padEnd(44)}${a.padStart(12)}${b.padStart(12)}`;
  const pp = (x: number): string => `${x.toFixed(3)} pp`;
  const pct = (x: number): string => `${x.toFixed(3)} %`;
  console.log(
    [
      `planner: ${r.portfolios} seeded KRX-like portfolios (seed ${SEED}), 3-50 holdings, prices 1,000-1,500,000 won`,
      row('', 'ours', 'seed'),
      row('tracking error, median', pp(r.ours.medianTe), pp(r.seed.medianTe)),
      row(`  full rebalances only (${r.fullRebalances}), median`, pp(r.ours.medianTeFull), pp(r.seed.medianTeFull)),
      row('tracking error, worst', pp(r.ours.worstTe), pp(r.seed.worstTe)),
      row('idle cash above target, median', pct(r.ours.medianIdlePct), pct(r.seed.medianIdlePct)),
      row(
        'legs with zero shares / all legs',
        `${r.ours.zeroShareLegs}/${r.ours.legs}`,
        `${r.seed.zeroShareLegs}/${r.seed.legs}`,
      ),
      row(
        `plan ${BIG_HOLDINGS} positions, median of ${TIMING_RUNS} (ms)`,
        r.ours.ms500.toFixed(2),
        r.seed.ms500.toFixed(2),
      ),
      `  ours <= seed on every portfolio: ${r.violations === 0 ? 'yes' : 'no'} (${r.violations} violations)`,
      `  median improvement: ${pp(r.medianImprovement)}; seed-style fallback candidate chosen in ${r.fallbackWins}/${r.portfolios}`,
      `  time ratio ours/seed: ${(r.ours.ms500 / r.seed.ms500).toFixed(1)}x`,
    ].join('\n'),
  );
}

function timeMs(fn: () => unknown): number {
  for (let i = 0; i < TIMING_WARMUP; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < TIMING_RUNS; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
