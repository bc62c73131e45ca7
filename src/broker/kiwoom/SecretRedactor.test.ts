import { describe, expect, test } from 'vitest';
import { SecretRedactor } from './SecretRedactor.ts';

describe('SecretRedactor', () => {
  test('replaces every occurrence of every known secret', () => {
    const redactor = new SecretRedactor(['APPKEY1', 'SECRET1']);
    redactor.add('TOKEN1');
    expect(redactor.redact('a APPKEY1 b SECRET1 c TOKEN1 d APPKEY1')).toBe(
      'a [redacted] b [redacted] c [redacted] d [redacted]',
    );
  });

  test('keeps the keys given first when many tokens come and go', () => {
    const redactor = new SecretRedactor(['APPKEY1', 'SECRET1']);
    for (let i = 0; i < 100; i += 1) redactor.add(`TOKEN-${i}`);
    expect(redactor.redact('APPKEY1 SECRET1 TOKEN-99')).toBe('[redacted] [redacted] [redacted]');
  });

  test('ignores empty secrets', () => {
    const redactor = new SecretRedactor(['']);
    expect(redactor.redact('text')).toBe('text');
  });
});
