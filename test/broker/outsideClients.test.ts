import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type PaperServer, startPaperServer } from '../../src/paper/paperServer.ts';
import {
  KA10001_FIELDS,
  KA10004_FIELDS,
  KT00001_SUMMARY_FIELDS,
  KT00004_ROW_FIELDS,
  KT00004_SUMMARY_FIELDS,
  KT00007_ROW_FIELDS,
  KT00010_FIELDS,
} from '../kit/outsideClientFields.ts';

/**
 * Conformance of the paper exchange with what outside Kiwoom clients send and read. The client below behaves as
 * Kiwoom's reference client does (`Kiwoom-Securities/Kiwoom-REST-API`, `kiwoom/core/auth.py` and
 * `kiwoom/core/client.py`): the token and revoke calls carry only Content-Type (no api-id, no authorization);
 * every other call carries Content-Type, api-id and `authorization: Bearer`; paging copies the answer's
 * `cont-yn` / `next-key` headers into the next request; an answer whose `return_code` is 8005, 8031 or 8103 (or
 * HTTP 401) makes it issue a new token and send once more. Request bodies are those of Kiwoom's examples.
 * @see docs/KIWOOM_PROTOCOL.md
 */
class ReferenceStyleClient {
  token: string | undefined;
  readonly tokenCalls: Array<Record<string, string>> = [];

  constructor(private readonly baseUrl: string) {}

