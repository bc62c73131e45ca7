import { DEFAULT_FEE_RATES } from '../src/domain/fees.ts';
import { optimizeQuantities, rankQuantityCandidates } from '../src/domain/optimizeQuantities.ts';
import type { PlanInput } from '../src/domain/PlanInput.ts';
import { planRebalance } from '../src/domain/planRebalance.ts';
import { makeQuantityProblem } from '../src/domain/QuantityProblem.ts';
import { resolvePlanUniverse } from '../src/domain/resolvePlanUniverse.ts';
import { outcomeOf, planQuantities } from './planOutcome.ts';
import { mulberry32 } from './prng.ts';
import { randomPortfolio, smallExpensiveAccount } from './randomPortfolio.ts';
import { seedPlan } from './seedPlanner.ts';

/** BENCH_QUICK=1 runs a small sample (for development on a loaded machine); the figures to report use the full one. */
const QUICK = process.env.BENCH_QUICK === '1';
const PORTFOLIOS = QUICK ? 40 : 300;
const SMALL_ACCOUNTS = QUICK ? 40 : 300;
const SEED = 20_260_504;
const BIG_HOLDINGS = 500;
const TIMING_RUNS = QUICK ? 5 : 50;
const TIMING_WARMUP = QUICK ? 2 : 10;
/** Accounts timed at each size (a different account each time: the search's work depends on the account). */
const TIMED_ACCOUNTS = QUICK ? 5 : 30;
const BANDS = [0, 0.5, 1, 2] as const;

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
  /** Portfolios where the seed-style candidate was the best of today's heuristic candidates. */
  readonly fallbackWins: number;
  /** The exact search on the bench portfolios and on small accounts of expensive shares. */
  readonly search: { readonly bench: SearchFigures; readonly small: SearchFigures };
  /** Time to plan accounts of 50 and 500 holdings, in ms (median and worst over TIMED_ACCOUNTS accounts). */
  readonly timing: { readonly ms50: Spread; readonly ms500: Spread };
  /** The bench portfolios planned with each drift band, in BANDS order. */
  readonly bands: readonly BandFigures[];
}

/** Median and worst of a sample. */
export interface Spread {
  readonly median: number;
  readonly worst: number;
}

/** How the exact search did on a set of accounts. */
export interface SearchFigures {
  readonly accounts: number;
  /** Accounts where the search finished and proved its plan optimal. */
  readonly optimal: number;
  /** Tracking error minus the search's lower bound (the LP lower bound where it stops early), in pp (0 where optimal). */
  readonly gap: Spread;
  /**
   * The root's bounds alone (the search stopped before its first node), against the plan's tracking error, in pp:
   * the cash-coupled LP lower bound (with the own-share bound) and the own-share bound alone (what was reported
   * before the LP bound).
   */
  readonly rootGap: { readonly lp: Spread; readonly own: Spread };
  /** Accounts where the search beat the best of today's heuristic candidates. */
  readonly improved: number;
  /** Today's best candidate's tracking error minus the plan's, in percentage points, over all accounts. */
  readonly improvement: Spread & { readonly best: number };
}

/** The bench portfolios planned with one drift band: medians over the portfolios, legs summed. */
export interface BandFigures {
  readonly bandPp: number;
  /** Value traded (both sides), in percent of the account. */
  readonly turnoverPct: number;
  /** Commission + tax, in basis points of the account. */
  readonly costsBp: number;
  readonly trackingError: number;
  readonly legs: number;
  /** Legs the band dropped from the plan without it. */
  readonly dropped: number;
}

/**
 * Planner benchmark: our planner against the seed design's sizing (seedPlanner.ts) on seeded random KRX-like
 * portfolios (randomPortfolio.ts). Prints tracking error (median, worst), idle cash, zero-share legs, whether ours
 * is never worse, and the time to plan a 500-position account; then the exact search's gap to the LP lower bound and
 * its gain over today's heuristic candidates on those portfolios and on small accounts of expensive shares
 * (smallExpensiveAccount), the time to plan 50 and 500 holdings, and turnover, fees and tax and tracking error
 * with drift bands of 0, 0.5, 1 and 2 pp; and returns the figures. BENCH_QUICK=1 runs a small sample.
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
    if (rankQuantityCandidates(problem).filter((c) => c.name !== 'hold')[0]?.name === 'seed') fallbackWins++;
  }

  const big = randomPortfolio(mulberry32(SEED + 1), { holdings: BIG_HOLDINGS });
  const benchInputs = portfolios(PORTFOLIOS, () => mulberry32(SEED));
  const result: PlannerBenchResult = {
    portfolios: PORTFOLIOS,
    fullRebalances,
    ours: ours.figures(timeMs(() => planRebalance(big))),
    seed: seed.figures(timeMs(() => seedPlan(big))),
    violations,
    medianImprovement: median(improvement),
    fallbackWins,
    search: {
      bench: searchFigures(benchInputs),
      small: searchFigures(portfolios(SMALL_ACCOUNTS, () => mulberry32(SEED + 2), smallExpensiveAccount)),
    },
    timing: { ms50: timeAccounts(50), ms500: timeAccounts(BIG_HOLDINGS) },
    bands: BANDS.map((band) => bandFigures(benchInputs, band)),
  };
  print(result);
  return result;
}

/** `count` accounts drawn in sequence from one seeded generator. */
function portfolios(
  count: number,
  seeded: () => () => number,
  draw: (rand: () => number) => PlanInput = (rand) => randomPortfolio(rand),
): PlanInput[] {
  const rand = seeded();
  return Array.from({ length: count }, () => draw(rand));
}

