import { z } from 'zod';

/** A file's validated content, or the one-paragraph reason it was refused. */
export type JsonFileResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: string };

/**
 * Reads `path` with `readFile`, parses it as JSON and validates it with `schema`. The reason names the file as
 * `the ${what} ${path}` and says which step failed (cannot read, not JSON, every schema problem by path).
 */
export async function readJsonFile<T>(
  path: string,
  what: string,
  schema: z.ZodType<T>,
  readFile: (path: string) => Promise<string>,
): Promise<JsonFileResult<T>> {
  let text: string;
  try {
    text = await readFile(path);
  } catch (err) {
    return { ok: false, reason: `Cannot read the ${what} ${path}: ${(err as Error).message}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, reason: `The ${what} ${path} is not valid JSON: ${(err as Error).message}` };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    return { ok: false, reason: `The ${what} ${path} is invalid:\n${z.prettifyError(parsed.error)}` };
  return { ok: true, value: parsed.data };
}
