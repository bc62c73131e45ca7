import { describe, expect, test } from 'vitest';
import { extractMessageCode, isNoDataAnswer, readKiwoomEnvelope } from './readKiwoomEnvelope.ts';

describe('extractMessageCode', () => {
  test.each([
    ['인증에 실패했습니다[8005:Token이 유효하지 않습니다]', '8005'],
    ['허용된 요청 개수를 초과하였습니다[1700:허용된 요청 개수를 초과하였습니다. API ID=kt10000]', '1700'],
    ['[1634]', '1634'],
    ['[2000](855056:... 6주 매수가능)', '2000'],
    ['[1511 :필수 입력 값]', '1511'],
    ['정상적으로 처리되었습니다', undefined],
    ['[12345:too long]', undefined],
    ['[RC4025:코드 아님]', undefined],
    ['', undefined],
  ])('finds the code in %j: %s', (message, code) => {
    expect(extractMessageCode(message)).toBe(code);
  });
});

describe('readKiwoomEnvelope', () => {
  test.each([
    [
      { return_code: 0, return_msg: 'OK', oso: [] },
      { returnCode: 0, returnMsg: 'OK', messageCode: undefined },
    ],
    [
      { return_code: '3', return_msg: '[8005:x]' },
      { returnCode: 3, returnMsg: '[8005:x]', messageCode: '8005' },
    ],
    [{ return_code: 5 }, { returnCode: 5, returnMsg: '', messageCode: undefined }],
  ])('reads %j', (body, envelope) => {
    expect(readKiwoomEnvelope(body)).toEqual(envelope);
  });

  test.each([
    [{ timestamp: '2026-03-04T09:00:00', status: 400, error: 'Bad Request', path: '/api/dostk/acnt' }],
    [{ return_code: 'zero' }],
    [{ return_code: 1.5 }],
    [null],
    ['<html>'],
    [[{ return_code: 0 }]],
    [undefined],
  ])('says %j is not an envelope', (body) => {
    expect(readKiwoomEnvelope(body)).toBeUndefined();
  });
});

describe('isNoDataAnswer', () => {
  test.each([
    ['조회된 데이터가 없습니다', 20, true],
    ['조회할 자료가 없습니다', 20, true],
    ['조회된 데이터가 없습니다', 2, false],
    ['모의투자에서는 지원하지 않는 서비스입니다[8104:미지원]', 20, false],
    ['주문이 거부되었습니다[2004:주문가능금액을 초과하였습니다]', 20, false],
  ])('reads %j with return_code %d as no data: %s', (returnMsg, returnCode, expected) => {
    const envelope = readKiwoomEnvelope({ return_code: returnCode, return_msg: returnMsg });
    expect(envelope && isNoDataAnswer(envelope)).toBe(expected);
  });
});
