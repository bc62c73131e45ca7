import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { getToken, limitOrder, post } from '../../test/kit/kiwoomHttp.ts';
import {
  KA10001_FIELDS,
  KA10004_FIELDS,
  KT00001_SUMMARY_FIELDS,
  KT00004_ROW_FIELDS,
  KT00004_SUMMARY_FIELDS,
  KT00007_ROW_FIELDS,
  KT00010_FIELDS,
} from '../../test/kit/outsideClientFields.ts';
import { testAccount } from '../../test/kit/testAccount.ts';
import { type PaperServer, startPaperServer } from './paperServer.ts';

// What outside Kiwoom clients found missing or different in the paper exchange (docs/KIWOOM_PROTOCOL.md).

const NOT_ON_MOCK = { return_code: 20, return_msg: '[2000](RC9000:모의투자에서는 해당업무가 제공되지 않습니다.)' };
const KEYS = { grant_type: 'client_credentials', appkey: 'outside-app-key', secretkey: 'outside-secret-key' };

let server: PaperServer;
let token: string;

beforeEach(async () => {
  server = await startPaperServer({ account: testAccount(), liquidityPerStep: 50, firstOrderNo: 100 });
  token = await getToken(server.url);
});

afterEach(async () => {
  await server.close();
});

const call = (path: string, apiId: string, body: unknown) => post(server.url, path, apiId, body, { token });

describe('token calls without an api-id header', () => {
  test('au10001 is routed by its path when the api-id header is absent', async () => {
    const res = await post(server.url, '/oauth2/token', undefined, KEYS);
    expect(res.body).toMatchObject({ return_code: 0, token_type: 'bearer' });
    expect(typeof res.body.token).toBe('string');
    expect(
      (await post(server.url, '/api/dostk/acnt', 'ka00001', {}, { token: String(res.body.token) })).body,
    ).toMatchObject({ return_code: 0 });
  });

  test('au10001 is routed by its path when the api-id header is empty', async () => {
    const res = await post(server.url, '/oauth2/token', '', KEYS);
    expect(res.body).toMatchObject({ return_code: 0, token_type: 'bearer' });
  });

  test('au10002 is routed by its path when the api-id header is absent', async () => {
    const res = await post(server.url, '/oauth2/revoke', undefined, { appkey: 'a', secretkey: 's', token });
    expect(res.body).toEqual({ return_code: 0, return_msg: '정상적으로 처리되었습니다' });
    expect((await call('/api/dostk/acnt', 'ka00001', {})).body.return_code).toBe(3);
  });

  test.each([
    ['/oauth2/token', 'kt10000'],
    ['/oauth2/token', 'au10002'],
    ['/oauth2/revoke', 'nonsense'],
  ])('a wrong non-empty api-id on %s (%s) keeps return_code 2 [1501]', async (path, apiId) => {
    const res = await post(server.url, path, apiId, { ...KEYS, token });
    expect(res.body.return_code).toBe(2);
    expect(res.body.return_msg).toContain('[1501:');
  });

  test('a business call without an api-id header is still refused with [1501]', async () => {
    const res = await post(server.url, '/api/dostk/acnt', undefined, {}, { token });
    expect(res.body.return_code).toBe(2);
    expect(res.body.return_msg).toContain('[1501:');
  });
});

describe('real api-ids the paper exchange does not model', () => {
  test.each([
    ['/api/dostk/acnt', 'kt00005'],
    ['/api/dostk/acnt', 'ka10085'],
    ['/api/dostk/chart', 'ka10081'],
    ['/api/dostk/ordr', 'kt10006'],
  ])('%s %s answers as the mock server answers an unsupported call (return_code 20, RC9000)', async (path, id) => {
    const res = await call(path, id, {});
    expect(res.status).toBe(200);
    expect(res.body).toEqual(NOT_ON_MOCK);
  });

  test('an unsupported api-id still needs a valid token', async () => {
    const res = await post(server.url, '/api/dostk/acnt', 'kt00005', {}, { token: 'stale' });
    expect(res.body.return_code).toBe(3);
  });

  test.each(['kt99999', 'ka1000', 'KT00005'])('a non-existent api-id (%s) keeps [1501]', async (id) => {
    const res = await call('/api/dostk/acnt', id, {});
    expect(res.body.return_code).toBe(2);
    expect(res.body.return_msg).toContain('[1501:');
  });
});

