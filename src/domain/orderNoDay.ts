import { kstDate } from './tradingCalendar.ts';

/**
 * The KST day (`YYYYMMDD`) an order number belongs to when it is claimed at `epochMs`: Kiwoom numbers are unique per
 * account and trading day only.
 * @see ../../shared/reference/kiwoom-rest.md "Orders" (7-digit order numbers, `0000138`: Kiwoom numbers each trading
 *   day's orders from the start again)
 */
export function orderNoDay(epochMs: number): string {
  return kstDate(new Date(epochMs)).replaceAll('-', '');
}
