import { z } from 'zod';
import { paperAccountFileSchema } from './PaperAccountFile.ts';
import { PaperSnapshotError } from './PaperSnapshotError.ts';

/**
 * Everything a paper exchange is, as JSON: the account file and seed it started the day from, cash, holdings,
 * every order and cancel of the day with their fills, the next order number, and each stock's price path
 * (price, high, low, the random stream's state, volume). `PaperExchange.snapshot()` writes it, `load()` reads it;
 * the persistent paper account keeps it in Redis (src/paper/PaperStateStore.ts). Validated with zod when
 * read back, since it comes from outside the process.
 */

const int = z.number().int().safe();
const nonNeg = int.min(0);
const side = z.enum(['buy', 'sell']);

const fillSchema = z.object({ qty: nonNeg, price: nonNeg, at: nonNeg, commission: nonNeg, tax: nonNeg }).strict();

const orderSchema = z
  .object({
    orderNo: z.string().regex(/^\d{7}$/),
    origOrderNo: z
      .string()
      .regex(/^\d{7}$/)
      .optional(),
    rootOrderNo: z.string().regex(/^\d{7}$/),
    kind: z.enum(['new', 'amend']),
    side,
    type: z.enum(['limit', 'market']),
    code: z.string(),
    name: z.string(),
    price: nonNeg,
    qty: nonNeg,
    filledQty: nonNeg,
    filledValue: nonNeg,
    commission: nonNeg,
    tax: nonNeg,
    cancelledQty: nonNeg,
    amendedQty: nonNeg,
    acceptedAt: nonNeg,
    fills: z.array(fillSchema),
  })
  .strict();

export const paperExchangeSnapshotSchema = z
  .object({
    version: z.literal(1),
    /** KST day (YYYY-MM-DD) the state belongs to. */
    day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    seed: int,
    /** The account file the day started from: its prices are the day's base prices. */
    account: paperAccountFileSchema,
    firstOrderNo: int.min(1),
    lastOrderNo: nonNeg,
    initialCash: nonNeg,
    cash: nonNeg,
    instruments: z.array(
      z
        .object({
          code: z.string(),
          price: int.min(1),
          high: int.min(1),
          low: int.min(1),
          rngState: nonNeg,
          volume: nonNeg,
        })
        .strict(),
    ),
    holdings: z.array(
      z
        .object({
          code: z.string(),
          qty: nonNeg,
          cost: nonNeg,
          blocked: nonNeg,
          initial: nonNeg,
          bought: nonNeg,
          sold: nonNeg,
        })
        .strict(),
    ),
    orders: z.array(orderSchema),
    cancels: z.array(
      z
        .object({
          orderNo: z.string(),
          origOrderNo: z.string(),
          rootOrderNo: z.string(),
          code: z.string(),
          side,
          qty: nonNeg,
          at: nonNeg,
        })
        .strict(),
    ),
  })
  .strict();

export type PaperExchangeSnapshot = z.output<typeof paperExchangeSnapshotSchema>;

/** Validates parsed JSON as a snapshot (throws PaperSnapshotError naming the problems). */
export function parsePaperSnapshot(json: unknown): PaperExchangeSnapshot {
  const r = paperExchangeSnapshotSchema.safeParse(json);
  if (!r.success) throw new PaperSnapshotError(`unreadable paper exchange state:\n${z.prettifyError(r.error)}`);
  return r.data;
}
