import { describe, expect, test } from 'vitest';
import { InvalidResponseError } from '../errors/InvalidResponseError.ts';
import { KiwoomMapper, toSide, toStockCode } from './KiwoomMapper.ts';
import { balanceSchema } from './schema/balanceSchema.ts';
import { basicInfoSchema } from './schema/basicInfoSchema.ts';
import { depositSchema } from './schema/depositSchema.ts';
import { executedSchema } from './schema/executedSchema.ts';
import { orderableSchema } from './schema/orderableSchema.ts';
import { orderBookSchema } from './schema/orderBookSchema.ts';
import { cancelOrderSchema, modifyOrderSchema, placeOrderSchema } from './schema/orderSchema.ts';
import { unfilledSchema } from './schema/unfilledSchema.ts';

// Payloads written from the field tables of the reference (shared/reference/kiwoom-rest.md), with the encodings
// seen on the wire: signed prices, 15-character zero padding, prefixed codes, empty strings.

const kt00001 = {
  entr: '000000005000000',
  profa_ch: '000000000000000',
  ord_alow_amt: '000000004812340',
  d2_entra: '000000004990000',
  pymn_alow_amt: '000000004800000',
  stk_entr_prst: [],
  return_code: 0,
  return_msg: '조회가 완료되었습니다.',
};

const kt00018 = {
  tot_pur_amt: '000000002848000',
  tot_evlt_amt: '000000002848000',
  prsm_dpst_aset_amt: '000000007848000',
  acnt_evlt_remn_indv_tot: [
    {
      stk_cd: 'A005930',
      stk_nm: '삼성전자',
      evltv_prft: '-00000000196888',
      pur_pric: '000000000071200',
      rmnd_qty: '000000000000040',
      trde_able_qty: '000000000000035',
      cur_prc: '000000071200',
      evlt_amt: '000000002848000',
      poss_rt: '100.00',
    },
    {
      stk_cd: 'Q500001',
      stk_nm: ' 신한 인버스 ETN ',
      pur_pric: '000000000010250',
      rmnd_qty: '000000000000000',
      trde_able_qty: '000000000000000',
      cur_prc: '-000000010200',
    },
  ],
  return_code: 0,
  return_msg: '조회가 완료되었습니다.',
};

const ka10075 = {
  oso: [
    {
      acnt_no: '5012345610',
      ord_no: '0000139',
      stk_cd: '005930',
      ord_stt: '접수',
      stk_nm: '삼성전자',
      ord_qty: '10',
      ord_pric: '71200',
      oso_qty: '7',
      cntr_tot_amt: '213600',
      orig_ord_no: '0000138',
      io_tp_nm: '-매도',
      trde_tp: '보통',
      tm: '093012',
      cntr_pric: '71200',
      cntr_qty: '3',
      cur_prc: '+71300',
      sel_bid: '+71400',
      buy_bid: '-71200',
    },
    {
      ord_no: '0000140',
      stk_cd: 'A000660',
      stk_nm: 'SK하이닉스',
      ord_qty: '000000000005',
      ord_pric: '0',
      oso_qty: '000000000005',
      orig_ord_no: '0000000',
      io_tp_nm: '+매수',
      tm: '09:31:00',
    },
  ],
  return_code: 0,
  return_msg: '조회가 완료되었습니다.',
};

const ka10076 = {
  cntr: [
    {
      ord_no: '0000141',
      stk_nm: '삼성전자',
      io_tp_nm: '-매도정정',
      ord_pric: '71300',
      ord_qty: '7',
      cntr_pric: '71300',
      cntr_qty: '7',
      oso_qty: '0',
      tdy_trde_cmsn: '74',
      tdy_trde_tax: '998',
      ord_stt: '체결',
      trde_tp: '보통',
      orig_ord_no: '0000139',
      ord_tm: '094501',
      stk_cd: '005930',
    },
    {
      ord_no: '0000142',
      io_tp_nm: '현금매수',
      ord_pric: '',
      ord_qty: '3',
      cntr_pric: '+190500',
      cntr_qty: '3',
      oso_qty: '',
      tdy_trde_cmsn: '85',
      tdy_trde_tax: '0',
      ord_stt: '체결',
      orig_ord_no: '',
      ord_tm: '100000',
      stk_cd: '000660',
    },
  ],
  return_code: 0,
  return_msg: '조회가 완료되었습니다.',
};

