/**
 * Reads a message text in Telegram's HTML parse mode the way the Bot API does, far enough for tests: the tags it
 * supports, balanced nesting, the four named entities and numeric ones. Returns the text as the user sees it, or
 * the Bot API's error description ("can't parse entities: ...") for text it would refuse.
 * @see https://core.telegram.org/bots/api#html-style
 */
export type HtmlReading =
  | { readonly ok: true; readonly plain: string }
  | { readonly ok: false; readonly error: string };

const SUPPORTED_TAGS = new Set([
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'span',
  'tg-spoiler',
  'a',
  'tg-emoji',
  'code',
  'pre',
  'blockquote',
]);

const NAMED_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"' };

export function readTelegramHtml(text: string): HtmlReading {
  const open: string[] = [];
  let plain = '';
  let i = 0;
  const fail = (what: string): HtmlReading => ({
    ok: false,
    error: `Bad Request: can't parse entities: ${what} at byte offset ${Buffer.byteLength(text.slice(0, i))}`,
  });
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '<') {
      const end = text.indexOf('>', i);
      if (end < 0) return fail('Unclosed start tag');
      const inner = text.slice(i + 1, end);
      const closing = inner.startsWith('/');
      const name = (closing ? inner.slice(1) : inner).trim().split(/\s+/)[0]?.toLowerCase() ?? '';
      if (!/^[a-z][a-z-]*$/.test(name)) return fail(`Unexpected character in tag "${inner}"`);
      if (!SUPPORTED_TAGS.has(name)) return fail(`Unsupported start tag "${name}"`);
      if (closing) {
        if (open.pop() !== name) return fail(`Unmatched end tag "${name}"`);
      } else {
        open.push(name);
      }
      i = end + 1;
      continue;
    }
    if (ch === '>') return fail('Unexpected end tag character ">"');
    if (ch === '&') {
      const m = /^&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/.exec(text.slice(i, i + 12));
      const ref = m?.[1];
      if (ref !== undefined) {
        const decoded = ref.startsWith('#x')
          ? String.fromCodePoint(Number.parseInt(ref.slice(2), 16))
          : ref.startsWith('#')
            ? String.fromCodePoint(Number.parseInt(ref.slice(1), 10))
            : NAMED_ENTITIES[ref];
        if (decoded !== undefined) {
          plain += decoded;
          i += m![0].length;
          continue;
        }
      }
      // Telegram keeps an '&' that starts no known entity as it is.
    }
    plain += ch;
    i++;
  }
  if (open.length > 0) return fail(`Can't find end tag corresponding to start tag "${open[open.length - 1]}"`);
  return { ok: true, plain };
}
