import type { FeeRates } from '../domain/types.ts';
import type { PaperAccountFile } from './PaperAccountFile.ts';

/** Options of a PaperExchange. */
export interface PaperExchangeOptions {
  readonly account: PaperAccountFile;
  /** Seed of the price paths (default 1); each stock's path is derived from it and the code. */
  readonly seed?: number;
  readonly fees?: FeeRates;
  /** Most shares one order fills in one matching event (default 500). */
  readonly liquidityPerStep?: number;
  /** Clock for order and fill times (default Date.now). */
  readonly now?: () => number;
  /**
   * Number of the first order (new, amend or cancel), 1 .. 9,999,999. Default paperFirstOrderNo(now()): derived
   * from the start time, so a restart later the same KST day does not reuse the numbers of an earlier run.
   */
  readonly firstOrderNo?: number;
}
