import stringWidth from 'string-width';

/**
 * Display width of text in a monospace font, in columns: what Telegram's `<pre>` blocks and the terminal need to
 * line up tables (a Hangul syllable takes two columns; string length would count it as one). The widths come from
 * `string-width` (Unicode East Asian Width via get-east-asian-width, emoji, zero-width and combining characters,
 * grapheme clusters such as conjoining Jamo), maintained against each Unicode release, instead of a hand-kept table.
 * East Asian "ambiguous" characters such as `…` and `·` count one column, as Telegram's clients show them.
 * @see ../../../shared/reference/telegram.md "Bot API limits" (pad by East Asian width)
 */

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The ellipsis appended by truncateDisplay; one column wide. */
export const ELLIPSIS = '…';

/** Columns one character (a grapheme cluster: a syllable of conjoining Jamo, an emoji sequence) takes: 0, 1 or 2. */
export function charWidth(char: string): 0 | 1 | 2 {
  const w = stringWidth(char, { ambiguousIsNarrow: true });
  return w <= 0 ? 0 : w >= 2 ? 2 : 1;
}

/** Columns `s` takes in a monospace font. */
export function displayWidth(s: string): number {
  return stringWidth(s, { ambiguousIsNarrow: true });
}

/** `s` followed by spaces up to `width` columns (left-aligned); unchanged when already that wide or wider. */
export function padEndDisplay(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

/** `s` preceded by spaces up to `width` columns (right-aligned); unchanged when already that wide or wider. */
export function padStartDisplay(s: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(s))) + s;
}

/**
 * `s` cut to at most `width` columns. When something is cut, the result ends with ELLIPSIS and may be one column
 * narrower than `width` (a double-width character never straddles the edge; a grapheme cluster is never split).
 * Throws RangeError for a width that is not a whole number >= 0.
 */
export function truncateDisplay(s: string, width: number): string {
  if (!Number.isSafeInteger(width) || width < 0) throw new RangeError(`width must be a whole number >= 0: ${width}`);
  if (displayWidth(s) <= width) return s;
  if (width === 0) return '';
  const budget = width - displayWidth(ELLIPSIS);
  let used = 0;
  let out = '';
  for (const { segment } of graphemes.segment(s)) {
    const w = charWidth(segment);
    if (used + w > budget) break;
    used += w;
    out += segment;
  }
  return out + ELLIPSIS;
}