  async issueToken(): Promise<string> {
    const headers = { 'Content-Type': 'application/json;charset=UTF-8' };
    this.tokenCalls.push(headers);
    const res = await fetch(`${this.baseUrl}/oauth2/token`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ grant_type: 'client_credentials', appkey: 'outside-key', secretkey: 'outside-secret' }),
    });
    const data = (await res.json()) as Record<string, unknown>;
    if (data.return_code !== 0 || typeof data.token !== 'string' || typeof data.expires_dt !== 'string') {
      throw new Error(`token refused: ${JSON.stringify(data)}`);
    }
    this.token = data.token;
    return data.token;
  }

  async revoke(): Promise<Record<string, unknown>> {
    const res = await fetch(`${this.baseUrl}/oauth2/revoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json;charset=UTF-8' },
      body: JSON.stringify({ appkey: 'outside-key', secretkey: 'outside-secret', token: this.token }),
    });
    return (await res.json()) as Record<string, unknown>;
  }

  async request(
    apiId: string,
    path: string,
    body: Record<string, unknown>,
    paging: { contYn?: string; nextKey?: string } = {},
    retryOnAuthFailure = true,
  ): Promise<{ body: Record<string, unknown>; contYn: string | null; nextKey: string | null }> {
    const token = this.token ?? (await this.issueToken());
    const res = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json;charset=UTF-8',
        'api-id': apiId,
        authorization: `Bearer ${token}`,
        ...(paging.contYn === undefined ? {} : { 'cont-yn': paging.contYn }),
        ...(paging.nextKey === undefined ? {} : { 'next-key': paging.nextKey }),
      },
      body: JSON.stringify(body),
    });
    const data = (await res.json()) as Record<string, unknown>;
    const authRefused = res.status === 401 || [8005, 8031, 8103].includes(data.return_code as number);
    if (authRefused && retryOnAuthFailure) {
      await this.issueToken();
      return this.request(apiId, path, body, paging, false);
    }
    return { body: data, contYn: res.headers.get('cont-yn'), nextKey: res.headers.get('next-key') };
  }

  /** Every page of a list query, as the examples' fetch_page loop does. */
  async pages(apiId: string, path: string, body: Record<string, unknown>, list: string): Promise<unknown[]> {
    const rows: unknown[] = [];
    let paging: { contYn?: string; nextKey?: string } = {};
    for (let page = 0; page < 10; page++) {
      const res = await this.request(apiId, path, body, paging);
      expect(res.body.return_code).toBe(0);
      rows.push(...((res.body[list] as unknown[] | undefined) ?? []));
      if (res.contYn !== 'Y') return rows;
      paging = { contYn: res.contYn, nextKey: res.nextKey ?? '' };
    }
    throw new Error('more than 10 pages');
  }
}

const ACCOUNT = {
  deposit: 10_000_000,
  positions: [
    { code: '005930', name: '삼성전자', qty: 100, price: 71_200 },
    { code: '000660', name: 'SK하이닉스', qty: 10, price: 190_500 },
  ],
  quotes: [{ code: '035420', name: 'NAVER', price: 180_000 }],
};

let server: PaperServer;
let client: ReferenceStyleClient;

beforeEach(async () => {
  server = await startPaperServer({ account: ACCOUNT, liquidityPerStep: 4, pageSize: 2 });
  client = new ReferenceStyleClient(server.url);
});

afterEach(async () => {
  await server.close();
});

/** Every field the outside client reads is there, and is a string (Kiwoom writes numbers as strings). */
function expectFields(row: unknown, fields: readonly string[]): void {
  const record = row as Record<string, unknown>;
  for (const field of fields) expect(typeof record[field], field).toBe('string');
}

describe('an outside client that behaves as Kiwoom`s reference client', () => {
  test('logs in with no api-id header, reads every field it knows, and revokes with no api-id header', async () => {
    await client.issueToken();
    expect(client.tokenCalls).toEqual([{ 'Content-Type': 'application/json;charset=UTF-8' }]);

    const info = await client.request('ka10001', '/api/dostk/stkinfo', { stk_cd: '005930' });
    expect(info.body.return_code).toBe(0);
    expectFields(info.body, KA10001_FIELDS);

    const book = await client.request('ka10004', '/api/dostk/mrkcond', { stk_cd: '005930' });
    expect(book.body.return_code).toBe(0);
    expectFields(book.body, KA10004_FIELDS);

    const deposit = await client.request('kt00001', '/api/dostk/acnt', { qry_tp: '3' });
    expect(deposit.body.return_code).toBe(0);
    expectFields(deposit.body, KT00001_SUMMARY_FIELDS);

    const orderable = await client.request('kt00010', '/api/dostk/acnt', {
      stk_cd: '005930',
      trde_tp: '2',
      uv: '71200',
      io_amt: '',
      trde_qty: '',
      exp_buy_unp: '',
    });
    expect(orderable.body.return_code).toBe(0);
    expectFields(orderable.body, KT00010_FIELDS);

    const evaluation = await client.request('kt00004', '/api/dostk/acnt', { qry_tp: '0', dmst_stex_tp: 'KRX' });
    expect(evaluation.body.return_code).toBe(0);
    expectFields(evaluation.body, KT00004_SUMMARY_FIELDS);
    const holdings = await client.pages(
      'kt00004',
      '/api/dostk/acnt',
      { qry_tp: '0', dmst_stex_tp: 'KRX' },
      'stk_acnt_evlt_prst',
    );
    expect(holdings.map((r) => (r as { stk_cd: string }).stk_cd)).toEqual(['A000660', 'A005930']);
    for (const row of holdings) expectFields(row, KT00004_ROW_FIELDS);

    expect(await client.revoke()).toMatchObject({ return_code: 0 });
    expect((await client.request('ka00001', '/api/dostk/acnt', {}, {}, false)).body.return_code).toBe(3);
  });

  test('places orders and reads them back through kt00007, across pages', async () => {
    const order = (qty: string, price: string) => ({
      dmst_stex_tp: 'KRX',
      stk_cd: '005930',
      ord_qty: qty,
      ord_uv: price,
      trde_tp: '0',
      cond_uv: '',
    });
    const placed: string[] = [];
    for (const price of ['70000', '70100', '70200']) {
      const res = await client.request('kt10000', '/api/dostk/ordr', order('1', price));
      expect(res.body).toMatchObject({ return_code: 0, dmst_stex_tp: 'KRX' });
      placed.push(String(res.body.ord_no));
    }
    const rows = await client.pages(
      'kt00007',
      '/api/dostk/acnt',
      { ord_dt: '', qry_tp: '1', stk_bond_tp: '0', sell_tp: '0', stk_cd: '005930', fr_ord_no: '', dmst_stex_tp: '%' },
      'acnt_ord_cntr_prps_dtl',
    );
    expect(rows.map((r) => (r as { ord_no: string }).ord_no)).toEqual(placed);
    for (const row of rows) expectFields(row, KT00007_ROW_FIELDS);
  });

  test.each([8005, 8031, 8103] as const)(
    'renews its token when return_code itself is %s, as the reference client does, and succeeds',
    async (code) => {
      await client.issueToken();
      server.faults.inject({ kind: 'tokenExpired', bareReturnCode: code, apiId: 'kt00001' });
      const res = await client.request('kt00001', '/api/dostk/acnt', { qry_tp: '3' });
      expect(res.body.return_code).toBe(0);
      expect(client.tokenCalls).toHaveLength(2);
    },
  );

  test('gets Kiwoom`s mock-server answer for a real call the paper exchange does not offer', async () => {
    const res = await client.request('kt00005', '/api/dostk/acnt', { dmst_stex_tp: 'KRX' });
    expect(res.body).toEqual({
      return_code: 20,
      return_msg: '[2000](RC9000:모의투자에서는 해당업무가 제공되지 않습니다.)',
    });
  });

  test.each([
    ['a JSON number', 10],
    ['a decimal string', '30.0'],
  ])('is refused with [1517] when it sends ord_qty as %s', async (_what, qty) => {
    const res = await client.request('kt10000', '/api/dostk/ordr', {
      dmst_stex_tp: 'KRX',
      stk_cd: '005930',
      ord_qty: qty,
      ord_uv: '70000',
      trde_tp: '0',
      cond_uv: '',
    });
    expect(res.body.return_code).toBe(2);
    expect(String(res.body.return_msg)).toContain('[1517:');
    expect(server.exchange.orders()).toEqual([]);
  });
});
