import type { AccountSettings } from '../../src/schemas/accountSettingsSchema.ts';
import { escapeHtml } from '../preview/escapeHtml.ts';
import { pct } from './pct.ts';

type Field = { readonly label: string; readonly value: (s: AccountSettings) => string };

const onOff = (b: boolean) => (b ? '켬' : '끔');
const list = (codes: readonly string[]) => (codes.length === 0 ? '없음' : codes.join(', '));

/** Every setting the owner can change, with its Korean label, in the order /settings shows them. */
const FIELDS: readonly Field[] = [
  {
    label: '목표 비중',
    value: (s) => {
      const w = Object.entries(s.rebalance.weights);
      return w.length === 0 ? '균등 (지정 없음)' : w.map(([c, p]) => `${c} ${pct(p)}`).join(', ');
    },
  },
  { label: '현금 비중', value: (s) => pct(s.rebalance.cashPct) },
  { label: '제외 종목', value: (s) => list(s.rebalance.excluded) },
  { label: '추가 종목', value: (s) => list(s.rebalance.added) },
  { label: '매도 시작', value: (s) => s.times.sell },
  { label: '매수 시작', value: (s) => s.times.buy },
  { label: '미리보기 알림', value: (s) => s.times.preview ?? '끔' },
  { label: '매도 분할', value: (s) => `${s.rebalance.sellSplit}회` },
  { label: '매수 분할', value: (s) => `${s.rebalance.buySplit}회` },
  { label: '매도', value: (s) => onOff(s.rebalance.sellEnabled) },
  { label: '매수', value: (s) => onOff(s.rebalance.buyEnabled) },
  {
    label: '허용 밴드',
    value: (s) => (s.rebalance.driftBandPp > 0 ? `±${s.rebalance.driftBandPp}%p` : '끔 (모두 목표로)'),
  },
  {
    label: '최소 거래금액',
    value: (s) => (s.rebalance.minTradeValue > 0 ? `${s.rebalance.minTradeValue.toLocaleString('ko-KR')}원` : '끔'),
  },
  { label: '주문 유형', value: (s) => (s.orderType === 'limit' ? '지정가' : '시장가') },
];

/** `/settings`: every setting on its own line (HTML). */
export function settingsText(s: AccountSettings): string {
  return ['<b>⚙️ 설정</b>', ...FIELDS.map((f) => `• ${f.label}: ${escapeHtml(f.value(s))}`)].join('\n');
}

/** What a change did: `• label: before → after` for each field that changed (HTML). */
export function settingsChangeText(before: AccountSettings, after: AccountSettings): string {
  const lines = FIELDS.filter((f) => f.value(before) !== f.value(after)).map(
    (f) => `• ${f.label}: ${escapeHtml(f.value(before))} → ${escapeHtml(f.value(after))}`,
  );
  if (lines.length === 0) return '변경 없음: 이미 그렇게 설정되어 있습니다.';
  return ['✅ 설정을 바꿨습니다.', ...lines].join('\n');
}
