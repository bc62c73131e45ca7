/**
 * One line for a command that failed on the way (broker or Redis unreachable...). The error's own message may hold
 * details of the broker's answer but never a secret (the Kiwoom client redacts them); it is kept short.
 */
export function failureText(err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  const short = raw.length > 160 ? `${raw.slice(0, 160)}…` : raw;
  return `⚠️ 처리하지 못했습니다: ${short.replace(/[<>&]/g, '')}. 잠시 후 다시 시도하세요.`;
}