describe('ka10001 basic info', () => {
  test('answers all 45 fields, prices signed against the base price', async () => {
    server.exchange.setPrice('005930', 72_000);
    const res = await call('/api/dostk/stkinfo', 'ka10001', { stk_cd: '005930' });
    expect(res.body.return_code).toBe(0);
    for (const field of KA10001_FIELDS) expect(typeof res.body[field], field).toBe('string');
    expect(res.body).toMatchObject({
      stk_cd: '005930',
      stk_nm: '삼성전자',
      cur_prc: '+72000',
      pred_pre: '+800',
      pre_sig: '2',
      base_pric: '71200',
      upl_pric: '+92500',
      lst_pric: '-49900',
      flu_rt: '+1.12',
    });
    for (const field of ['250hgst_pric_dt', '250lwst_pric_dt']) expect(res.body[field]).toMatch(/^\d{8}$/);
    for (const field of ['250hgst', '250lwst', 'oyr_hgst', 'oyr_lwst']) {
      expect(res.body[field]).toMatch(/^[+-]?\d+$/);
    }
    for (const field of ['250hgst_pric_pre_rt', '250lwst_pric_pre_rt', 'crd_rt', 'for_exh_rt', 'trde_pre']) {
      expect(res.body[field]).toMatch(/^[+-]?\d+\.\d{2}$/);
    }
  });
});

describe('ka10004 order book', () => {
  test('answers 10 levels a side with the change and after-hours fields', async () => {
    const res = await call('/api/dostk/mrkcond', 'ka10004', { stk_cd: '005930' });
    expect(res.body.return_code).toBe(0);
    for (const field of KA10004_FIELDS) expect(typeof res.body[field], field).toBe('string');
    const level = (side: 'sel' | 'buy', n: number) =>
      Number(String(res.body[n === 1 ? `${side}_fpr_bid` : `${side}_${n}th_pre_bid`]).replace(/^[+-]/, ''));
    const asks = Array.from({ length: 10 }, (_, i) => level('sel', i + 1));
    const bids = Array.from({ length: 10 }, (_, i) => level('buy', i + 1));
    expect(asks[0]).toBe(71_300);
    expect(bids[0]).toBe(71_100);
    for (let i = 1; i < 10; i++) {
      expect(asks[i]).toBeGreaterThan(asks[i - 1] ?? 0);
      expect(bids[i]).toBeLessThan(bids[i - 1] ?? 0);
    }
    expect(res.body.tot_sel_req).toBe(String(10 * 50));
    expect(res.body.tot_buy_req).toBe(String(10 * 50));
    expect(res.body.ovt_sel_req).toBe('0');
    expect(res.body.bid_req_base_tm).toMatch(/^\d{6}$/);
  });
});

describe('kt00001 deposit detail', () => {
  test('answers the 69 summary fields, amounts zero-padded to 15 characters', async () => {
    const res = await call('/api/dostk/acnt', 'kt00001', { qry_tp: '3' });
    expect(res.body.return_code).toBe(0);
    for (const field of KT00001_SUMMARY_FIELDS) {
      const value = res.body[field];
      if (field === 'crd_grnt_rt') expect(value).toBe('0.00');
      else expect(value, field).toMatch(/^(\d{15}|-\d{14})$/);
    }
    expect(res.body.entr).toBe('000000010000000');
    expect(res.body.ord_alow_amt).toBe('000000010000000');
    expect(res.body.stk_entr_prst).toEqual([]);
  });
});

