import { describe, expect, test } from 'vitest';
import { kiwoomBaseUrl } from './kiwoomBaseUrl.ts';

describe('kiwoomBaseUrl', () => {
  test.each([
    ['live', undefined, 'https://api.kiwoom.com'],
    ['mock', undefined, 'https://mockapi.kiwoom.com'],
    ['mock', '', 'https://mockapi.kiwoom.com'],
    ['live', 'http://127.0.0.1:5000/', 'http://127.0.0.1:5000'],
    ['live', 'http://localhost:5000', 'http://localhost:5000'],
    ['mock', 'https://proxy.example.com/kiwoom/', 'https://proxy.example.com/kiwoom'],
  ] as const)('gives %s with override %j as %s', (env, override, expected) => {
    expect(kiwoomBaseUrl(env, override)).toBe(expected);
  });

  test.each([['api.kiwoom.com'], ['http://api.kiwoom.com'], ['ftp://127.0.0.1'], ['https://user:pw@api.kiwoom.com']])(
    'refuses the override %s',
    (override) => {
      expect(() => kiwoomBaseUrl('live', override)).toThrow(TypeError);
    },
  );
});
