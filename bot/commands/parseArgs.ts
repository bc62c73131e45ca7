import type { z } from 'zod';

/** A parsed command: the typed request, or one line saying what is wrong and the usage. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** Splits a command's text after the command into tokens (any whitespace, Telegram's non-breaking space too). */
export function tokens(payload: string): string[] {
  return payload
    .replace(/\u00a0/g, ' ')
    .trim()
    .split(/\s+/)
    .filter((t) => t.length > 0);
}

/** Parses `args` with `schema`; a failure is one line: the first problem, then the usage. */
export function parseWith<T>(schema: z.ZodType<T>, args: readonly string[], usage: string): Parsed<T> {
  const res = schema.safeParse(args);
  if (res.success) return { ok: true, value: res.data };
  const first = res.error.issues[0];
  return { ok: false, message: usageLine(first?.message ?? '입력이 올바르지 않습니다', usage) };
}

/** `❌ {problem} — 사용법: {usage}` on one line (newlines in the problem folded). */
export function usageLine(problem: string, usage: string): string {
  return `❌ ${problem.replace(/\s*\n\s*/g, ' ')} — 사용법: ${usage}`;
}

/** Shows a token as the user typed it, cut short and without markup characters. */
export function shown(token: unknown): string {
  const s = String(token).replace(/[<>&]/g, '');
  return s.length > 20 ? `${s.slice(0, 20)}…` : s;
}

/** A command that takes no arguments (its payload must be empty). */
export function parseNoArgs(payload: string): Parsed<true> {
  return tokens(payload).length === 0
    ? { ok: true, value: true }
    : { ok: false, message: usageLine('이 명령은 인자를 받지 않습니다', '인자 없이 입력하세요') };
}