const ka10001 = {
  stk_cd: '005930',
  stk_nm: '삼성전자',
  cur_prc: '-70900',
  pred_pre: '--300',
  flu_rt: '-0.42',
  upl_pric: '+92500',
  lst_pric: '-49900',
  base_pric: '71200',
  pre_sig: '5',
  return_code: 0,
  return_msg: '정상적으로 처리되었습니다',
};

const ka10004 = {
  sel_fpr_bid: '-71000',
  buy_fpr_bid: '-70900',
  sel_2th_pre_bid: '-71100',
  return_code: 0,
  return_msg: '',
};

describe('KiwoomMapper', () => {
  test('maps kt00001 and kt00018 to the account, dropping holdings with no shares left', () => {
    const account = KiwoomMapper.toAccount(
      depositSchema.parse(kt00001),
      balanceSchema.parse(kt00018).acnt_evlt_remn_indv_tot ?? [],
    );
    expect(account).toEqual({
      orderableCash: 4_812_340,
      deposit: 5_000_000,
      positions: [{ code: '005930', name: '삼성전자', qty: 40, sellableQty: 35, price: 71_200, avgPrice: 71_200 }],
    });
  });

  test('maps a kt00010 answer (12-digit amounts, 10-digit quantities, as in Kiwoom`s example) to orderable', () => {
    const answer = orderableSchema.parse({
      profa_100ord_alow_amt: '000000085341',
      profa_100ord_alowq: '0000000006',
      ord_alowa: '000000085341',
      entr: '000000017534',
      return_code: 0,
      return_msg: '주문/인출가능금액 시뮬레이션 조회완료하였습니다.',
    });
    expect(KiwoomMapper.toOrderable(answer, '005930', 12_450)).toEqual({
      code: '005930',
      price: 12_450,
      orderableCash: 85_341,
      orderableQty: 6,
    });
    const negative = orderableSchema.parse({ ord_alowa: '000000085341', profa_100ord_alowq: '-000000006' });
    expect(() => KiwoomMapper.toOrderable(negative, '005930', 12_450)).toThrow(InvalidResponseError);
    expect(orderableSchema.safeParse({ ord_alowa: '000000085341' }).success).toBe(false);
  });

  test('keeps a negative cash balance negative rather than hiding it', () => {
    const account = KiwoomMapper.toAccount(depositSchema.parse({ ...kt00001, ord_alow_amt: '-00000000012000' }), []);
    expect(account.orderableCash).toBe(-12_000);
  });

  test('maps ka10075 rows to open orders with unsigned prices, plain codes and no placeholder origin', () => {
    const rows = unfilledSchema.parse(ka10075).oso ?? [];
    expect(rows.map(KiwoomMapper.toOpenOrder)).toEqual([
      {
        orderNo: '0000139',
        origOrderNo: '0000138',
        code: '005930',
        name: '삼성전자',
        side: 'sell',
        orderQty: 10,
        price: 71_200,
        unfilledQty: 7,
        filledQty: 3,
        time: '093012',
      },
      {
        orderNo: '0000140',
        code: '000660',
        name: 'SK하이닉스',
        side: 'buy',
        orderQty: 5,
        price: 0,
        unfilledQty: 5,
        filledQty: 0,
        time: '093100',
      },
    ]);
  });

  test('maps ka10076 rows to executions with commission and tax', () => {
    const rows = executedSchema.parse(ka10076).cntr ?? [];
    expect(rows.map(KiwoomMapper.toExecution)).toEqual([
      {
        orderNo: '0000141',
        origOrderNo: '0000139',
        code: '005930',
        side: 'sell',
        orderQty: 7,
        orderPrice: 71_300,
        filledQty: 7,
        fillPrice: 71_300,
        unfilledQty: 0,
        commission: 74,
        tax: 998,
        status: '체결',
        time: '094501',
      },
      {
        orderNo: '0000142',
        code: '000660',
        side: 'buy',
        orderQty: 3,
        orderPrice: 0,
        filledQty: 3,
        fillPrice: 190_500,
        unfilledQty: 0,
        commission: 85,
        tax: 0,
        status: '체결',
        time: '100000',
      },
    ]);
  });

  test('maps ka10001 and ka10004 to a quote without direction signs', () => {
    expect(KiwoomMapper.toQuote(basicInfoSchema.parse(ka10001), orderBookSchema.parse(ka10004))).toEqual({
      code: '005930',
      name: '삼성전자',
      price: 70_900,
      bestBid: 70_900,
      bestAsk: 71_000,
      upperLimit: 92_500,
      lowerLimit: 49_900,
      basePrice: 71_200,
    });
  });

  test('reads an empty side of the order book as 0', () => {
    const quote = KiwoomMapper.toQuote(
      basicInfoSchema.parse(ka10001),
      orderBookSchema.parse({ sel_fpr_bid: '', buy_fpr_bid: '0' }),
    );
    expect([quote.bestAsk, quote.bestBid]).toEqual([0, 0]);
  });

  test.each([
    ['kt10000', placeOrderSchema, { ord_no: '0000138', dmst_stex_tp: 'KRX', return_code: 0 }, { orderNo: '0000138' }],
    [
      'kt10002',
      modifyOrderSchema,
      { ord_no: '0000140', base_orig_ord_no: '0000138', mdfy_qty: '000000000007', return_code: 0 },
      { orderNo: '0000140', rootOrderNo: '0000138' },
    ],
    [
      'kt10003',
      cancelOrderSchema,
      { ord_no: '0000141', base_orig_ord_no: '0000138', cncl_qty: '000000000007', return_code: 0 },
      { orderNo: '0000141', rootOrderNo: '0000138' },
    ],
  ] as const)('maps the %s answer to an ack', (_api, schema, wire, ack) => {
    expect(KiwoomMapper.toOrderAck(schema.parse(wire))).toEqual(ack);
  });

  test('accepts empty and null lists', () => {
    expect(unfilledSchema.parse({ oso: [], return_code: 0 }).oso).toEqual([]);
    expect(executedSchema.parse({ cntr: null, return_code: 0 }).cntr).toBeNull();
  });

  test('refuses a list answer whose list key is missing', () => {
    expect(unfilledSchema.safeParse({ return_code: 0, return_msg: '' }).success).toBe(false);
  });

  test('refuses a row with a garbled quantity', () => {
    const row = unfilledSchema.parse({ oso: [{ ...ka10075.oso[0], oso_qty: '7주' }] }).oso?.[0];
    expect(() => KiwoomMapper.toOpenOrder(row!)).toThrow(/ka10075.oso_qty/);
  });
});

describe('toStockCode', () => {
  test.each([
    ['A005930', '005930'],
    ['005930', '005930'],
    ['005930_NX', '005930'],
    ['005930_AL', '005930'],
    ['J28513K', '28513K'],
    [' 000660 ', '000660'],
  ])('normalises %j to %s', (raw, code) => {
    expect(toStockCode(raw, 'stk_cd')).toBe(code);
  });

  test.each([[''], ['5930'], ['A00593O'], ['삼성전자']])('refuses %j', (raw) => {
    expect(() => toStockCode(raw, 'stk_cd')).toThrow(InvalidResponseError);
  });
});

describe('toSide', () => {
  test.each([
    ['+매수', 'buy'],
    ['-매도', 'sell'],
    ['매수정정', 'buy'],
    ['매도취소', 'sell'],
    ['현금매수', 'buy'],
  ] as const)('reads %s as %s', (text, side) => {
    expect(toSide(text, 'io_tp_nm')).toBe(side);
  });

  test.each([[''], ['정정'], ['매수매도']])('refuses %j', (text) => {
    expect(() => toSide(text, 'io_tp_nm')).toThrow(InvalidResponseError);
  });
});
