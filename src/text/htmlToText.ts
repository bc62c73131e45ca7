/**
 * Telegram HTML as plain text, what a reader sees of it: tags dropped, then the entities our renderers write
 * (`&lt;` `&gt;` `&quot;` `&amp;`, plus `&#39;`) turned back into characters. `&amp;` goes last so `&amp;lt;` becomes
 * `&lt;`, not `<`. A `<` that does not open a tag (`a < b`, left unescaped in a message Telegram could not parse)
 * is kept. The sender uses it to send a message again without parse mode after Telegram refused its HTML.
 */
export function htmlToText(html: string): string {
  return html
    .replace(/<\/?[a-zA-Z][^<>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
