import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { readJsonFile } from './readJsonFile.ts';

const schema = z.strictObject({ n: z.number().int() });
const fromText = (text: string) => async () => text;

describe('readJsonFile', () => {
  test('returns the validated content of a good file', async () => {
    expect(await readJsonFile('a.json', 'settings file', schema, fromText('{"n": 3}'))).toEqual({
      ok: true,
      value: { n: 3 },
    });
  });

  test.each([
    [
      'an unreadable file',
      async () => {
        throw new Error('ENOENT: no such file');
      },
      /^Cannot read the settings file a\.json: ENOENT: no such file$/,
    ],
    ['text that is not JSON', fromText('{n: 3'), /^The settings file a\.json is not valid JSON: /],
    ['JSON the schema refuses', fromText('{"n": 1.5, "x": 1}'), /^The settings file a\.json is invalid:\n[\s\S]*n/],
  ])('names the file and the failed step for %s', async (_, read, reason) => {
    const result = await readJsonFile('a.json', 'settings file', schema, read);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(reason);
  });
});
