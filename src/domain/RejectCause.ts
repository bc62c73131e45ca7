/**
 * Why an order was rejected before or at the broker (the `order-rejected` event's `cause`). Texts that come from the
 * broker are data (`brokerMessage`), never the wording: the bot and the CLI put the situation into words.
 */
export type RejectCause =
  /** The broker refused the order; `brokerMessage` is its answer. */
  | { readonly code: 'broker-refused'; readonly brokerMessage: string }
  /** The broker refused the quote of the stock (no such stock, not tradable), so no order was sent. */
  | { readonly code: 'quote-refused'; readonly brokerMessage: string }
  /** The order would be worth `value` won, over MAX_ORDER_VALUE (`maxOrderValue`): not sent. */
  | { readonly code: 'over-cap'; readonly value: number; readonly maxOrderValue: number }
  /** Stored by an older version, which sent the reason as English words: `text`, shown as it is. */
  | { readonly code: 'recorded'; readonly text: string };
