import { z } from 'zod';
import { stockCodeSchema } from './stockCodeSchema.ts';

/** Highest price accepted: far above any KRX share (the dearest trade at a few million won). */
const MAX_PRICE = 100_000_000;
/** Highest share count of one position. */
const MAX_QTY = 1_000_000_000;
/** Highest deposit: 1 trillion won. */
const MAX_DEPOSIT = 1_000_000_000_000;

const name = z.string().trim().min(1, { error: 'must not be empty' }).max(100);
const price = z
  .number({ error: 'must be a number' })
  .int({ error: 'must be whole won' })
  .min(1, { error: 'must be at least 1 won' })
  .max(MAX_PRICE);
const shares = z
  .number({ error: 'must be a number' })
  .int({ error: 'must be whole shares' })
  .min(0, { error: 'must not be negative' })
  .max(MAX_QTY);

/**
 * One holding: `{ code, name, qty, price }`, plus an optional `sellableQty` (shares that can be sold now, at most
 * qty; 0 means held but not tradable). qty 0 is accepted and means not held.
 */
export const positionSchema = z
  .strictObject({ code: stockCodeSchema, name, qty: shares, price, sellableQty: shares.optional() })
  .refine((p) => p.sellableQty === undefined || p.sellableQty <= p.qty, {
    error: 'sellableQty must not be more than qty',
    path: ['sellableQty'],
  });

/** The price of a code that is not held (an added code): `{ code, name, price }`. */
export const quoteSchema = z.strictObject({ code: stockCodeSchema, name, price });

/** Orderable cash in won. */
const depositSchema = z
  .number({ error: 'must be a number' })
  .int({ error: 'must be whole won' })
  .min(0, { error: 'must not be negative' })
  .max(MAX_DEPOSIT);

/** Adds an issue for every code listed twice in `codes`. */
function rejectDuplicates(
  codes: readonly { code: string; path: (string | number)[] }[],
  ctx: z.core.$RefinementCtx<unknown>,
): void {
  const seen = new Set<string>();
  for (const entry of codes) {
    if (seen.has(entry.code))
      ctx.addIssue({ code: 'custom', path: entry.path, message: `${entry.code} is listed twice` });
    seen.add(entry.code);
  }
}

/** An account snapshot: `{ deposit, positions: [...] }`; a code may be held once. */
export const accountSchema = z
  .strictObject({ deposit: depositSchema, positions: z.array(positionSchema) })
  .superRefine((a, ctx) =>
    rejectDuplicates(
      a.positions.map((p, i) => ({ code: p.code, path: ['positions', i, 'code'] })),
      ctx,
    ),
  );

/** Quotes of codes not held; a code may be quoted once. */
export const quotesSchema = z.array(quoteSchema).superRefine((qs, ctx) =>
  rejectDuplicates(
    qs.map((q, i) => ({ code: q.code, path: [i, 'code'] })),
    ctx,
  ),
);

/**
 * The paper account file (product.md "Paper account file"):
 * `{ deposit, positions: [{ code, name, qty, price }], quotes: [{ code, name, price }] }`.
 * `quotes` may be left out.
 */
export const accountFileSchema = z
  .strictObject({
    deposit: depositSchema,
    positions: z.array(positionSchema),
    quotes: z.array(quoteSchema).default([]),
  })
  .superRefine((file, ctx) =>
    rejectDuplicates(
      [
        ...file.positions.map((p, i) => ({ code: p.code, path: ['positions', i, 'code'] })),
        ...file.quotes.map((q, i) => ({ code: q.code, path: ['quotes', i, 'code'] })),
      ],
      ctx,
    ),
  );

/** A validated account snapshot. */
export type AccountInput = z.output<typeof accountSchema>;
/** A validated paper account file. */
export type AccountFile = z.output<typeof accountFileSchema>;
