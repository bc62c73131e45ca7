import { TelegramError } from 'telegraf';

/**
 * What a failed Bot API call means for the sender (pure):
 * - `rate-limited`: 429, wait `retryAfterMs` (Telegram's `retry_after`, 1 s if absent) and send again;
 * - `transient`: 5xx or a network failure, retry with backoff;
 * - `refused`: any other Telegram error (400, 403, ...), never retried; `parse` marks "can't parse entities"
 *   (the sender falls back to plain text once) and `notModified` an edit to identical content;
 * - `unexpected`: not an error of the call (a bug), rethrown as is.
 * @see ../../../shared/reference/telegram.md "Bot API limits" (grammY's auto-retry policy)
 */
export type TelegramFailure =
  | { readonly kind: 'rate-limited'; readonly retryAfterMs: number }
  | { readonly kind: 'transient' }
  | {
      readonly kind: 'refused';
      readonly code: number;
      readonly description: string;
      readonly parse: boolean;
      readonly notModified: boolean;
    }
  | { readonly kind: 'unexpected' };

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
]);

export function classifyTelegramError(err: unknown): TelegramFailure {
  if (err instanceof TelegramError) {
    const code = err.code;
    if (code === 429) {
      const seconds = err.parameters?.retry_after;
      return { kind: 'rate-limited', retryAfterMs: (typeof seconds === 'number' && seconds >= 0 ? seconds : 1) * 1000 };
    }
    if (code >= 500) return { kind: 'transient' };
    const description = String(err.description ?? '');
    return {
      kind: 'refused',
      code,
      description,
      parse: code === 400 && description.includes("can't parse entities"),
      notModified: code === 400 && description.includes('message is not modified'),
    };
  }
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    if (err.name === 'FetchError' || (typeof code === 'string' && NETWORK_CODES.has(code)))
      return { kind: 'transient' };
  }
  return { kind: 'unexpected' };
}