describe('kt00004 account evaluation', () => {
  test('answers the summary and one row per holding, amounts zero-padded to 12 characters', async () => {
    const res = await call('/api/dostk/acnt', 'kt00004', { qry_tp: '0', dmst_stex_tp: 'KRX' });
    expect(res.body.return_code).toBe(0);
    for (const field of KT00004_SUMMARY_FIELDS) expect(typeof res.body[field], field).toBe('string');
    expect(res.body.entr).toBe('000010000000');
    const rows = res.body.stk_acnt_evlt_prst as Array<Record<string, string>>;
    expect(rows.map((r) => r.stk_cd)).toEqual(['A000660', 'A005930', 'A123450']);
    for (const row of rows) for (const field of KT00004_ROW_FIELDS) expect(typeof row[field], field).toBe('string');
    expect(rows[1]).toMatchObject({
      stk_nm: '삼성전자',
      rmnd_qty: '000000000100',
      avg_prc: '000000071200',
      cur_prc: '000000071200',
      evlt_amt: '000007120000',
      pur_amt: '000007120000',
      pl_amt: '000000000000',
      pl_rt: '0.0000',
    });
  });

  test('refuses an exchange other than KRX', async () => {
    const res = await call('/api/dostk/acnt', 'kt00004', { qry_tp: '0', dmst_stex_tp: 'NXT' });
    expect(res.body.return_msg).toContain('[1903:');
  });
});

describe('kt00007 order detail', () => {
  test('lists today`s orders with Kiwoom`s widths, filtered by side and code', async () => {
    const buy = await call('/api/dostk/ordr', 'kt10000', limitOrder('005930', 3, 70_000));
    const sell = await call('/api/dostk/ordr', 'kt10001', limitOrder('000660', 2, 258_000));
    const request = {
      ord_dt: '',
      qry_tp: '1',
      stk_bond_tp: '0',
      sell_tp: '0',
      stk_cd: '',
      fr_ord_no: '',
      dmst_stex_tp: '%',
    };
    const res = await call('/api/dostk/acnt', 'kt00007', request);
    expect(res.body.return_code).toBe(0);
    const rows = res.body.acnt_ord_cntr_prps_dtl as Array<Record<string, string>>;
    expect(rows.map((r) => r.ord_no)).toEqual([buy.body.ord_no, sell.body.ord_no]);
    for (const row of rows) for (const field of KT00007_ROW_FIELDS) expect(typeof row[field], field).toBe('string');
    expect(rows[0]).toMatchObject({
      stk_cd: 'A005930',
      ord_qty: '0000000003',
      ord_uv: '0000070000',
      ord_remnq: '0000000003',
      cntr_qty: '0000000000',
      ori_ord: '0000000',
      io_tp_nm: '현금매수',
      trde_tp: '보통',
      dmst_stex_tp: 'KRX',
    });
    expect(rows[0]?.ord_tm).toMatch(/^\d{2}:\d{2}:\d{2}$/);

    const sells = await call('/api/dostk/acnt', 'kt00007', { ...request, sell_tp: '1' });
    expect((sells.body.acnt_ord_cntr_prps_dtl as unknown[]).length).toBe(1);
    const reverse = await call('/api/dostk/acnt', 'kt00007', { ...request, qry_tp: '2', stk_cd: '005930' });
    expect((reverse.body.acnt_ord_cntr_prps_dtl as Array<{ ord_no: string }>).map((r) => r.ord_no)).toEqual([
      buy.body.ord_no,
    ]);
  });
});

