/**
 * Polls `check` every 50 ms until it returns a value other than undefined, or fails after `timeoutMs`; returns the
 * value. (waitFor in waitFor.ts waits for a true instead; tests written against the bench import this one under
 * that name.)
 */
export async function waitForValue<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
