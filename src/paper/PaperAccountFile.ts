import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { isOnTick } from '../domain/ticks.ts';
import { accountFileSchema } from '../schemas/accountSchema.ts';
import { PaperAccountFileError } from './PaperAccountFileError.ts';

/**
 * The paper exchange's account file (product.md "Paper account file"):
 * `{ "deposit": 5000000, "positions": [{ "code", "name", "qty", "price" }], "quotes": [{ "code", "name", "price" }] }`.
 * The shape is the project's shared `accountFileSchema` (src/schemas/accountSchema.ts: strict, whole numbers,
 * codes by the KRX pattern, no code twice, optional `sellableQty` for shares that are held but blocked). The paper
 * exchange adds one rule: prices are the day's base prices (the random walk starts there and the daily limits are
 * computed from them), so they must sit on the KRX tick grid. Every stock uses the ordinary-share tick table.
 */
export const paperAccountFileSchema = accountFileSchema.superRefine((file, ctx) => {
  const priced = [
    ...file.positions.map((p, i) => ({ price: p.price, path: ['positions', i, 'price'] })),
    ...file.quotes.map((q, i) => ({ price: q.price, path: ['quotes', i, 'price'] })),
  ];
  for (const entry of priced) {
    // @see ../shared/reference/krx-rules.md "Tick sizes": an order price off the grid is rejected by the broker.
    if (!isOnTick(entry.price, 'stock')) {
      ctx.addIssue({
        code: 'custom',
        path: entry.path,
        message: `${entry.price} is not on the KRX tick grid (e.g. 71200, not 71250)`,
      });
    }
  }
});

/** A validated account file. */
export type PaperAccountFile = z.output<typeof paperAccountFileSchema>;

/** Validates parsed JSON as an account file. Throws PaperAccountFileError listing every problem by path. */
export function parsePaperAccountFile(json: unknown): PaperAccountFile {
  const result = paperAccountFileSchema.safeParse(json);
  if (!result.success) {
    throw new PaperAccountFileError(`Invalid paper account file:\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}

/** Reads and validates an account file from disk. Throws PaperAccountFileError for a missing file, bad JSON or bad content. */
export async function readPaperAccountFile(path: string): Promise<PaperAccountFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String((err as Error).message);
    throw new PaperAccountFileError(`Cannot read paper account file ${path}: ${why}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new PaperAccountFileError(`Paper account file ${path} is not valid JSON: ${(err as Error).message}`);
  }
  return parsePaperAccountFile(json);
}
