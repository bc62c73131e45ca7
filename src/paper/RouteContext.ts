import type { PaperExchange } from './PaperExchange.ts';
import type { RequestBody } from './requestFields.ts';
import type { TokenStore } from './TokenStore.ts';

/** What a route handler gets: the exchange, the token store and the request. */
export interface RouteContext {
  readonly exchange: PaperExchange;
  readonly tokens: TokenStore;
  readonly apiId: string;
  readonly body: RequestBody;
  /** Request header `cont-yn` (paging). */
  readonly contYn: string | undefined;
  /** Request header `next-key` (paging). */
  readonly nextKey: string | undefined;
  /** Most rows per page of a list. */
  readonly pageSize: number;
  /** The account number ka00001 reports. */
  readonly accountNo: string;
  readonly now: () => number;
  /** Added to the times the exchange lists (order and fill times), ms; default 0 (see FaultInjector.setClockOffset). */
  readonly clockOffsetMs?: number;
  /** False while the exchange keeps trading hours and is closed (new orders and amendments refused); default open. */
  readonly marketOpen?: () => boolean;
  /**
   * Set when the fault `cancelAckBeforeEffect` hit this request: a cancel is acknowledged now and takes effect after
   * `steps` matching events, or when `schedule(orderNo)` (the server's timer) processes it.
   */
  readonly deferCancel?: { readonly steps?: number; readonly schedule: (orderNo: string) => void } | undefined;
}

/** A handler's answer: the JSON body (return_code/return_msg included) and extra response headers. */
export interface RouteResult {
  readonly body: Record<string, unknown>;
  readonly headers?: Record<string, string>;
}

/** Handles one api-id. Throws PaperRejection for a refusal (sent as HTTP 200 with return_code/return_msg). */
export type RouteHandler = (ctx: RouteContext) => RouteResult;

/** One api-id: the path it lives on, whether it needs a token, and its handler. */
export interface Route {
  readonly path: string;
  readonly auth: boolean;
  readonly handler: RouteHandler;
}

/** The success envelope Kiwoom puts beside every payload. */
export function ok(returnMsg: string, payload: Record<string, unknown>): Record<string, unknown> {
  return { ...payload, return_code: 0, return_msg: returnMsg };
}
