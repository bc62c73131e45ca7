import { z } from 'zod';

/**
 * A numeric wire field: Kiwoom sends strings (signed, zero padded, sometimes empty); a stand-in may send numbers.
 * Schemas only check the shape; the value is read by parseKiwoomNumber in the mapper.
 */
export const wireNumber = z.union([z.string(), z.number()]);

/** A text field. */
export const wireText = z.string();

/** A list that may come back as null when empty. */
export function wireList<T extends z.ZodType>(item: T) {
  return z.array(item).nullable();
}

/**
 * A short, value-free summary of a schema mismatch (`oso.0.ord_qty: invalid_type`): field paths and issue codes
 * only, so no received value (which could be anything the server sent) reaches an error message.
 */
export function schemaProblems(error: z.ZodError): string {
  const shown = error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code}`);
  const more = error.issues.length > 5 ? ` and ${error.issues.length - 5} more` : '';
  return `${shown.join('; ')}${more}`;
}
