import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TriggeredFault } from './FaultInjector.ts';
import type { HttpOutcome } from './HttpOutcome.ts';
import { headerValue, parseObject, readBody } from './httpRequest.ts';
import { PaperRejection } from './PaperRejection.ts';
import { apiIdByPath } from './paperRoutes.ts';
import { redactBody } from './redactBody.ts';
import { routeRequest } from './routeRequest.ts';
import type { ServerParts } from './ServerParts.ts';
import { springError } from './springError.ts';

/**
 * Handles one HTTP request of the paper server: names its api-id, reads and records the body, applies an injected
 * fault, routes it (routeRequest.ts), lets the state be saved, then answers (after the injected latency) or holds
 * the response open. The order is described in paperServer.ts.
 */
export function createRequestHandler(parts: ServerParts): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const { exchange, faults, tokens, logger, later, held } = parts;

  const send = (res: ServerResponse, apiId: string, outcome: HttpOutcome): void => {
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

  return async (req, res) => {
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
    exchange.recordRequest({ apiId, at, body: redactBody(parsed, raw) });
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
    const outcome = routeRequest(parts, req, path, apiId, parsed, fault);
    await parts.afterChange();
    logger?.debug({ apiId, status: outcome.status, returnCode: outcome.body.return_code }, 'paper exchange request');
    if (fault?.kind === 'timeoutAfterAccept') hold(res, fault);
    else send(res, apiId, outcome);
  };
}
