/** A broker order that fits a record's lost request (same code, side and quantity, not owned by another record). */
export interface BrokerCandidate {
  readonly orderNo: string;
  /** In the open-order list, or only in the executions (filled, cancelled). */
  readonly source: 'open' | 'executed';
  readonly qty: number;
  readonly price: number;
  /** Broker time of acceptance, KST `HHmmss`. */
  readonly time: string;
  readonly filledQty: number;
}
