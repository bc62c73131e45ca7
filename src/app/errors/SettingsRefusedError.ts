/** A settings change that would make the settings invalid (don't retry): nothing changed. */
export class SettingsRefusedError extends Error {
  override readonly name = 'SettingsRefusedError';
  /** A refusal the person can act on; asking again unchanged gets the same answer. */
  readonly retryable = false;

  constructor(
    /** What is wrong, one line per problem (field path: reason). */
    readonly problems: readonly string[],
    /** The settings the change would have made, when it got that far (to word the problem, e.g. a 120% total). */
    readonly attempted?: unknown,
  ) {
    super(`settings refused: ${problems.join('; ')}`);
  }
}
