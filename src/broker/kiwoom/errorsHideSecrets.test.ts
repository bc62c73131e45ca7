import { Writable } from 'node:stream';
import { inspect } from 'node:util';
import { describe, expect, test } from 'vitest';
import { closeAfterEach } from '../../../test/kit/closeAfterEach.ts';
import {
  type ScriptedKiwoomServer,
  type ScriptedReply,
  startScriptedKiwoomServer,
} from '../../../test/kit/ScriptedKiwoomServer.ts';
import { createLogger } from '../../logging/logger.ts';
import type { Broker } from '../Broker.ts';
import { AuthError } from '../errors/AuthError.ts';
import type { BrokerError } from '../errors/BrokerError.ts';
import { BusinessRejectionError } from '../errors/BusinessRejectionError.ts';
import { InvalidResponseError } from '../errors/InvalidResponseError.ts';
import { RateLimitedError } from '../errors/RateLimitedError.ts';
import { TransientError } from '../errors/TransientError.ts';
import { UnknownOutcomeError } from '../errors/UnknownOutcomeError.ts';
import { createKiwoomBroker } from './createKiwoomBroker.ts';

const APP_KEY = 'AK-live-5f1e2d3c4b5a69788796a5b4c3d2e1f0';
const SECRET_KEY = 'SK-live-0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d';
const TOKEN = 'TKN-WQ8Ku2x9aZ3mP0bL7yR4sN6vE1cH5jD';
const SECRETS = [APP_KEY, SECRET_KEY, TOKEN];

const tokenOk: ScriptedReply = {
  body: { return_code: 0, return_msg: 'OK', token: TOKEN, token_type: 'bearer', expires_dt: '20991231235959' },
};
/** A hostile or buggy server echoing every secret back in its message. */
const echo = `secrets ${APP_KEY} ${SECRET_KEY} ${TOKEN}`;
/** Before a token is issued only the keys are known to the client (and to an echoing server). */
const echoKeys = `secrets ${APP_KEY} ${SECRET_KEY}`;
const limitBuy = { side: 'buy', code: '005930', qty: 1, type: 'limit', price: 71_200 } as const;

let server: ScriptedKiwoomServer | undefined;
closeAfterEach(() => server);

interface Case {
  readonly family: new (...args: never[]) => BrokerError;
  readonly reply: ScriptedReply;
  readonly token?: ScriptedReply;
  readonly call: (broker: Broker) => Promise<unknown>;
}

const cases: Record<string, Case> = {
  'rate limited (order)': {
    family: RateLimitedError,
    reply: { body: { return_code: 5, return_msg: `[1700:${echo}]` } },
    call: (b) => b.placeOrder(limitBuy),
  },
  'auth refused twice': {
    family: AuthError,
    reply: { body: { return_code: 3, return_msg: `인증에 실패했습니다[8005:${echo}]` } },
    call: (b) => b.getOpenOrders(),
  },
  'business rejection': {
    family: BusinessRejectionError,
    reply: { body: { return_code: 20, return_msg: `주문이 거부되었습니다[2004:${echo}]` } },
    call: (b) => b.placeOrder(limitBuy),
  },
  'key refused at token issue': {
    family: BusinessRejectionError,
    reply: { body: {} },
    token: { body: { return_code: 3, return_msg: `인증에 실패했습니다[8001:${echoKeys}]` } },
    call: (b) => b.getAccount(),
  },
  'transient (query, retries exhausted)': {
    family: TransientError,
    reply: { status: 503, body: { return_code: 0, return_msg: echo } },
    call: (b) => b.getExecutions(),
  },
  'transient (token request timed out)': {
    family: TransientError,
    reply: { body: {} },
    token: { hang: true },
    call: (b) => b.getOpenOrders(),
  },
  'unknown outcome (order timed out)': {
    family: UnknownOutcomeError,
    reply: { hang: true },
    call: (b) => b.placeOrder(limitBuy),
  },
  'unknown outcome (order connection dropped)': {
    family: UnknownOutcomeError,
    reply: { drop: true },
    call: (b) => b.cancelOrder({ orderNo: '0000001', code: '005930', qty: 0 }),
  },
  'invalid response (query)': {
    family: InvalidResponseError,
    reply: { body: { return_code: 0, return_msg: echo, oso: [{ ord_no: TOKEN }] } },
    call: (b) => b.getOpenOrders(),
  },
};

describe('errors and logs never carry the app key, secret key or token', () => {
  test.each(Object.entries(cases))('%s', async (_name, c) => {
    server = await startScriptedKiwoomServer(() => c.reply);
    server.tokenReply = () => c.token ?? tokenOk;
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const broker = createKiwoomBroker({
      baseUrl: server.url,
      appKey: APP_KEY,
      secretKey: SECRET_KEY,
      logger: createLogger({ level: 'trace' }, sink),
      queryTimeoutMs: 150,
      orderTimeoutMs: 150,
      tokenTimeoutMs: 150,
      queryAttempts: 2,
      retryBaseDelayMs: 1,
      rateLimitPauseMs: 1,
    });
    const err = await c.call(broker).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(c.family);
    const e = err as BrokerError;
    const renderings = [
      String(e),
      e.message,
      e.stack ?? '',
      JSON.stringify(e),
      inspect(e, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
      lines.join(''),
    ];
    for (const text of renderings) {
      for (const secret of SECRETS) expect(text).not.toContain(secret);
    }
    // The error still says what happened.
    expect(e.message).toMatch(/Kiwoom (kt|ka|au)\d{5}/);
  });
});
