/** Escapes `& < >` for Telegram HTML (names and codes come from the broker). */
export function esc(s: string | number): string {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A percentage with at most two decimals. */
export function pct(n: number): string {
  return `${Math.round(n * 100) / 100}%`;
}

/** KST `MM-DD HH:MM` of an instant. */
export function kstWhen(ms: number): string {
  const d = new Date(ms + 9 * 3600 * 1000).toISOString();
  return `${d.slice(5, 10)} ${d.slice(11, 16)}`;
}
