/**
 * Why the paper exchange refuses a request, in the broker's two-layer form: `return_code` is a small category and
 * the 4-digit code sits inside `return_msg` as `[NNNN:...]`.
 * @see ../shared/reference/kiwoom-rest.md "Hosts and envelope" (error table: 1501-1517 input, 1700 rate,
 *   1902 no such stock, 1903 not on this exchange, 8005 invalid token)
 *
 * Codes 1501/1511/1517/1700/1902/1903/8005/8020 are the broker's own. Kiwoom does not publish the codes of order
 * rejections (price, cash, shares), so the paper exchange uses its own 20xx range for them, all with return_code 20
 * (a business refusal; the client should treat any non-zero return_code it does not know as "don't retry").
 *
 * | return_code | code | when                                                                   |
 * |-------------|------|------------------------------------------------------------------------|
 * | 2           | 1501 | unknown api-id, or an api-id sent to the wrong path                    |
 * | 2           | 1511 | a required body field is missing                                       |
 * | 2           | 1517 | a body field has the wrong form (not a string of digits, bad next-key) |
 * | 3           | 8005 | missing, unknown, expired or revoked token                             |
 * | 3           | 8020 | token request without appkey or secretkey                              |
 * | 5           | 1700 | rate limit (only when injected by the FaultInjector)                   |
 * | 20          | 1902 | unknown stock code                                                     |
 * | 20          | 1903 | exchange other than KRX (the mock server is KRX only)                  |
 * | 20          | 2001 | order quantity <= 0                                                    |
 * | 20          | 2002 | price not on the tick grid                                             |
 * | 20          | 2003 | price outside today's limits                                           |
 * | 20          | 2004 | buy beyond orderable cash (value + commission)                         |
 * | 20          | 2005 | sell beyond sellable shares (held minus open sell orders)              |
 * | 20          | 2006 | amend/cancel of an order that does not exist or has nothing open      |
 * | 20          | 2007 | amend/cancel quantity larger than the order's open quantity            |
 * | 20          | 2008 | unsupported order type (trde_tp other than 0 limit / 3 market), or amending a market order |
 * | 20          | 2009 | amend/cancel with a stock code other than the original order's         |
 * | 20          | 2010 | new order or amendment outside the session (server option `session: 'krx'`) |
 * | 20          | 2000 | a real Kiwoom api-id the paper exchange does not model: the mock server's own answer to a |
 * |             |      | call it does not offer, `[2000](RC9000:모의투자에서는 해당업무가 제공되지 않습니다.)`       |
 *
 * @see docs/KIWOOM_PROTOCOL.md "Unsupported calls" for the source of the RC9000 answer.
 */
export const REJECTIONS = {
  unknownApi: { returnCode: 2, code: '1501', text: 'API ID가 올바르지 않습니다' },
  missingField: { returnCode: 2, code: '1511', text: '필수 입력 값에 값이 존재하지 않습니다' },
  badFormat: { returnCode: 2, code: '1517', text: '입력 값 형식이 올바르지 않습니다' },
  invalidToken: { returnCode: 3, code: '8005', text: 'Token이 유효하지 않습니다' },
  missingKey: { returnCode: 3, code: '8020', text: '입력 값에 앱키 또는 시크릿키가 없습니다' },
  rateLimit: { returnCode: 5, code: '1700', text: '허용된 요청 개수를 초과하였습니다' },
  unknownStock: { returnCode: 20, code: '1902', text: '종목 정보가 없습니다' },
  wrongExchange: { returnCode: 20, code: '1903', text: '모의투자는 KRX만 지원합니다' },
  badQty: { returnCode: 20, code: '2001', text: '주문수량이 올바르지 않습니다' },
  offTick: { returnCode: 20, code: '2002', text: '호가단위가 올바르지 않습니다' },
  outsideLimits: { returnCode: 20, code: '2003', text: '주문가격이 상하한가 범위를 벗어났습니다' },
  insufficientCash: { returnCode: 20, code: '2004', text: '주문가능금액을 초과하였습니다' },
  insufficientShares: { returnCode: 20, code: '2005', text: '매도가능수량을 초과하였습니다' },
  noOpenOrder: { returnCode: 20, code: '2006', text: '정정/취소할 원주문이 없습니다' },
  qtyBeyondOpen: { returnCode: 20, code: '2007', text: '정정/취소 수량이 미체결 수량을 초과하였습니다' },
  unsupportedType: { returnCode: 20, code: '2008', text: '지원하지 않는 매매구분입니다' },
  codeMismatch: { returnCode: 20, code: '2009', text: '원주문과 종목코드가 다릅니다' },
  notOnMock: { returnCode: 20, code: '2000', text: 'RC9000:모의투자에서는 해당업무가 제공되지 않습니다.' },
  marketClosed: { returnCode: 20, code: '2010', text: '장운영시간이 아닙니다' },
} as const;

/** Key of one row of the rejection table. */
export type RejectionKind = keyof typeof REJECTIONS;

/** The category prefix Kiwoom puts before the bracketed code, per return_code. */
const PREFIX: Record<number, string> = {
  2: '입력 값이 올바르지 않습니다',
  3: '인증에 실패했습니다',
  5: '허용된 요청 개수를 초과하였습니다',
  20: '주문이 거부되었습니다',
};

/**
 * A refusal by the paper exchange. Thrown by PaperExchange for bad orders (state unchanged) and turned into an
 * HTTP 200 body `{ return_code, return_msg }` by the server.
 */
export class PaperRejection extends Error {
  override readonly name = 'PaperRejection';
  readonly kind: RejectionKind;
  /** Category: 2 input, 3 auth, 5 rate, 20 business. */
  readonly returnCode: number;
  /** The 4-digit code inside return_msg. */
  readonly code: string;
  /** The wire message, e.g. `주문이 거부되었습니다[2004:주문가능금액을 초과하였습니다 ...]`. */
  readonly returnMsg: string;

  /** `detail` is appended inside the brackets; it must never contain secrets. */
  constructor(kind: RejectionKind, detail?: string) {
    const row = REJECTIONS[kind];
    const inner = detail === undefined || detail === '' ? row.text : `${row.text}. ${detail}`;
    // The mock server's "not offered" answer has its own form: `[2000](RC9000:...)`, no category prefix.
    const returnMsg =
      kind === 'notOnMock'
        ? `[${row.code}](${inner})`
        : `${PREFIX[row.returnCode] ?? '요청이 거부되었습니다'}[${row.code}:${inner}]`;
    super(returnMsg);
    this.kind = kind;
    this.returnCode = row.returnCode;
    this.code = row.code;
    this.returnMsg = returnMsg;
  }

  /** The response body the broker would send. */
  toBody(): { return_code: number; return_msg: string } {
    return { return_code: this.returnCode, return_msg: this.returnMsg };
  }
}
