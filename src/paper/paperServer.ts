import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type OrderSessionMode, orderSessionAt } from '../domain/orderSession.ts';
import type { FeeRates } from '../domain/types.ts';
import type { Logger } from '../logging/logger.ts';
import { FaultInjector } from './FaultInjector.ts';
import type { PaperAccountFile } from './PaperAccountFile.ts';
import { PaperExchange } from './PaperExchange.ts';
import type { PaperRequestRecord } from './PaperRequestRecord.ts';
import { createRequestHandler } from './requestHandler.ts';
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
 * exchange and is also exposed as `server.requestLog` (the same array). This file wires the server (options,
 * exchange, timers, listening, closing); requestHandler.ts and routeRequest.ts handle each request.
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

  const handle = createRequestHandler({
    exchange,
    faults,
    tokens,
    pageSize,
    accountNo,
    marketOpen,
    logger,
    later,
    held,
    afterChange,
  });

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
