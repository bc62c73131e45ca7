import { expect, test } from 'vitest';
import { displayWidth } from './displayWidth.ts';
import { textTable } from './textTable.ts';

test('lines up Hangul and ASCII cells by display width, numbers to the right', () => {
  const table = textTable(
    [
      { header: '종목', align: 'left' },
      { header: '금액', align: 'right' },
    ],
    [
      ['삼성전자', '1,000'],
      ['NAVER', '25,000,000'],
    ],
  );
  expect(table.head).toEqual(['종목           금액', '-------------------']);
  expect(table.rows).toEqual(['삼성전자      1,000', 'NAVER    25,000,000']);
  for (const line of [...table.head, ...table.rows]) expect(displayWidth(line)).toBe(19);
});

test('rejects a row with the wrong number of cells', () => {
  expect(() => textTable([{ header: 'a', align: 'left' }], [['x', 'y']])).toThrow(RangeError);
});
