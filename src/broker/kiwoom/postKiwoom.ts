import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import { type AxiosInstance, isAxiosError } from 'axios';
import type { NetworkFailureKind } from './classifyKiwoomError.ts';
import { type KiwoomEnvelope, readKiwoomEnvelope } from './readKiwoomEnvelope.ts';

/** One POST to a Kiwoom endpoint. Every value in `body` is a string, as the protocol wants. */
export interface KiwoomPost {
  readonly path: string;
  readonly apiId: string;
  /** Extra headers (authorization, cont-yn, next-key). */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Readonly<Record<string, string>>;
  /** Deadline for the whole exchange, enforced with an AbortSignal. */
  readonly timeoutMs: number;
  /** Agents to use instead of the instance's (orders use fresh, non-reused connections). */
  readonly agents?: { readonly http: HttpAgent; readonly https: HttpsAgent } | undefined;
}

/** The server answered (any HTTP status). Only facts safe to keep are carried: no request config, no headers sent. */
export interface KiwoomAnswer {
  readonly type: 'answer';
  readonly status: number;
  /** Parsed JSON body, or undefined when the body was not JSON. */
  readonly body: unknown;
  readonly envelope: KiwoomEnvelope | undefined;
  /** Paging headers of the answer. */
  readonly contYn: string | undefined;
  readonly nextKey: string | undefined;
  /** HTTP `Retry-After`, in ms, when present. */
  readonly retryAfterMs: number | undefined;
  /** HTTP `Date`: the server's clock (whole seconds), when present. */
  readonly date?: string | undefined;
}

/** No answer arrived: our deadline fired or the transport failed. */
export interface KiwoomNoAnswer {
  readonly type: 'no-answer';
  readonly network: NetworkFailureKind;
  /** A short, secret-free reason such as "timeout after 300 ms" or "ECONNRESET". */
  readonly reason: string;
}

const REFUSED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ERR_SOCKET_CONNECTION_TIMEOUT', 'ECONNABORTED', 'ETIMEDOUT']);
const MAX_BODY_BYTES = 20 * 1024 * 1024;
const MAX_RETRY_AFTER_MS = 120_000;

/**
 * Sends one request and reports what came back, never throwing for HTTP statuses or transport failures. The axios
 * error (which holds the request config with the token, app key and body) is dropped here: only its error code
 * survives, so nothing secret can leak through a rethrown exception.
 */
export async function postKiwoom(client: AxiosInstance, post: KiwoomPost): Promise<KiwoomAnswer | KiwoomNoAnswer> {
  const signal = AbortSignal.timeout(post.timeoutMs);
  try {
    const response = await client.post<string>(post.path, post.body, {
      headers: {
        'Content-Type': 'application/json;charset=UTF-8',
        'api-id': post.apiId,
        ...post.headers,
      },
      signal,
      // Every status is an answer to classify, not an exception.
      validateStatus: () => true,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      // A redirected POST could re-send an order somewhere else: never follow.
      maxRedirects: 0,
      maxContentLength: MAX_BODY_BYTES,
      ...(post.agents === undefined ? {} : { httpAgent: post.agents.http, httpsAgent: post.agents.https }),
    });
    const body = parseJson(response.data);
    return {
      type: 'answer',
      status: response.status,
      body,
      envelope: readKiwoomEnvelope(body),
      contYn: headerValue(response.headers['cont-yn']),
      nextKey: headerValue(response.headers['next-key']),
      retryAfterMs: parseRetryAfter(headerValue(response.headers['retry-after'])),
      date: headerValue(response.headers.date),
    };
  } catch (err) {
    if (signal.aborted)
      return { type: 'no-answer', network: 'timeout', reason: `no answer within ${post.timeoutMs} ms` };
    const code = isAxiosError(err) ? err.code : undefined;
    return { type: 'no-answer', network: networkFailureKind(code), reason: code ?? 'transport failure' };
  }
}

/** Maps a Node/axios error code to what it says about whether the request may have been sent. */
export function networkFailureKind(code: string | undefined): NetworkFailureKind {
  if (code === undefined) return 'other';
  if (REFUSED_CODES.has(code)) return 'refused';
  if (RESET_CODES.has(code)) return 'reset';
  return 'other';
}

function parseJson(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

function headerValue(raw: unknown): string | undefined {
  if (typeof raw === 'string') return raw.trim();
  if (Array.isArray(raw) && typeof raw[0] === 'string') return raw[0].trim();
  return undefined;
}

/** `Retry-After` as seconds or an HTTP date, in ms, capped so a hostile value cannot park the client for hours. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (/^\d+$/.test(value)) return Math.min(Number.parseInt(value, 10) * 1000, MAX_RETRY_AFTER_MS);
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, at - now), MAX_RETRY_AFTER_MS);
}
