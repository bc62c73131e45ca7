import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { getToken, limitOrder, post } from '../../test/kit/kiwoomHttp.ts';
import { testAccount } from '../../test/kit/testAccount.ts';
import { kstHHmmss } from '../domain/kstClock.ts';
import { type PaperServer, type PaperServerOptions, startPaperServer } from './paperServer.ts';

const AUTH_FAILED = { return_code: 3, return_msg: '인증에 실패했습니다[8005:Token이 유효하지 않습니다]' };

let server: PaperServer;
let token: string;

async function start(options: Partial<PaperServerOptions> = {}): Promise<void> {
  server = await startPaperServer({ account: testAccount(), liquidityPerStep: 50, ...options });
  token = await getToken(server.url);
}

const call = (path: string, apiId: string, body: unknown, headers?: Record<string, string>) =>
  post(server.url, path, apiId, body, { token, ...(headers === undefined ? {} : { headers }) });

/** Places an order over HTTP and returns the order number the server answered with. */
async function place(apiId: 'kt10000' | 'kt10001', body: unknown): Promise<string> {
  const res = await call('/api/dostk/ordr', apiId, body);
  if (typeof res.body.ord_no !== 'string') throw new Error(`order refused: ${JSON.stringify(res.body)}`);
  return res.body.ord_no;
}

afterEach(async () => {
  await server.close();
});

