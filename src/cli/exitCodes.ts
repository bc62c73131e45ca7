/** Exit codes of the `npm run` entry points (plan, rebalance, ledger, demo). */

/** Done (the plan is done, the dry run printed, the command did what it was asked). */
export const EXIT_DONE = 0;
/** Broker, Redis, kill switch thrown, interrupted. */
export const EXIT_FAILURE = 1;
/** Bad arguments, input file or configuration, a plan the planner refuses, a refused settlement; nothing changed. */
export const EXIT_BAD_INPUT = 2;
