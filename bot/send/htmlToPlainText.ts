/**
 * The text a reader sees of a message written for Telegram's HTML mode: tags removed, the entities our renderers
 * write (`&lt; &gt; &amp; &quot;`) decoded. Used to send a message again without parse mode after Telegram could
 * not parse it.
 */
export function htmlToPlainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&amp;', '&');
}
