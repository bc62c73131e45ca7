import { expect, test } from 'vitest';
import { escapeHtml } from './escapeHtml.ts';

test.each([
  ['<b>&', '&lt;b&gt;&amp;'],
  ['A&B "우"', 'A&amp;B &quot;우&quot;'],
  ['삼성전자', '삼성전자'],
  ['&amp;', '&amp;amp;'],
])('escapes %j as %j for Telegram HTML', (raw, expected) => {
  expect(escapeHtml(raw)).toBe(expected);
});
