import type { RequestBody } from './requestFields.ts';

/** Body fields whose values never go into the request log. */
const SECRET_FIELDS = new Set(['appkey', 'secretkey', 'token']);

/**
 * A request body as the request log keeps it: the parsed object with its secrets replaced by "[redacted]", or,
 * for a body that is not JSON (`parsed` undefined), the text cut short unless it may hold a key or token.
 */
export function redactBody(parsed: RequestBody | undefined, raw: string): unknown {
  if (parsed === undefined) return /appkey|secretkey|token/i.test(raw) ? '[redacted]' : raw.slice(0, 500);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed)) out[key] = SECRET_FIELDS.has(key) ? '[redacted]' : value;
  return out;
}
