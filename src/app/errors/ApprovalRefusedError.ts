/** Why an approval was refused; the bot words each reason. */
export type ApprovalRefusal =
  | 'missing'
  | 'hash-mismatch'
  | 'not-pending'
  | 'expired'
  | 'other-active'
  | 'superseded'
  | 'settings-changed'
  /** The kill switch is thrown: an approval then would start on the next /resume, not when it says. */
  | 'halted';

/** A plan could not be approved (don't retry): nothing changed. */
export class ApprovalRefusedError extends Error {
  override readonly name = 'ApprovalRefusedError';
  /** A refusal the person can act on; asking again unchanged gets the same answer. */
  readonly retryable = false;

  constructor(
    readonly reason: ApprovalRefusal,
    readonly planId: string,
    readonly detail?: string,
  ) {
    super(`plan ${planId} cannot be approved: ${reason}${detail !== undefined ? ` (${detail})` : ''}`);
  }
}
