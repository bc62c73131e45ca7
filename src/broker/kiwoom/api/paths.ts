/**
 * Kiwoom REST paths by resource.
 * @see shared/reference/kiwoom-rest.md "Orders", "Account queries", "Market data"
 */
export const KIWOOM_PATHS = {
  order: '/api/dostk/ordr',
  account: '/api/dostk/acnt',
  stockInfo: '/api/dostk/stkinfo',
  marketCondition: '/api/dostk/mrkcond',
} as const;

/** Orders go to KRX: the mock server is KRX only, and NXT refuses plain market orders. */
export const ORDER_EXCHANGE = 'KRX';