describe('paper server: tokens', () => {
  beforeEach(() => start());

  test('au10001 issues a bearer token for any keys, expiring in 24 h, reported as YYYYMMDDHHmmss KST', async () => {
    const before = Date.now();
    const res = await post(server.url, '/oauth2/token', 'au10001', {
      grant_type: 'client_credentials',
      appkey: 'anything',
      secretkey: 'whatever',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ return_code: 0, token_type: 'bearer' });
    expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const expires = String(res.body.expires_dt);
    expect(expires).toMatch(/^\d{14}$/);
    // Back from KST to UTC: 24 h after the request, to the second.
    const [y, mo, d, h, mi, s] = [0, 4, 6, 8, 10, 12].map((i, k) => Number(expires.slice(i, k === 0 ? 4 : i + 2)));
    const utc = Date.UTC(y ?? 0, (mo ?? 1) - 1, d, (h ?? 0) - 9, mi, s);
    expect(Math.abs(utc - (before + 24 * 3600_000))).toBeLessThan(5_000);
  });

  test('each token request gets a different token', async () => {
    expect(await getToken(server.url)).not.toBe(token);
  });

  test.each([
    ['no appkey', { grant_type: 'client_credentials', secretkey: 's' }, 3, '8020'],
    ['an empty secretkey', { grant_type: 'client_credentials', appkey: 'a', secretkey: '' }, 3, '8020'],
    ['a wrong grant_type', { grant_type: 'password', appkey: 'a', secretkey: 's' }, 2, '1517'],
  ])('au10001 with %s is refused', async (_name, body, returnCode, code) => {
    const res = await post(server.url, '/oauth2/token', 'au10001', body);
    expect(res.body.return_code).toBe(returnCode);
    expect(res.body.return_msg).toContain(`[${code}:`);
    expect(res.body.token).toBeUndefined();
  });

  test.each([
    ['no authorization header', undefined],
    ['an unknown token', 'not-a-token'],
  ])('a call with %s gets return_code 3 [8005] with HTTP 200', async (_name, badToken) => {
    const res = await post(
      server.url,
      '/api/dostk/acnt',
      'ka00001',
      {},
      badToken === undefined ? {} : { token: badToken },
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual(AUTH_FAILED);
  });

  test('a revoked token stops working; revoking it again is refused', async () => {
    const revoke = { appkey: 'a', secretkey: 's', token };
    expect((await post(server.url, '/oauth2/revoke', 'au10002', revoke)).body.return_code).toBe(0);
    expect((await call('/api/dostk/acnt', 'ka00001', {})).body).toEqual(AUTH_FAILED);
    expect((await post(server.url, '/oauth2/revoke', 'au10002', revoke)).body).toEqual(AUTH_FAILED);
  });

  test('an expired token is refused', async () => {
    await server.close();
    await start({ tokenTtlMs: 30 });
    await new Promise((r) => setTimeout(r, 60));
    expect((await call('/api/dostk/acnt', 'ka00001', {})).body).toEqual(AUTH_FAILED);
  });

  test('the request log keeps no key or token', async () => {
    await post(server.url, '/oauth2/revoke', 'au10002', { appkey: 'my-app-key', secretkey: 'my-secret', token });
    const logged = JSON.stringify(server.requestLog);
    expect(logged).not.toContain('my-app-key');
    expect(logged).not.toContain('my-secret');
    expect(logged).not.toContain(token);
    expect(logged).not.toContain('test-secret-key');
  });
});

describe('paper server: routing and malformed requests', () => {
  beforeEach(() => start());

  test('an unknown api-id gets return_code 2 [1501]', async () => {
    const res = await call('/api/dostk/acnt', 'ka99999', {});
    expect(res.status).toBe(200);
    expect(res.body.return_code).toBe(2);
    expect(res.body.return_msg).toContain('[1501:');
  });

  test('an api-id sent to the wrong path gets [1501]', async () => {
    const res = await call('/api/dostk/acnt', 'kt10000', limitOrder('005930', 1, 71_000));
    expect(res.body.return_msg).toContain('[1501:');
    expect(server.exchange.orders()).toHaveLength(0);
  });

  test('an unknown path gets HTTP 404 with a Spring-style body', async () => {
    const res = await call('/api/dostk/nowhere', 'ka00001', {});
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ status: 404, error: 'Not Found', path: '/api/dostk/nowhere' });
  });

  test.each([
    ['broken JSON', '{"stk_cd": '],
    ['an empty body', ''],
    ['a JSON array', '[]'],
  ])('%s gets HTTP 400 with a Spring-style body and changes nothing', async (_name, raw) => {
    const res = await call('/api/dostk/ordr', 'kt10000', raw);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 400, error: 'Bad Request', path: '/api/dostk/ordr' });
    expect(typeof res.body.timestamp).toBe('string');
    expect(server.exchange.orders()).toHaveLength(0);
  });

  test('a GET gets HTTP 405', async () => {
    const res = await fetch(`${server.url}/api/dostk/acnt`, { headers: { 'api-id': 'ka00001' } });
    expect(res.status).toBe(405);
  });

  test('every response names its api-id and says there is no continuation', async () => {
    const res = await call('/api/dostk/acnt', 'ka00001', {});
    expect(res.headers['api-id']).toBe('ka00001');
    expect(res.headers['cont-yn']).toBe('N');
    expect(res.headers['content-type']).toContain('application/json');
  });

  test('records every request on arrival with its api-id, time and body', async () => {
    const before = Date.now();
    await call('/api/dostk/ordr', 'kt10000', limitOrder('005930', 1, 71_000));
    await call('/api/dostk/ordr', 'kt10000', '{bad');
    const orders = server.requestLog.filter((r) => r.apiId === 'kt10000');
    expect(orders).toHaveLength(2);
    expect(orders[0]?.body).toMatchObject({ stk_cd: '005930', ord_qty: '1' });
    expect(orders[1]?.body).toBe('{bad');
    expect(orders[0]?.at).toBeGreaterThanOrEqual(before);
    expect(server.requestLog).toBe(server.exchange.requestLog);
  });
});