describe('kt00010 orderable amount', () => {
  test('reports orderable cash and the quantity it buys at the price, commission included', async () => {
    await call('/api/dostk/ordr', 'kt10000', limitOrder('005930', 10, 70_000));
    const orderable = server.exchange.orderableCash();
    const res = await call('/api/dostk/acnt', 'kt00010', { stk_cd: '005930', trde_tp: '2', uv: '71200' });
    expect(res.body.return_code).toBe(0);
    for (const field of KT00010_FIELDS) expect(typeof res.body[field], field).toBe('string');
    const qty = Math.floor(orderable / 71_200);
    const affordable = qty * 71_200 + Math.ceil((qty * 71_200 * 150) / 1_000_000) <= orderable ? qty : qty - 1;
    expect(res.body).toMatchObject({
      ord_alowa: String(orderable).padStart(12, '0'),
      profa_100ord_alow_amt: String(orderable).padStart(12, '0'),
      profa_100ord_alowq: String(affordable).padStart(10, '0'),
      entr: '000010000000',
      profa_rdex_aplc_tp: '0',
    });
  });

  test.each([
    ['no stk_cd', { trde_tp: '2', uv: '71200' }, '1511'],
    ['no uv', { stk_cd: '005930', trde_tp: '2' }, '1511'],
    ['no trde_tp', { stk_cd: '005930', uv: '71200' }, '1511'],
    ['an unknown stock', { stk_cd: '999999', trde_tp: '2', uv: '71200' }, '1902'],
    ['a price as a number', { stk_cd: '005930', trde_tp: '2', uv: 71_200 }, '1517'],
    ['a bad trde_tp', { stk_cd: '005930', trde_tp: '3', uv: '71200' }, '1517'],
  ])('refuses %s', async (_what, body, code) => {
    const res = await call('/api/dostk/acnt', 'kt00010', body);
    expect(res.body.return_msg).toContain(`[${code}:`);
  });

  test('for a sell reports the sellable shares; with trde_qty it prices that many shares', async () => {
    await call('/api/dostk/ordr', 'kt10001', limitOrder('005930', 30, 92_500));
    const res = await call('/api/dostk/acnt', 'kt00010', {
      stk_cd: '005930',
      trde_tp: '1',
      uv: '000000071200',
      trde_qty: '0000000010',
      io_amt: '',
      exp_buy_unp: '',
    });
    expect(res.body).toMatchObject({
      profa_100ord_alowq: '0000000070',
      pur_amt: '000000712000',
      cmsn: '000000000107',
      pur_exct_amt: '000000712107',
    });
  });
});

describe('token refusals in both shapes (tokenExpired fault)', () => {
  test('by default: return_code 3 with [8005] in the message', async () => {
    server.faults.inject({ kind: 'tokenExpired' });
    const res = await call('/api/dostk/acnt', 'ka00001', {});
    expect(res.body).toEqual({ return_code: 3, return_msg: '인증에 실패했습니다[8005:Token이 유효하지 않습니다]' });
  });

  test.each([8005, 8031, 8103] as const)('bareReturnCode %s: the code itself in return_code', async (code) => {
    server.faults.inject({ kind: 'tokenExpired', bareReturnCode: code });
    const res = await call('/api/dostk/acnt', 'ka00001', {});
    expect(res.body.return_code).toBe(code);
    expect(res.body.return_msg).not.toMatch(/\[\d{4}/);
    // Later requests with the old token get the default shape; a new token works.
    expect((await call('/api/dostk/acnt', 'ka00001', {})).body.return_code).toBe(3);
    token = await getToken(server.url);
    expect((await call('/api/dostk/acnt', 'ka00001', {})).body.return_code).toBe(0);
  });
});

describe('numbers sent as JSON numbers or decimals', () => {
  test.each([
    ['a JSON number', 10],
    ['a decimal string', '30.0'],
  ])('ord_qty as %s is refused with [1517] and places nothing', async (_what, qty) => {
    const res = await call('/api/dostk/ordr', 'kt10000', { ...limitOrder('005930', 1, 71_000), ord_qty: qty });
    expect(res.body.return_code).toBe(2);
    expect(res.body.return_msg).toContain('[1517:');
    expect(server.exchange.orders()).toEqual([]);
  });
});
