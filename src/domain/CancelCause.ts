import type { HaltSource } from './HaltSource.ts';

/**
 * Why the engine cancelled an order (the `cancelled` event's `cause`, kept on the ledger record as `cancelCause`).
 * The engine names the situation with its values; the bot and the CLI put it into words.
 */
export type CancelCause =
  /** AMEND_POLICY=cancel: still not filled after `attempts` amendment attempts (MAX_AMENDS). */
  | { readonly code: 'amend-policy'; readonly attempts: number }
  /** AMEND_POLICY=market: the unfilled rest is cancelled to go out again as a market order. */
  | { readonly code: 'to-market' }
  /** The kill switch with "cancel the open orders"; `by` says who threw it when the caller said so. */
  | { readonly code: 'kill-switch'; readonly by?: HaltSource }
  /** The order left the broker's open list unfilled: cancelled at the broker (by hand, by the close) or expired. */
  | { readonly code: 'gone-at-broker' }
  /**
   * A cancel the lists confirmed on a record that carried no cause (none of the engine's own cancels): acknowledged
   * by the broker, or (`afterLostAnswer`) confirmed although its answer was lost.
   */
  | { readonly code: 'confirmed'; readonly afterLostAnswer: boolean }
  /** Stored by an older version, which kept the cause as English words: `text`, shown as it is. */
  | { readonly code: 'recorded'; readonly text: string };
