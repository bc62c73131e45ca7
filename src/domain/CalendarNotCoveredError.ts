/** A date outside the built-in calendar was asked about. Not retryable: the calendar data needs updating. */
export class CalendarNotCoveredError extends RangeError {
  override readonly name = 'CalendarNotCoveredError';
  readonly retryable = false;
  /** The date that was asked about. */
  readonly date: string;

  constructor(date: string, covered: { readonly first: string; readonly last: string }) {
    super(
      `the KRX calendar covers ${covered.first} to ${covered.last}; ${date} is outside it ` +
        '(add the next year to src/domain/tradingCalendar.ts)',
    );
    this.date = date;
  }
}
