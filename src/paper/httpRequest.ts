import type { IncomingMessage } from 'node:http';
import type { RequestBody } from './requestFields.ts';

/** Reading an HTTP request the way the paper server needs it: headers, the bearer token, the body as an object. */

const MAX_BODY_BYTES = 1_000_000;

/** A header's value (the first, when it came more than once). */
export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The token of an `Authorization: Bearer <token>` header. */
export function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/** The body as text, or undefined when it is larger than MAX_BODY_BYTES. */
export async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The body parsed as a JSON object; undefined for an empty body, bad JSON or a non-object. */
export function parseObject(raw: string): RequestBody | undefined {
  if (raw.trim() === '') return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    return value as RequestBody;
  } catch {
    return undefined;
  }
}
