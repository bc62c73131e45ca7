/** One holding with what the broker reports about it. */
export interface PaperPositionView {
  readonly code: string;
  readonly name: string;
  readonly qty: number;
  /** qty minus shares in open sell orders and shares the account file marked as not tradable. */
  readonly sellableQty: number;
  /** Average purchase price, won (rounded). */
  readonly avgPrice: number;
  /** Purchase amount of the shares held, won. */
  readonly costBasis: number;
  readonly price: number;
  readonly boughtToday: number;
  readonly soldToday: number;
}
