import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parsePaperAccountFile, readPaperAccountFile } from './PaperAccountFile.ts';
import { PaperAccountFileError } from './PaperAccountFileError.ts';

const good = {
  deposit: 5_000_000,
  positions: [{ code: '005930', name: '삼성전자', qty: 40, price: 71_200 }],
  quotes: [{ code: '373220', name: 'LG에너지솔루션', price: 380_000 }],
};

function errorOf(json: unknown): string {
  try {
    parsePaperAccountFile(json);
  } catch (err) {
    if (err instanceof PaperAccountFileError) return err.message;
    throw err;
  }
  throw new Error('expected a PaperAccountFileError');
}

describe('paper account file', () => {
  test('accepts the product spec example', () => {
    expect(parsePaperAccountFile(good)).toEqual(good);
  });

  test('accepts sellableQty for shares that are held but blocked', () => {
    const file = { ...good, positions: [{ ...good.positions[0], sellableQty: 30 }] };
    expect(parsePaperAccountFile(file).positions[0]?.sellableQty).toBe(30);
  });

  test('quotes may be left out', () => {
    expect(parsePaperAccountFile({ deposit: 0, positions: [] }).quotes).toEqual([]);
  });

  test('accepts codes with letters (new-style and preferred shares)', () => {
    const file = {
      ...good,
      quotes: [
        { code: '0088M0', name: '신규', price: 10_000 },
        { code: '28513K', name: '우선주', price: 5_000 },
      ],
    };
    expect(parsePaperAccountFile(file).quotes).toHaveLength(2);
  });

  test('the example account file of the repository is valid', async () => {
    const file = await readPaperAccountFile(new URL('../../examples/paper-account.json', import.meta.url).pathname);
    expect(file.positions.length).toBeGreaterThanOrEqual(8);
    expect(file.quotes).toHaveLength(2);
  });

  test.each([
    ['a fractional deposit', { ...good, deposit: 100.5 }, 'deposit'],
    ['a negative deposit', { ...good, deposit: -1 }, 'deposit'],
    ['a deposit as a string', { ...good, deposit: '5000000' }, 'deposit'],
    ['an A-prefixed code', { ...good, positions: [{ ...good.positions[0], code: 'A005930' }] }, 'positions'],
    ['a five-digit code', { ...good, positions: [{ ...good.positions[0], code: '05930' }] }, 'positions'],
    ['a fractional quantity', { ...good, positions: [{ ...good.positions[0], qty: 1.5 }] }, 'qty'],
    ['a negative quantity', { ...good, positions: [{ ...good.positions[0], qty: -1 }] }, 'qty'],
    ['sellableQty above qty', { ...good, positions: [{ ...good.positions[0], sellableQty: 41 }] }, 'sellableQty'],
    ['a quote price off the tick grid', { ...good, quotes: [{ ...good.quotes[0], price: 380_100 }] }, 'quotes'],
    ['a price off the tick grid', { ...good, positions: [{ ...good.positions[0], price: 71_250 }] }, 'tick'],
    ['an empty name', { ...good, quotes: [{ ...good.quotes[0], name: ' ' }] }, 'name'],
    ['an unknown field', { ...good, cash: 1 }, 'cash'],
    ['an unknown position field', { ...good, positions: [{ ...good.positions[0], avg: 1 }] }, 'avg'],
    ['a code listed twice', { ...good, quotes: [{ code: '005930', name: 'x', price: 71_200 }] }, 'listed twice'],
    ['no positions', { deposit: 1 }, 'positions'],
  ])('rejects %s, naming the problem', (_name, json, mention) => {
    expect(errorOf(json)).toContain(mention);
  });

  test('reading a missing file or bad JSON gives a clear error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'paper-account-'));
    try {
      await expect(readPaperAccountFile(join(dir, 'nope.json'))).rejects.toThrow(/no such file/);
      await writeFile(join(dir, 'bad.json'), '{ "deposit": ');
      await expect(readPaperAccountFile(join(dir, 'bad.json'))).rejects.toThrow(/not valid JSON/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