describe('paper server: orders', () => {
  beforeEach(() => start());

  test('kt10000 accepts a limit buy and answers with a 7-digit order number', async () => {
    const res = await call('/api/dostk/ordr', 'kt10000', limitOrder('005930', 10, 71_000));
    expect(res.body).toMatchObject({ return_code: 0, ord_no: expect.stringMatching(/^\d{7}$/), dmst_stex_tp: 'KRX' });
    expect(Number(res.body.ord_no)).toBe(server.exchange.firstOrderNo);
    expect(server.exchange.order(String(res.body.ord_no))).toMatchObject({
      side: 'buy',
      qty: 10,
      price: 71_000,
      status: 'open',
    });
  });

  test('numbers orders from a first number it can be given', async () => {
    await server.close();
    await start({ firstOrderNo: 42 });
    expect(await place('kt10000', limitOrder('005930', 1, 71_000))).toBe('0000042');
  });

  test('kt10001 accepts a market sell (empty ord_uv) that fills at the best bid', async () => {
    const res = await call('/api/dostk/ordr', 'kt10001', {
      dmst_stex_tp: 'KRX',
      stk_cd: '005930',
      ord_qty: '5',
      ord_uv: '',
      trde_tp: '3',
      cond_uv: '',
    });
    expect(res.body.return_code).toBe(0);
    expect(server.exchange.order(String(res.body.ord_no))).toMatchObject({ type: 'market', status: 'filled' });
  });

  test('kt10002 answers with the new order, the ROOT order and the quantity padded to 12 digits', async () => {
    const root = await place('kt10000', limitOrder('005930', 10, 70_800));
    const amend = (orig: string, price: number) =>
      call('/api/dostk/ordr', 'kt10002', {
        dmst_stex_tp: 'KRX',
        orig_ord_no: orig,
        stk_cd: '005930',
        mdfy_qty: '0',
        mdfy_uv: String(price),
        mdfy_cond_uv: '',
      });
    const first = (await amend(root, 70_900)).body;
    expect(first).toMatchObject({ ord_no: plus(root, 1), base_orig_ord_no: root });
    const res = await amend(String(first.ord_no), 71_000);
    expect(res.body).toMatchObject({
      return_code: 0,
      ord_no: plus(root, 2),
      base_orig_ord_no: root,
      mdfy_qty: '000000000010',
    });
  });

  test('kt10003 cancels all that remains with cncl_qty "0" under a new order number', async () => {
    const orig = await place('kt10000', limitOrder('005930', 10, 70_000));
    const res = await call('/api/dostk/ordr', 'kt10003', {
      dmst_stex_tp: 'KRX',
      orig_ord_no: orig,
      stk_cd: '005930',
      cncl_qty: '0',
    });
    expect(res.body).toMatchObject({
      return_code: 0,
      ord_no: plus(orig, 1),
      base_orig_ord_no: orig,
      cncl_qty: '000000000010',
    });
    expect(server.exchange.order(orig)?.status).toBe('cancelled');
  });

  test('cancelAckBeforeEffect: the cancel is answered at once, the order fills until the cancel takes effect', async () => {
    server.exchange.holdFills(true);
    const orig = await place('kt10001', limitOrder('005930', 100, 71_000));
    server.faults.inject({ kind: 'cancelAckBeforeEffect', steps: 1 });
    const res = await call('/api/dostk/ordr', 'kt10003', {
      dmst_stex_tp: 'KRX',
      orig_ord_no: orig,
      stk_cd: '005930',
      cncl_qty: '0',
    });
    expect(res.body).toMatchObject({ return_code: 0, ord_no: plus(orig, 1), cncl_qty: '000000000100' });
    // Acknowledged, not processed: still open, and a matching event fills it before the cancel takes effect.
    expect(server.exchange.order(orig)?.status).toBe('open');
    expect(server.exchange.deferredCancels()).toEqual([plus(orig, 1)]);
    server.exchange.holdFills(false);
    server.exchange.setPrice('005930', 72_000);
    const after = server.exchange.order(orig);
    expect(after?.filledQty).toBeGreaterThan(0);
    expect(after?.status).toBe('cancelled');
    expect(after?.cancelledQty).toBe(100 - (after?.filledQty ?? 0));
    expect(server.exchange.deferredCancels()).toEqual([]);
    server.exchange.assertInvariants();
  });

  test('cancelAckBeforeEffect with holdMs: the cancel takes effect on a timer', async () => {
    server.exchange.holdFills(true);
    const orig = await place('kt10001', limitOrder('005930', 10, 71_000));
    server.faults.inject({ kind: 'cancelAckBeforeEffect', holdMs: 50 });
    const res = await call('/api/dostk/ordr', 'kt10003', {
      dmst_stex_tp: 'KRX',
      orig_ord_no: orig,
      stk_cd: '005930',
      cncl_qty: '0',
    });
    expect(res.body.return_code).toBe(0);
    expect(server.exchange.order(orig)?.status).toBe('open');
    for (let i = 0; i < 500 && server.exchange.order(orig)?.status === 'open'; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(server.exchange.order(orig)).toMatchObject({ status: 'cancelled', cancelledQty: 10 });
  });

  test.each([
    ['an off-tick price', limitOrder('005930', 1, 71_250), 20, '2002'],
    ['a price beyond the upper limit', limitOrder('005930', 1, 92_600), 20, '2003'],
    ['quantity 0', limitOrder('005930', 0, 71_000), 20, '2001'],
    ['an unknown code', limitOrder('999990', 1, 1_000), 20, '1902'],
    ['more cash than there is', limitOrder('005930', 500, 71_000), 20, '2004'],
    ['the NXT exchange (mock is KRX only)', { ...limitOrder('005930', 1, 71_000), dmst_stex_tp: 'NXT' }, 20, '1903'],
    ['no ord_qty', { dmst_stex_tp: 'KRX', stk_cd: '005930', ord_uv: '71000', trde_tp: '0' }, 2, '1511'],
    ['a number instead of a string', { ...limitOrder('005930', 1, 71_000), ord_qty: 1 }, 2, '1517'],
    ['a negative quantity string', { ...limitOrder('005930', 1, 71_000), ord_qty: '-1' }, 2, '1517'],
    ['a limit order without a price', { ...limitOrder('005930', 1, 71_000), ord_uv: '' }, 2, '1511'],
    ['an unsupported trde_tp', { ...limitOrder('005930', 1, 71_000), trde_tp: '6' }, 20, '2008'],
  ])(
    'kt10000 with %s is refused with HTTP 200, return_code %i [%s], and nothing changes',
    async (_n, body, rc, code) => {
      const res = await call('/api/dostk/ordr', 'kt10000', body);
      expect(res.status).toBe(200);
      expect(res.body.return_code).toBe(rc);
      expect(res.body.return_msg).toMatch(new RegExp(`\\[${code}:`));
      expect(res.body.ord_no).toBeUndefined();
      expect(server.exchange.orders()).toHaveLength(0);
      expect(server.exchange.orderableCash()).toBe(10_000_000);
    },
  );

  test('kt10001 selling more than sellable is refused with [2005]', async () => {
    const res = await call('/api/dostk/ordr', 'kt10001', limitOrder('005930', 101, 71_000));
    expect(res.body.return_msg).toContain('[2005:');
  });
});

describe('paper server: account queries', () => {
  beforeEach(() => start());

  test('ka00001 reports the account number', async () => {
    expect((await call('/api/dostk/acnt', 'ka00001', {})).body).toMatchObject({ return_code: 0, acctNo: '5012345610' });
  });

  test('ka10075 lists open orders with the spec fields, newest first, amendments pointing at their original', async () => {
    const buyNo = await place('kt10000', limitOrder('005930', 10, 71_000));
    const sellNo = await place('kt10001', limitOrder('000660', 3, 200_000));
    const amend = await call('/api/dostk/ordr', 'kt10002', {
      dmst_stex_tp: 'KRX',
      orig_ord_no: buyNo,
      stk_cd: '005930',
      mdfy_qty: '0',
      mdfy_uv: '70900',
    });
    const amendNo = String(amend.body.ord_no);
    const res = await call('/api/dostk/acnt', 'ka10075', { all_stk_tp: '0', trde_tp: '0', stk_cd: '', stex_tp: '0' });
    const oso = res.body.oso as Record<string, string>[];
    expect(oso.map((o) => o.ord_no)).toEqual([amendNo, sellNo]);
    expect(oso[0]).toMatchObject({
      ord_no: amendNo,
      orig_ord_no: buyNo,
      stk_cd: '005930',
      stk_nm: '삼성전자',
      ord_qty: '10',
      ord_pric: '70900',
      oso_qty: '10',
      cntr_qty: '0',
      io_tp_nm: '+매수',
      trde_tp: '보통',
      ord_stt: '접수',
      cur_prc: '71200',
      sel_bid: '+71300',
      buy_bid: '-71100',
    });
    expect(oso[0]?.tm).toMatch(/^\d{6}$/);
    expect(oso[1]).toMatchObject({ orig_ord_no: '0000000', io_tp_nm: '-매도', oso_qty: '3' });
  });

  test('ka10075 filters by side and by stock', async () => {
    const buyNo = await place('kt10000', limitOrder('005930', 10, 71_000));
    const sellNo = await place('kt10001', limitOrder('000660', 3, 200_000));
    const sells = await call('/api/dostk/acnt', 'ka10075', { all_stk_tp: '0', trde_tp: '1', stex_tp: '0' });
    expect((sells.body.oso as { ord_no: string }[]).map((o) => o.ord_no)).toEqual([sellNo]);
    const one = await call('/api/dostk/acnt', 'ka10075', {
      all_stk_tp: '1',
      trde_tp: '0',
      stk_cd: '005930',
      stex_tp: '0',
    });
    expect((one.body.oso as { ord_no: string }[]).map((o) => o.ord_no)).toEqual([buyNo]);
  });

  test('ka10076 reports fills with quantity, average price, commission and tax', async () => {
    const sellNo = await place('kt10001', limitOrder('005930', 10, 71_100));
    await call('/api/dostk/ordr', 'kt10000', limitOrder('005930', 5, 70_000)); // rests: not executed
    const res = await call('/api/dostk/acnt', 'ka10076', { qry_tp: '0', sell_tp: '0', ord_no: '', stex_tp: '0' });
    expect(res.body.cntr).toEqual([
      expect.objectContaining({
        ord_no: sellNo,
        stk_cd: '005930',
        stk_nm: '삼성전자',
        io_tp_nm: '-매도',
        ord_pric: '71100',
        ord_qty: '10',
        cntr_pric: '71100',
        cntr_qty: '10',
        oso_qty: '0',
        tdy_trde_cmsn: '107',
        tdy_trde_tax: '1422',
        ord_stt: '체결',
        orig_ord_no: '0000000',
      }),
    ]);
  });

  test('ka10076 with ord_no lists only orders older than it', async () => {
    const nos: string[] = [];
    for (let i = 0; i < 3; i++) nos.push(await place('kt10001', limitOrder('005930', 1, 71_100)));
    const res = await call('/api/dostk/acnt', 'ka10076', {
      qry_tp: '0',
      sell_tp: '0',
      ord_no: nos[2],
      stex_tp: '0',
    });
    expect((res.body.cntr as { ord_no: string }[]).map((o) => o.ord_no)).toEqual([nos[1], nos[0]]);
    const bad = await call('/api/dostk/acnt', 'ka10076', { qry_tp: '0', sell_tp: '0', ord_no: 'x', stex_tp: '0' });
    expect(bad.body.return_msg).toContain('[1517:');
  });

  test('kt00018 reports holdings with prefixed codes and 15-digit amounts', async () => {
    await call('/api/dostk/ordr', 'kt10001', limitOrder('005930', 60, 75_000)); // rests: 60 not sellable
    const res = await call('/api/dostk/acnt', 'kt00018', { qry_tp: '1', dmst_stex_tp: 'KRX' });
    const rows = res.body.acnt_evlt_remn_indv_tot as Record<string, string>[];
    expect(rows.map((r) => r.stk_cd)).toEqual(['A000660', 'A005930', 'A123450']);
    expect(rows.find((r) => r.stk_cd === 'A005930')).toMatchObject({
      stk_nm: '삼성전자',
      rmnd_qty: '000000000000100',
      trde_able_qty: '000000000000040',
      pur_pric: '000000000071200',
      cur_prc: '000000071200',
      evlt_amt: '000000007120000',
      evltv_prft: '000000000000000',
    });
    expect(res.body).toMatchObject({
      tot_evlt_amt: '000000009205000',
      prsm_dpst_aset_amt: '000000019205000',
    });
  });

  test('kt00001 reports the deposit and the orderable cash net of open buys', async () => {
    await call('/api/dostk/ordr', 'kt10000', limitOrder('005930', 10, 71_000));
    const res = await call('/api/dostk/acnt', 'kt00001', { qry_tp: '3' });
    expect(res.body).toMatchObject({
      return_code: 0,
      entr: '000000010000000',
      d2_entra: '000000010000000',
      ord_alow_amt: '000000009289893',
      pymn_alow_amt: '000000009289893',
    });
  });
});

describe('paper server: a shifted clock (FaultInjector.setClockOffset)', () => {
  beforeEach(() => start());

  test('lists order times and writes the Date header shifted by the offset, and back at 0 after reset', async () => {
    const offset = -3_600_000;
    server.faults.setClockOffset(offset);
    const sellNo = await place('kt10001', limitOrder('005930', 10, 71_100)); // fills: in ka10076
    const buyNo = await place('kt10000', limitOrder('005930', 5, 70_000)); // rests: in ka10075
    const acceptedAt = (no: string) => server.exchange.orders().find((o) => o.orderNo === no)?.acceptedAt ?? 0;
    const open = await call('/api/dostk/acnt', 'ka10075', { all_stk_tp: '0', trde_tp: '0', stex_tp: '0' });
    expect((open.body.oso as Record<string, string>[])[0]).toMatchObject({
      ord_no: buyNo,
      tm: kstHHmmss(acceptedAt(buyNo) + offset),
    });
    const done = await call('/api/dostk/acnt', 'ka10076', { qry_tp: '0', sell_tp: '0', ord_no: '', stex_tp: '0' });
    expect((done.body.cntr as Record<string, string>[])[0]).toMatchObject({
      ord_no: sellNo,
      ord_tm: kstHHmmss(acceptedAt(sellNo) + offset),
    });
    const shown = Date.parse(open.headers.date ?? '');
    expect(Math.abs(shown - (Date.now() + offset))).toBeLessThan(5_000);

    server.faults.reset();
    expect(server.faults.clockOffsetMs).toBe(0);
    const again = await call('/api/dostk/acnt', 'ka10075', { all_stk_tp: '0', trde_tp: '0', stex_tp: '0' });
    expect((again.body.oso as Record<string, string>[])[0]?.tm).toBe(kstHHmmss(acceptedAt(buyNo)));
    expect(Math.abs(Date.parse(again.headers.date ?? '') - Date.now())).toBeLessThan(5_000);
  });

  test('refuses an offset that is not a whole number of ms within a day', () => {
    expect(() => server.faults.setClockOffset(1.5)).toThrow(RangeError);
    expect(() => server.faults.setClockOffset(86_400_001)).toThrow(RangeError);
    expect(server.faults.clockOffsetMs).toBe(0);
  });
});

describe('paper server: keeping KRX hours (session krx)', () => {
  let fakeNow = 0;
  beforeEach(() => start({ session: 'krx', sessionClock: () => fakeNow }));

  test('refuses new orders and amendments outside the session with [2010], accepts them inside, cancels always', async () => {
    fakeNow = Date.parse('2026-03-03T10:00:00+09:00');
    const buyNo = await place('kt10000', limitOrder('005930', 10, 71_000));
    fakeNow = Date.parse('2026-03-03T15:30:00+09:00');
    const refused = await call('/api/dostk/ordr', 'kt10001', limitOrder('005930', 1, 71_100));
    expect(refused.body).toEqual({ return_code: 20, return_msg: '주문이 거부되었습니다[2010:장운영시간이 아닙니다]' });
    const amend = await call('/api/dostk/ordr', 'kt10002', {
      dmst_stex_tp: 'KRX',
      orig_ord_no: buyNo,
      stk_cd: '005930',
      mdfy_qty: '0',
      mdfy_uv: '70900',
    });
    expect(amend.body.return_msg).toContain('[2010:');
    expect(server.exchange.orders()).toHaveLength(1);
    fakeNow = Date.parse('2026-03-07T10:00:00+09:00'); // a Saturday
    expect((await call('/api/dostk/ordr', 'kt10000', limitOrder('005930', 1, 71_000))).body.return_msg).toContain(
      '[2010:',
    );
    const cancel = await call('/api/dostk/ordr', 'kt10003', {
      dmst_stex_tp: 'KRX',
      orig_ord_no: buyNo,
      stk_cd: '005930',
      cncl_qty: '0',
    });
    expect(cancel.body.return_code).toBe(0);
  });
});

describe('paper server: paging', () => {
  beforeEach(() => start({ pageSize: 2 }));

  async function allPages(apiId: string, body: Record<string, string>, listKey: string) {
    const pages: string[][] = [];
    let headers: Record<string, string> | undefined;
    for (let i = 0; i < 10; i++) {
      const res = await call('/api/dostk/acnt', apiId, body, headers);
      const rows = res.body[listKey] as Record<string, string>[];
      pages.push(rows.map((r) => r.ord_no ?? r.stk_cd ?? '?'));
      if (res.headers['cont-yn'] !== 'Y') break;
      headers = { 'cont-yn': 'Y', 'next-key': res.headers['next-key'] ?? '' };
    }
    return pages;
  }

  test('ka10075 pages with cont-yn / next-key until every open order was listed once', async () => {
    const nos: string[] = [];
    for (let i = 0; i < 5; i++) nos.push(await place('kt10000', limitOrder('005930', 1, 70_000 + i * 100)));
    const [n1, n2, n3, n4, n5] = nos;
    const pages = await allPages('ka10075', { all_stk_tp: '0', trde_tp: '0', stex_tp: '0' }, 'oso');
    expect(pages).toEqual([[n5, n4], [n3, n2], [n1]]);
  });

  test('ka10076 pages executions the same way', async () => {
    const nos: string[] = [];
    for (let i = 0; i < 3; i++) nos.push(await place('kt10001', limitOrder('005930', 1, 71_100)));
    const [n1, n2, n3] = nos;
    const pages = await allPages('ka10076', { qry_tp: '0', sell_tp: '0', stex_tp: '0' }, 'cntr');
    expect(pages).toEqual([[n3, n2], [n1]]);
  });

  test('kt00018 pages holdings by code', async () => {
    await call('/api/dostk/ordr', 'kt10000', limitOrder('373220', 1, 380_500));
    const pages = await allPages('kt00018', { qry_tp: '1', dmst_stex_tp: 'KRX' }, 'acnt_evlt_remn_indv_tot');
    expect(pages).toEqual([
      ['A000660', 'A005930'],
      ['A123450', 'A373220'],
    ]);
  });

  test('an order placed between two page requests neither repeats nor hides a row of the first list', async () => {
    const nos: string[] = [];
    for (let i = 0; i < 3; i++) nos.push(await place('kt10000', limitOrder('005930', 1, 70_000)));
    const body = { all_stk_tp: '0', trde_tp: '0', stex_tp: '0' };
    const first = await call('/api/dostk/acnt', 'ka10075', body);
    await call('/api/dostk/ordr', 'kt10000', limitOrder('005930', 1, 70_000));
    const second = await call('/api/dostk/acnt', 'ka10075', body, {
      'cont-yn': 'Y',
      'next-key': first.headers['next-key'] ?? '',
    });
    expect((second.body.oso as { ord_no: string }[]).map((o) => o.ord_no)).toEqual([nos[0]]);
  });

  test('a next-key issued for another api-id is refused with [1517]', async () => {
    for (let i = 0; i < 3; i++) await call('/api/dostk/ordr', 'kt10000', limitOrder('005930', 1, 70_000));
    const first = await call('/api/dostk/acnt', 'ka10075', { all_stk_tp: '0', trde_tp: '0', stex_tp: '0' });
    const res = await call(
      '/api/dostk/acnt',
      'ka10076',
      { qry_tp: '0', sell_tp: '0', stex_tp: '0' },
      {
        'cont-yn': 'Y',
        'next-key': first.headers['next-key'] ?? '',
      },
    );
    expect(res.body.return_msg).toContain('[1517:');
  });
});

describe('paper server: market data', () => {
  beforeEach(() => start());

  test('ka10001 signs prices against the base price and reports the daily limits', async () => {
    server.exchange.setPrice('005930', 71_500);
    const res = await call('/api/dostk/stkinfo', 'ka10001', { stk_cd: '005930' });
    expect(res.body).toMatchObject({
      return_code: 0,
      stk_cd: '005930',
      stk_nm: '삼성전자',
      cur_prc: '+71500',
      base_pric: '71200',
      upl_pric: '+92500',
      lst_pric: '-49900',
      pred_pre: '+300',
      pre_sig: '2',
      flu_rt: '+0.42',
    });
    server.exchange.setPrice('005930', 70_100);
    expect((await call('/api/dostk/stkinfo', 'ka10001', { stk_cd: '005930' })).body).toMatchObject({
      cur_prc: '-70100',
      pre_sig: '5',
    });
  });

  test('ka10004 reports the best ask and bid', async () => {
    const res = await call('/api/dostk/mrkcond', 'ka10004', { stk_cd: '005930' });
    expect(res.body).toMatchObject({
      return_code: 0,
      sel_fpr_bid: '+71300',
      buy_fpr_bid: '-71100',
      sel_fpr_req: '50',
      sel_2th_pre_bid: '+71400',
      buy_2th_pre_bid: '-71000',
    });
  });

  test.each([
    ['ka10001', '/api/dostk/stkinfo'],
    ['ka10004', '/api/dostk/mrkcond'],
  ])('%s for an unknown code is refused with [1902]', async (apiId, path) => {
    expect((await call(path, apiId, { stk_cd: '999990' })).body.return_msg).toContain('[1902:');
  });

  test('auto-step moves prices on a timer', async () => {
    await server.close();
    await start({ autoStepMs: 5, seed: 11 });
    const seen = new Set<number>();
    for (let i = 0; i < 40 && seen.size < 3; i++) {
      seen.add(server.exchange.quote('005930')?.price ?? 0);
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(seen.size).toBeGreaterThanOrEqual(3);
  });
});

/** The order number `by` after `orderNo`, as the exchange writes it. */
function plus(orderNo: string, by: number): string {
  return String(Number(orderNo) + by).padStart(7, '0');
}
