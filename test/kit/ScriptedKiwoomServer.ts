import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the scripted server saw it. */
export interface SeenRequest {
  readonly path: string;
  readonly apiId: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Record<string, unknown>;
}

/** What the script answers: a JSON (or raw text) body with a status, or a dropped / never-answered connection. */
export type ScriptedReply =
  | {
      readonly status?: number;
      readonly body: unknown;
      readonly headers?: Record<string, string>;
      readonly raw?: boolean;
    }
  | { readonly drop: true }
  | { readonly hang: true };

/** Answers one non-token request. */
export type Script = (req: SeenRequest, index: number) => ScriptedReply;

/** A loopback stand-in for protocol corners the paper exchange does not produce (429, Spring 400, paging, bad JSON). */
export interface ScriptedKiwoomServer {
  readonly url: string;
  /** Every non-token request, in arrival order. */
  readonly requests: SeenRequest[];
  /** Token requests (au10001). */
  readonly tokenRequests: SeenRequest[];
  /** The token the server hands out next (tok-1, tok-2, ...) unless `tokenReply` says otherwise. */
  script: Script;
  tokenReply: ((n: number) => ScriptedReply) | undefined;
  close(): Promise<void>;
}

/** A valid au10001 answer for token number `n`, valid for a day. */
export function tokenAnswer(n: number): ScriptedReply {
  const expires = new Date(Date.now() + 9 * 3_600_000 + 86_400_000).toISOString().slice(0, 19).replace(/[-T:]/g, '');
  return { body: { token: `tok-${n}`, token_type: 'bearer', expires_dt: expires, return_code: 0, return_msg: 'OK' } };
}

/** Starts a scripted server on 127.0.0.1 with an ephemeral port. */
export async function startScriptedKiwoomServer(script: Script): Promise<ScriptedKiwoomServer> {
  const requests: SeenRequest[] = [];
  const tokenRequests: SeenRequest[] = [];
  const state: { script: Script; tokenReply: ((n: number) => ScriptedReply) | undefined } = {
    script,
    tokenReply: undefined,
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        body = {};
      }
      const seen: SeenRequest = {
        path: req.url ?? '/',
        apiId: String(req.headers['api-id'] ?? ''),
        headers: req.headers,
        body,
      };
      let reply: ScriptedReply;
      if (seen.path === '/oauth2/token') {
        tokenRequests.push(seen);
        reply = (state.tokenReply ?? tokenAnswer)(tokenRequests.length);
      } else {
        requests.push(seen);
        reply = state.script(seen, requests.length - 1);
      }
      if ('drop' in reply) {
        req.socket.destroy();
        return;
      }
      if ('hang' in reply) return;
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json;charset=UTF-8', ...reply.headers });
      res.end(reply.raw === true ? String(reply.body) : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    tokenRequests,
    get script() {
      return state.script;
    },
    set script(s: Script) {
      state.script = s;
    },
    get tokenReply() {
      return state.tokenReply;
    },
    set tokenReply(t) {
      state.tokenReply = t;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
