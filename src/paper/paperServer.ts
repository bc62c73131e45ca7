import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type OrderSessionMode, orderSessionAt } from '../domain/orderSession.ts';
import type { FeeRates } from '../domain/types.ts';
import type { Logger } from '../logging/logger.ts';
import { type BareTokenCode, FaultInjector, type TriggeredFault } from './FaultInjector.ts';
import { KIWOOM_API_IDS } from './kiwoomApiIds.ts';
import type { PaperAccountFile } from './PaperAccountFile.ts';
import { PaperExchange, type PaperRequestRecord } from './PaperExchange.ts';
import { PaperRejection } from './PaperRejection.ts';
import { apiIdByPath, PAPER_PATHS, PAPER_ROUTES } from './paperRoutes.ts';
import type { RequestBody } from './requestFields.ts';
import { TokenStore } from './TokenStore.ts';

/**
 * The paper exchange over HTTP: speaks the Kiwoom REST protocol on 127.0.0.1 so the same Kiwoom client runs in
 * paper and live mode. Every call is `POST {url}{path}` with an `api-id` header and a JSON body; answers are JSON
 * with `return_code` / `return_msg` (refusals too arrive as HTTP 200, as with Kiwoom).
 * @see ../shared/reference/kiwoom-rest.md
 *
 * Order of handling a request: a missing or empty `api-id` header on `/oauth2/token` / `/oauth2/revoke` means
 * au10001 / au10002 -> record it in `exchange.requestLog` (on arrival, secrets redacted, under that api-id) ->
 * apply an injected fault if one matches -> unknown path: HTTP 404 (any `/api/dostk/` path is known for a real
 * Kiwoom api-id) -> body not a JSON object: HTTP 400 (Spring-style body) -> a real Kiwoom api-id the exchange does
 * not model: token check, then return_code 20 `[2000](RC9000:...)` (the mock server's "not offered") -> any other
 * unknown api-id or a wrong path: return_code 2 [1501] -> token check (all but au10001/au10002): return_code 3
 * [8005] (or a bare return_code, when a tokenExpired fault asks for it) -> the handler. `requestLog` lives on the
 * exchange and is also exposed as `server.requestLog` (the same array).
 * @see docs/KIWOOM_PROTOCOL.md
 */

/** Options of startPaperServer. */
export interface PaperServerOptions {
  readonly account: PaperAccountFile;
  /** Port on 127.0.0.1 (default 0: an ephemeral port). */
  readonly port?: number;
  /** Seed of the price paths (default 1): same seed, same prices. */
  readonly seed?: number;
  /** Default DEFAULT_FEE_RATES of src/domain/fees.ts. */
  readonly fees?: FeeRates;
  /** Advance prices and match every N ms on a timer; 0/undefined = only on exchange.step(). */
  readonly autoStepMs?: number;
  /** Most shares one order fills per matching event (default 500). */
  readonly liquidityPerStep?: number;
  /** Lifetime of issued tokens (default 24 h); `expires_dt` is reported in KST. */
  readonly tokenTtlMs?: number;
  /** Most rows per page of ka10075 / ka10076 / kt00018 (default 20). */
  readonly pageSize?: number;
  /** Account number ka00001 reports (default 5012345610). */
  readonly accountNo?: string;
  /**
   * Number of the first order (default: derived from the start time, see firstOrderNo.ts, so a restart later the
   * same day does not hand out an earlier run's numbers again). Tests that want fixed numbers set it.
   */
  readonly firstOrderNo?: number;
  readonly logger?: Logger;
  /**
   * Trading hours the exchange keeps: `always` (default: trades at any hour, for demos and tests) or `krx` (new
   * orders and amendments refused outside the KRX regular session of a trading day, see orderSession.ts).
   */
  readonly session?: OrderSessionMode;
  /** The clock the session is judged by (default Date.now); tests pass a fake one. */
  readonly sessionClock?: () => number;
  /**
   * State to resume from (a PaperExchangeSnapshot, e.g. read back from Redis): loaded into the exchange before it
   * listens; `account` and `seed` then come from the snapshot. Throws PaperSnapshotError when it cannot be loaded.
   */
  readonly snapshot?: unknown;
  /**
   * Called after every request is handled and before it is answered, and after every automatic price step, so a
   * persistent paper account can save the state: an order is acknowledged only once it was saved, as a real broker
   * records an order before confirming it. Errors are logged; the answer goes out regardless.
   */
  readonly afterChange?: () => Promise<void>;
}