function searchFigures(inputs: readonly PlanInput[]): SearchFigures {
  const gaps: number[] = [];
  const rootLp: number[] = [];
  const rootOwn: number[] = [];
  const improvements: number[] = [];
  let optimal = 0;
  let improved = 0;
  for (const input of inputs) {
    const plan = planRebalance(input);
    const tracking = plan.tracking;
    if (tracking === undefined) continue;
    if (tracking.optimal) optimal++;
    gaps.push(tracking.after - tracking.lowerBound);
    const problem = makeQuantityProblem(resolvePlanUniverse(input), input, input.fees ?? DEFAULT_FEE_RATES);
    const root = optimizeQuantities(problem, 0);
    rootLp.push(tracking.after - Math.max(root.ownBound, root.lpBound ?? 0));
    rootOwn.push(tracking.after - root.ownBound);
    const today = rankQuantityCandidates(problem).filter((c) => c.name !== 'hold')[0];
    const gain = today === undefined ? 0 : today.outcome.trackingError - tracking.after;
    improvements.push(gain);
    if (gain > 1e-9) improved++;
  }
  return {
    accounts: inputs.length,
    optimal,
    gap: { median: median(gaps), worst: Math.max(...gaps) },
    rootGap: {
      lp: { median: median(rootLp), worst: Math.max(...rootLp) },
      own: { median: median(rootOwn), worst: Math.max(...rootOwn) },
    },
    improved,
    improvement: { median: median(improvements), worst: Math.min(...improvements), best: Math.max(...improvements) },
  };
}

function bandFigures(inputs: readonly PlanInput[], bandPp: number): BandFigures {
  const turnover: number[] = [];
  const costs: number[] = [];
  const te: number[] = [];
  let legs = 0;
  let dropped = 0;
  for (const base of inputs) {
    const input = { ...base, settings: { ...base.settings, driftBandPp: bandPp } };
    const plan = planRebalance(input);
    const total = plan.totalValue > 0 ? plan.totalValue : 1;
    const traded = [...plan.sells, ...plan.buys].reduce((sum, l) => sum + l.qty * l.price, 0);
    turnover.push((100 * traded) / total);
    costs.push((10_000 * plan.estimatedCosts) / total);
    te.push(plan.tracking?.after ?? Number.NaN);
    legs += plan.sells.length + plan.buys.length;
    dropped += plan.droppedLegs?.band ?? 0;
  }
  return { bandPp, turnoverPct: median(turnover), costsBp: median(costs), trackingError: median(te), legs, dropped };
}

function timeAccounts(holdings: number): Spread {
  const rand = mulberry32(SEED + holdings);
  const times: number[] = [];
  for (let k = 0; k < TIMED_ACCOUNTS; k++) {
    const input = randomPortfolio(rand, { holdings });
    planRebalance(input);
    const t0 = performance.now();
    planRebalance(input);
    times.push(performance.now() - t0);
  }
  return { median: median(times), worst: Math.max(...times) };
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
      '',
      "exact search (branch and bound from today's candidates; gap = tracking error - LP lower bound, 0 when proven):",
      searchRow(`bench portfolios (${r.search.bench.accounts})`, r.search.bench),
      searchRow(`small accounts, expensive shares (${r.search.small.accounts})`, r.search.small),
      `  plan time, ${TIMED_ACCOUNTS} accounts each: 50 holdings median ${r.timing.ms50.median.toFixed(1)} ms, worst ${r.timing.ms50.worst.toFixed(1)} ms; ${BIG_HOLDINGS} holdings median ${r.timing.ms500.median.toFixed(1)} ms, worst ${r.timing.ms500.worst.toFixed(1)} ms`,
      '',
      `drift band on the ${r.portfolios} bench portfolios (medians; legs summed):`,
      `  ${'band'.padEnd(10)}${'turnover'.padStart(12)}${'fees+tax'.padStart(12)}${'tracking'.padStart(12)}${'legs'.padStart(8)}${'dropped'.padStart(9)}`,
      ...r.bands.map(
        (b) =>
          `  ${`${b.bandPp} pp`.padEnd(10)}${`${b.turnoverPct.toFixed(2)} %`.padStart(12)}${`${b.costsBp.toFixed(2)} bp`.padStart(12)}${pp(b.trackingError).padStart(12)}${String(b.legs).padStart(8)}${String(b.dropped).padStart(9)}`,
      ),
    ].join('\n'),
  );
}

function searchRow(label: string, f: SearchFigures): string {
  const pp = (x: number): string => `${x.toFixed(3)} pp`;
  return [
    `  ${label}: proven optimal ${f.optimal}/${f.accounts}; gap to the LP lower bound median ${pp(f.gap.median)}, worst ${pp(f.gap.worst)}`,
    `    root bound alone: LP lower bound gap median ${pp(f.rootGap.lp.median)}, worst ${pp(f.rootGap.lp.worst)}; own-share bound (before) median ${pp(f.rootGap.own.median)}, worst ${pp(f.rootGap.own.worst)}`,
    `    better than today's planner on ${f.improved}/${f.accounts}, by up to ${pp(f.improvement.best)} (median ${pp(f.improvement.median)}, worst ${pp(f.improvement.worst)})`,
  ].join('\n');
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
