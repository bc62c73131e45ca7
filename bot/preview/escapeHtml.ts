/**
 * Escapes text for Telegram's HTML parse mode: `&`, `<` and `>` are the characters Telegram requires escaped
 * (`"` is escaped as well so the result is also safe inside an attribute).
 * @see https://core.telegram.org/bots/api#html-style
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}