/** A running paper server. */
export interface PaperServer {
  /** Base URL for the Kiwoom client, e.g. http://127.0.0.1:54321. */
  readonly url: string;
  readonly port: number;
  readonly exchange: PaperExchange;
  readonly faults: FaultInjector;
  /** Every request on arrival (the same array as exchange.requestLog). */
  readonly requestLog: ReadonlyArray<PaperRequestRecord>;
  /** Stops timers, drops held responses and closes every socket. */
  close(): Promise<void>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_PAGE_SIZE = 20;
const DEFAULT_ACCOUNT_NO = '5012345610';
const MAX_BODY_BYTES = 1_000_000;
/** Body fields whose values never go into the request log. */
const SECRET_FIELDS = new Set(['appkey', 'secretkey', 'token']);
/** Where Kiwoom's domestic-stock api-ids live; a real api-id the exchange does not model may come to any of them. */
const KIWOOM_API_PREFIX = '/api/dostk/';
/** return_msg of a token refusal in the bare shape: the code is the return_code, the message carries none. */
const BARE_TOKEN_TEXT: Record<BareTokenCode, string> = {
  8005: 'Token이 유효하지 않습니다',
  8031: '다른 환경에서 발급된 Token입니다',
  8103: 'Token 또는 단말기 인증에 실패했습니다',
};

interface Outcome {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers?: Record<string, string> | undefined;
}

/** Starts the paper exchange on 127.0.0.1 and resolves once it listens. */
export async function startPaperServer(options: PaperServerOptions): Promise<PaperServer> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) throw new RangeError(`pageSize must be >= 1: ${pageSize}`);
  const autoStepMs = options.autoStepMs ?? 0;
  if (!Number.isFinite(autoStepMs) || autoStepMs < 0) throw new RangeError(`autoStepMs must be >= 0: ${autoStepMs}`);
  const exchange = new PaperExchange({
    account: options.account,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.fees === undefined ? {} : { fees: options.fees }),
    ...(options.liquidityPerStep === undefined ? {} : { liquidityPerStep: options.liquidityPerStep }),
    ...(options.firstOrderNo === undefined ? {} : { firstOrderNo: options.firstOrderNo }),
  });
  if (options.snapshot !== undefined) exchange.load(options.snapshot);
  const afterChange = async (): Promise<void> => {
    try {
      await options.afterChange?.();
    } catch (err) {
      logger?.error({ err }, 'paper exchange: saving the state failed');
    }
  };
  const faults = new FaultInjector((on) => exchange.holdFills(on));
  const session = options.session ?? 'always';
  if (session !== 'always' && session !== 'krx') throw new RangeError(`unknown session: ${String(session)}`);
  const sessionClock = options.sessionClock ?? Date.now;
  const marketOpen = (): boolean => {
    try {
      return orderSessionAt(session, sessionClock()).open;
    } catch {
      // A day the calendar does not cover: closed, as the engine assumes.
      return false;
    }
  };
  const tokens = new TokenStore(options.tokenTtlMs ?? DAY_MS);
  const accountNo = options.accountNo ?? DEFAULT_ACCOUNT_NO;
  const logger = options.logger;
  const timers = new Set<NodeJS.Timeout>();
  const held = new Set<ServerResponse>();

  const later = (ms: number, fn: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  const send = (res: ServerResponse, apiId: string, outcome: Outcome): void => {
    const write = () => {
      if (res.destroyed || res.writableEnded) return;
      res.writeHead(outcome.status, {
        'content-type': 'application/json;charset=UTF-8',
        ...(/^[A-Za-z0-9]{1,20}$/.test(apiId) ? { 'api-id': apiId } : {}),
        'cont-yn': 'N',
        'next-key': '',
        // The exchange's clock as it shows it (a shifted clock, FaultInjector.setClockOffset); Node would write now.
        date: new Date(Date.now() + faults.clockOffsetMs).toUTCString(),
        ...outcome.headers,
      });
      res.end(JSON.stringify(outcome.body));
    };
    if (faults.latencyMs > 0) later(faults.latencyMs, write);
    else write();
  };

  const hold = (res: ServerResponse, fault: TriggeredFault): void => {
    held.add(res);
    res.on('close', () => held.delete(res));
    later(fault.holdMs, () => {
      held.delete(res);
      res.socket?.destroy();
    });
  };

  const process = (
    req: IncomingMessage,
    path: string,
    apiId: string,
    parsed: RequestBody | undefined,
    fault: TriggeredFault | undefined,
  ): Outcome => {
    const bareCode = fault?.kind === 'tokenExpired' ? fault.bareReturnCode : undefined;
    const route = Object.hasOwn(PAPER_ROUTES, apiId) ? PAPER_ROUTES[apiId] : undefined;
    const unmodelled = route === undefined && KIWOOM_API_IDS.has(apiId) && path.startsWith(KIWOOM_API_PREFIX);
    if (!PAPER_PATHS.has(path) && !unmodelled) return { status: 404, body: springError(404, 'Not Found', path) };
    if (parsed === undefined) return { status: 400, body: springError(400, 'Bad Request', path) };
    const refused = (): Outcome | undefined => {
      const token = bearer(req.headers.authorization);
      if (token !== undefined && tokens.isValid(token)) return undefined;
      if (bareCode !== undefined) {
        return { status: 200, body: { return_code: bareCode, return_msg: BARE_TOKEN_TEXT[bareCode] } };
      }
      return { status: 200, body: new PaperRejection('invalidToken').toBody() };
    };
    if (unmodelled) return refused() ?? { status: 200, body: new PaperRejection('notOnMock').toBody() };
    if (route === undefined || route.path !== path) {
      return { status: 200, body: new PaperRejection('unknownApi', `api-id=${apiId.slice(0, 10)}`).toBody() };
    }
    if (route.auth) {
      const refusal = refused();
      if (refusal !== undefined) return refusal;
    }
    try {
      const result = route.handler({
        exchange,
        tokens,
        apiId,
        body: parsed,
        contYn: headerValue(req.headers['cont-yn']),
        nextKey: headerValue(req.headers['next-key']),
        pageSize,
        accountNo,
        now: Date.now,
        clockOffsetMs: faults.clockOffsetMs,
        marketOpen,
        ...(fault?.kind === 'cancelAckBeforeEffect'
          ? {
              deferCancel: {
                ...(fault.steps !== undefined ? { steps: fault.steps } : {}),
                schedule: (orderNo: string) => later(fault.holdMs, () => exchange.applyDeferredCancel(orderNo)),
              },
            }
          : {}),
      });
      return { status: 200, body: result.body, headers: result.headers };
    } catch (err) {
      if (err instanceof PaperRejection) return { status: 200, body: err.toBody() };
      logger?.error({ err, apiId }, 'paper exchange: unexpected error');
      return { status: 500, body: springError(500, 'Internal Server Error', path) };
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const at = Date.now();
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const header = headerValue(req.headers['api-id'])?.trim() ?? '';
    const apiId = header === '' ? (apiIdByPath(path) ?? '') : header;
    const raw = await readBody(req);
    if (raw === undefined) {
      send(res, apiId, { status: 413, body: springError(413, 'Payload Too Large', path) });
      return;
    }
    const parsed = parseObject(raw);
    exchange.recordRequest({ apiId, at, body: parsed === undefined ? redactRaw(raw) : redact(parsed) });
    if (req.method !== 'POST') {
      send(res, apiId, { status: 405, body: springError(405, 'Method Not Allowed', path) });
      return;
    }
    const fault = faults.take(apiId);
    if (fault !== undefined) logger?.debug({ apiId, fault: fault.kind }, 'paper exchange: injecting fault');
    switch (fault?.kind) {
      case 'connectionReset':
        req.socket.destroy();
        return;
      case 'http5xx':
        send(res, apiId, { status: 500, body: springError(500, 'Internal Server Error', path) });
        return;
      case 'rateLimit':
        send(res, apiId, {
          status: 200,
          body: new PaperRejection('rateLimit', `API ID=${apiId}`).toBody(),
          ...(fault.retryAfterS !== undefined ? { headers: { 'retry-after': String(fault.retryAfterS) } } : {}),
        });
        return;
      case 'tokenExpired':
        tokens.invalidateAll();
        break;
      default:
        break;
    }
    const outcome = process(req, path, apiId, parsed, fault);
    await afterChange();
    logger?.debug({ apiId, status: outcome.status, returnCode: outcome.body.return_code }, 'paper exchange request');
    if (fault?.kind === 'timeoutAfterAccept') hold(res, fault);
    else send(res, apiId, outcome);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      logger?.error({ err }, 'paper exchange: request failed');
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.keepAliveTimeout = 5_000;

  const port = options.port ?? 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;

  let stepTimer: NodeJS.Timeout | undefined;
  if (autoStepMs > 0) {
    stepTimer = setInterval(() => {
      try {
        exchange.step();
      } catch (err) {
        logger?.error({ err }, 'paper exchange: price step failed');
      }
      void afterChange();
    }, autoStepMs);
    stepTimer.unref();
  }

  let closed: Promise<void> | undefined;
  const url = `http://127.0.0.1:${actualPort}`;
  logger?.info({ url }, 'paper exchange listening');
  return {
    url,
    port: actualPort,
    exchange,
    faults,
    requestLog: exchange.requestLog,
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        if (stepTimer !== undefined) clearInterval(stepTimer);
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        for (const res of held) res.socket?.destroy();
        held.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

/** Spring Boot's default error body, which the Kiwoom gateway sends for HTTP-level errors (e.g. a missing body). */
function springError(status: number, error: string, path: string): Record<string, unknown> {
  return { timestamp: new Date().toISOString().replace('Z', '+00:00'), status, error, path };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/** The body as text, or undefined when it is larger than MAX_BODY_BYTES. */
async function readBody(req: IncomingMessage): Promise<string | undefined> {
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
function parseObject(raw: string): RequestBody | undefined {
  if (raw.trim() === '') return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    return value as RequestBody;
  } catch {
    return undefined;
  }
}

/** A body that is not JSON is kept as text (cut short), unless it may hold a key or token. */
function redactRaw(raw: string): string {
  return /appkey|secretkey|token/i.test(raw) ? '[redacted]' : raw.slice(0, 500);
}

function redact(body: RequestBody): RequestBody {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) out[key] = SECRET_FIELDS.has(key) ? '[redacted]' : value;
  return out;
}
