/**
 * Display width of text in a monospace font, in columns: what Telegram's `<pre>` blocks need to line up tables
 * (a Hangul syllable takes two columns; string length would count it as one).
 * Rules (after Unicode East Asian Width and wcwidth): wide and fullwidth characters (Hangul syllables and leading
 * Jamo, CJK, kana, fullwidth forms, most emoji) count 2; combining marks, conjoining Jamo vowels/finals, format and
 * control characters count 0; everything else counts 1 (East Asian "ambiguous" characters such as `…` included).
 */

/** Code point ranges (inclusive) that take two columns. */
const WIDE_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], // Hangul Jamo, leading consonants
  [0x2e80, 0x303e], // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
  [0x3041, 0x33ff], // kana, bopomofo, Hangul compatibility Jamo, kanbun, CJK strokes, enclosed CJK, compatibility
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa000, 0xa4cf], // Yi
  [0xa960, 0xa97f], // Hangul Jamo extended A
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe10, 0xfe19], // vertical forms
  [0xfe30, 0xfe6f], // CJK compatibility forms, small form variants
  [0xff00, 0xff60], // fullwidth ASCII forms
  [0xffe0, 0xffe6], // fullwidth signs
  [0x1f300, 0x1f64f], // pictographs, emoticons
  [0x1f900, 0x1f9ff], // supplemental pictographs
  [0x20000, 0x2fffd], // CJK extensions B..F
  [0x30000, 0x3fffd], // CJK extension G and later
];

/** Conjoining Jamo vowels and finals: they join the preceding leading consonant into one syllable cell. */
const CONJOINING_RANGES: readonly (readonly [number, number])[] = [
  [0x1160, 0x11ff],
  [0xd7b0, 0xd7ff],
];

const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}]$/u;

/** The ellipsis appended by truncateDisplay; one column wide. */
export const ELLIPSIS = '…';

/** Columns one code point takes: 0, 1 or 2. */
export function charWidth(char: string): 0 | 1 | 2 {
  const cp = char.codePointAt(0);
  if (cp === undefined) return 0;
  if (inRanges(cp, CONJOINING_RANGES) || ZERO_WIDTH.test(String.fromCodePoint(cp))) return 0;
  return inRanges(cp, WIDE_RANGES) ? 2 : 1;
}

/** Columns `s` takes in a monospace font. */
export function displayWidth(s: string): number {
  let width = 0;
  for (const char of s) width += charWidth(char);
  return width;
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
 * narrower than `width` (a double-width character never straddles the edge). Throws RangeError for a width that
 * is not a whole number >= 0.
 */
export function truncateDisplay(s: string, width: number): string {
  if (!Number.isSafeInteger(width) || width < 0) throw new RangeError(`width must be a whole number >= 0: ${width}`);
  if (displayWidth(s) <= width) return s;
  if (width === 0) return '';
  const budget = width - displayWidth(ELLIPSIS);
  let used = 0;
  let out = '';
  for (const char of s) {
    const w = charWidth(char);
    if (used + w > budget) break;
    used += w;
    out += char;
  }
  return out + ELLIPSIS;
}

function inRanges(cp: number, ranges: readonly (readonly [number, number])[]): boolean {
  for (const [from, to] of ranges) {
    if (cp < from) return false;
    if (cp <= to) return true;
  }
  return false;
}
