/** How an order is priced: at a limit, or at the market. */
export type OrderType = 'limit' | 'market';
