/**
 * Who threw the kill switch, as a value the faces word: `chat` = a person in the Telegram chat `chatId` (/stop, or
 * its "cancel the open orders" button); `unowned-orders` = the engine itself, because the broker listed orders that
 * no ledger record owns (an `error` event names them).
 */
export type HaltSource = { readonly via: 'chat'; readonly chatId: number } | { readonly via: 'unowned-orders' };
