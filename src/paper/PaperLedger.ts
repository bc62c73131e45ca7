/** Totals since the start, for conservation checks. */
export interface PaperLedger {
  readonly initialCash: number;
  readonly boughtValue: number;
  readonly soldValue: number;
  readonly commissions: number;
  readonly taxes: number;
  /** Shares by code: held at start, bought, sold. */
  readonly shares: Readonly<
    Record<string, { readonly initial: number; readonly bought: number; readonly sold: number }>
  >;
}
