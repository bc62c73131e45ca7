import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { charWidth, displayWidth, ELLIPSIS, padEndDisplay, padStartDisplay, truncateDisplay } from './displayWidth.ts';

describe('displayWidth', () => {
  test.each([
    ['', 0],
    ['abc', 3],
    ['005930', 6],
    ['삼성전자', 8],
    ['LG에너지솔루션', 14],
    ['KODEX 200', 9],
    ['ㄱㄴ', 4], // Hangul compatibility Jamo
    ['\u1100\u1161', 2], // conjoining Jamo: leading consonant + vowel make one syllable cell
    ['漢字', 4],
    ['ＡＢ', 4], // fullwidth Latin
    ['e\u0301', 1], // e + combining acute accent
    ['a\u200bb', 2], // zero-width space
    ['…', 1],
    ['·', 1],
    ['😀', 2],
  ])('%j takes %i columns', (s, width) => {
    expect(displayWidth(s)).toBe(width);
  });

  test.each([
    ['⌚', 2], // East Asian Wide outside the old hand-kept ranges
    ['👨‍👩‍👧', 2], // one emoji: a ZWJ sequence is one grapheme, two columns
    ['🇰🇷', 2], // a flag: two regional indicators, one grapheme
    ['삼성🔋', 6],
  ])('%j takes %i columns (string-width: Unicode widths and grapheme clusters)', (s, width) => {
    expect(displayWidth(s)).toBe(width);
  });

  test('never splits a grapheme cluster when truncating', () => {
    expect(truncateDisplay('👨‍👩‍👧👨‍👩‍👧가나', 4)).toBe('👨‍👩‍👧…');
    expect(truncateDisplay('cafe\u0301 au lait', 6)).toBe('cafe\u0301 …');
  });

  test('counts by code point, not UTF-16 unit', () => {
    expect(charWidth('𠀀')).toBe(2); // CJK extension B, a surrogate pair
    expect(displayWidth('𠀀a')).toBe(3);
  });
});

describe('padEndDisplay and padStartDisplay', () => {
  test('pad Hangul by columns, not characters', () => {
    expect(padEndDisplay('삼성', 6)).toBe('삼성  ');
    expect(padStartDisplay('삼성', 6)).toBe('  삼성');
    expect(padEndDisplay('ab', 6)).toBe('ab    ');
    expect(padStartDisplay('1,000', 7)).toBe('  1,000');
  });

  test('leave text that is already wide enough unchanged', () => {
    expect(padEndDisplay('삼성전자', 4)).toBe('삼성전자');
    expect(padStartDisplay('abcdef', 3)).toBe('abcdef');
  });
});

describe('truncateDisplay', () => {
  test.each([
    ['삼성전자', 8, '삼성전자'],
    ['삼성전자우', 8, '삼성전…'],
    ['LG에너지솔루션', 10, 'LG에너지…'], // 9 columns: 솔 would straddle the edge
    ['LG에너지솔루션', 11, 'LG에너지솔…'],
    ['KODEX 200 TR', 8, 'KODEX 2…'],
    ['abc', 0, ''],
    ['abc', 1, '…'],
  ])('cuts %j to %i columns as %j', (s, width, expected) => {
    expect(truncateDisplay(s, width)).toBe(expected);
  });

  test('rejects a negative or fractional width', () => {
    expect(() => truncateDisplay('abc', -1)).toThrow(RangeError);
    expect(() => truncateDisplay('abc', 1.5)).toThrow(RangeError);
  });

  test('never exceeds the width, keeps short text, and ends cut text with the ellipsis', () => {
    const text = fc.string({
      unit: fc.constantFrom('가', '힣', 'a', 'Z', '1', ' ', '&', '漢', 'e\u0301'),
      maxLength: 30,
    });
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 30 }), (s, width) => {
        const cut = truncateDisplay(s, width);
        expect(displayWidth(cut)).toBeLessThanOrEqual(width);
        if (displayWidth(s) <= width) expect(cut).toBe(s);
        else {
          expect(cut.endsWith(ELLIPSIS)).toBe(true);
          expect(s.startsWith(cut.slice(0, -ELLIPSIS.length))).toBe(true);
          expect(displayWidth(cut)).toBeGreaterThanOrEqual(width - 1);
        }
      }),
    );
  });
});
