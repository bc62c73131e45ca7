/**
 * A bare-bones Kiwoom-protocol caller for tests of the paper server over real HTTP (plain fetch, on purpose not
 * the project's Kiwoom client, so the server is tested against the wire format itself).
 */

/** One response: status, headers (lower-case names) and the parsed JSON body (or the raw text). */
export interface WireResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Record<string, unknown>;
}

/**
 * POSTs `body` as JSON to `baseUrl + path` with the `api-id` header (none when `apiId` is undefined, as Kiwoom's
 * reference client sends its token calls), the token (if any) and extra headers.
 */
export async function post(
  baseUrl: string,
  path: string,
  apiId: string | undefined,
  body: unknown,
  options: { token?: string; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<WireResponse> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json;charset=UTF-8',
      ...(apiId === undefined ? {} : { 'api-id': apiId }),
      ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
      ...options.headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  const text = await res.text();
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    parsed = { raw: text };
  }
  return { status: res.status, headers: Object.fromEntries(res.headers), body: parsed };
}

/** Gets a token from au10001 (any keys work on the paper exchange). */
export async function getToken(baseUrl: string): Promise<string> {
  const res = await post(baseUrl, '/oauth2/token', 'au10001', {
    grant_type: 'client_credentials',
    appkey: 'test-app-key',
    secretkey: 'test-secret-key',
  });
  const token = res.body.token;
  if (typeof token !== 'string') throw new Error(`no token in ${JSON.stringify(res.body)}`);
  return token;
}

/** A limit order body for kt10000 / kt10001. */
export function limitOrder(code: string, qty: number, price: number): Record<string, string> {
  return { dmst_stex_tp: 'KRX', stk_cd: code, ord_qty: String(qty), ord_uv: String(price), trde_tp: '0', cond_uv: '' };
}
