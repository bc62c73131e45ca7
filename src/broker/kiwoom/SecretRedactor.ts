/**
 * Replaces known secrets (app key, secret key, issued tokens) in text we did not write ourselves, such as a
 * broker's return_msg, before it goes into an error message or a log line. A second line of defence: errors are
 * built from method, api-id, status and codes only, never from axios' config or headers.
 */
export class SecretRedactor {
  private readonly secrets: string[] = [];

  /** Keeps at most this many tokens; older ones are long expired. */
  private static readonly MAX_SECRETS = 32;

  constructor(initial: readonly string[] = []) {
    for (const secret of initial) this.add(secret);
  }

  /** Remembers a secret to hide from now on. */
  add(secret: string): void {
    if (secret.length === 0 || this.secrets.includes(secret)) return;
    this.secrets.push(secret);
    // Drop the oldest token but never the keys given first.
    if (this.secrets.length > SecretRedactor.MAX_SECRETS) this.secrets.splice(2, 1);
  }

  /** `text` with every known secret replaced by `[redacted]`. */
  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join('[redacted]');
    return out;
  }
}
