import type { LedgerEntry } from '../../src/app/ledgerEntries.ts';
import type { BrokerCandidate } from '../../src/domain/BrokerCandidate.ts';
import type { RecordNote } from '../../src/domain/RecordNote.ts';
import type { ResolveRefusal } from '../../src/domain/ResolveRefusal.ts';
import type { ResolveResult } from '../../src/domain/ResolveResult.ts';
import { escapeHtml } from '../preview/escapeHtml.ts';
import { won } from '../render/koreanWords.ts';
import { kstWhen } from './kstWhen.ts';
import { PLAN_STATUS_LABEL } from './planStatusLabel.ts';

const SIDE = { sell: '매도', buy: '매수' } as const;

/** One candidate order in words. */
export function candidateText(c: BrokerCandidate): string {
  const t = `${c.time.slice(0, 2)}:${c.time.slice(2, 4)}:${c.time.slice(4)}`;
  return `주문 #${c.orderNo} (${c.source === 'open' ? '미체결' : '체결/종료'}, ${c.qty}주 @${won(c.price)}, ${t}, 체결 ${c.filledQty}주)`;
}

/** Outside words (a broker's answer, an exception, an older version's note) as they came, cut short and escaped. */
const quoted = (text: string): string => escapeHtml(text.slice(0, 200));

/**
 * The engine's note on a record, in Korean (Telegram HTML, values escaped). The broker's answer, an exception's
 * message and words an older version stored are shown as they came.
 */
export function recordNoteText(note: RecordNote): string {
  switch (note.code) {
    case 'not-found-after-send':
      return `보낸 지 ${note.afterMs}ms가 지나도 증권사에 주문이 없습니다. 다시 주문합니다.`;
    case 'earlier-day-unsettled':
      return `${note.day}(KST)에 보냈지만 그날 정리되지 않았습니다. 오늘 증권사 목록으로는 어떻게 됐는지 알 수 없습니다.`;
    case 'broker-clock-off':
      return `증권사 시계가 우리 시계와 ${note.maxOffsetMs}ms 넘게 어긋나 있습니다(MAX_CLOCK_OFFSET_MS). 다시 맞을 때까지 주문하지 않습니다.`;
    case 'order-number-taken':
      return `증권사가 주문 #${escapeHtml(note.orderNo)}을(를) 접수했지만, 오늘 그 번호는 기록 ${escapeHtml(note.ownerId)}의 것입니다.`;
    case 'plan-ended':
      return `계획 ${escapeHtml(note.planId)}이(가) ${note.status === undefined ? '없어졌습니다' : `${PLAN_STATUS_LABEL[note.status] ?? escapeHtml(note.status)} 상태입니다`}. 보내지 않았습니다.`;
    case 'over-cap':
      return `주문 금액 ${won(note.value)}이(가) MAX_ORDER_VALUE ${won(note.maxOrderValue)}을(를) 넘어 보내지 않았습니다.`;
    case 'quote-refused':
      return `시세 조회 거부로 보내지 않음: ${quoted(note.brokerMessage)}`;
    case 'broker-refused':
      return `증권사 거부: ${quoted(note.brokerMessage)}`;
    case 'request-failed':
      return `주문 요청의 응답을 받지 못했습니다: ${quoted(note.detail)}`;
    case 'settled-not-placed':
      return '사람이 정리함: 요청이 주문이 되지 않았습니다.';
    case 'recorded':
      return quoted(note.text);
    default: {
      const unknown = note as { code?: unknown };
      return `알 수 없는 사유: ${escapeHtml(String(unknown.code))}`;
    }
  }
}

/** One record waiting for a person (HTML). */
export function awaitingText(r: LedgerEntry): string {
  const lines = [
    `<b>${SIDE[r.side]} ${escapeHtml(r.name)} (${r.code}) ${r.round}회차 ${r.qty}주 @${won(r.price)}</b>`,
    `기록 ${escapeHtml(r.id)}${r.sentAt !== undefined ? ` · 보낸 시각 ${kstWhen(r.sentAt)}` : ''}`,
  ];
  if (r.note !== undefined) lines.push(`사유: ${recordNoteText(r.note)}`);
  if (r.unclaimedOrderNo !== undefined)
    lines.push(`증권사가 준 주문번호 #${r.unclaimedOrderNo} (다른 기록이 갖고 있음)`);
  if (r.earlierDay !== undefined)
    lines.push(`${r.earlierDay}에 보낸 주문: 오늘 목록에는 없습니다. 그날 체결 내역으로 확인하세요.`);
  else if (r.candidates.length === 0 && r.unclaimedOrderNo === undefined)
    lines.push('증권사 목록에 맞는 주문이 없습니다.');
  for (const c of r.candidates) lines.push(`후보: ${candidateText(c)}`);
  return lines.join('\n');
}

/** Why a settlement was refused, in Korean (one line, no markup). */
export function resolveRefusalText(r: ResolveRefusal): string {
  switch (r.code) {
    case 'no-record':
      return `기록 ${r.id}이(가) 없습니다.`;
    case 'not-unknown':
      return `기록 ${r.id}은(는) 이미 ${r.state} 상태입니다. 정리할 것이 없습니다.`;
    case 'earlier-day':
      return `${r.day}에 보낸 주문입니다. 오늘 목록으로는 확인할 수 없습니다.`;
    case 'owned-by-other':
      return `주문 #${r.orderNo}은(는) 다른 기록(${r.ownerId})의 것입니다.`;
    case 'unclaimed-only':
      return `이 기록은 주문 #${r.unclaimedOrderNo}만 채택할 수 있습니다.`;
    case 'not-listed':
      return `증권사가 오늘 주문 #${r.orderNo}을(를) 보여주지 않습니다.`;
    case 'mismatch':
      return `주문 #${r.orderNo}은(는) 이 기록과 맞지 않습니다 (${r.fields.map((f) => `${f.field} ${f.broker}≠${f.record}`).join(', ')}).`;
    case 'not-a-request':
      return `주문 #${r.orderNo}은(는) 이 기록의 주문일 수 없습니다 (정정/취소/거부이거나 보내기 전에 접수됨).`;
    case 'claimed-meanwhile':
      return `그 사이 주문 #${r.orderNo}을(를) 다른 기록이 가져갔습니다.`;
    case 'changed-meanwhile':
      return `그 사이 기록 ${r.id}이(가) 바뀌었습니다. 아무것도 하지 않았습니다.`;
    case 'holds-order':
      return `기록 ${r.id}은(는) 주문 ${r.held ?? '(체결)'}을(를) 갖고 있어 접수된 주문입니다.`;
    case 'too-early':
      return `아직 주문이 증권사에 도착할 수 있습니다. ${r.retryInS}초 뒤에 다시 시도하세요.`;
    case 'has-candidates':
      return `증권사에 맞는 주문이 있습니다 (${r.candidates.map((c) => `#${c.orderNo}`).join(', ')}). 그중 하나를 채택하세요.`;
  }
}

/** A settlement's outcome, in Korean (one message, no markup). */
export function resolveResultText(r: ResolveResult): string {
  if (r.kind === 'refused') return `❌ ${resolveRefusalText(r.refusal)} 바꾼 것이 없습니다.`;
  if (r.kind === 'confirm') return '확인이 필요합니다.';
  const id = r.record.id ?? '';
  if (r.resolution === 'adopted') {
    return `✅ 기록 ${id}에 주문 #${r.orderNo}을(를) 채택했습니다. 지금 ${r.record.filledQty}/${r.record.qty}주 체결.`;
  }
  return `✅ 기록 ${id}을(를) 접수 안 됨으로 표시했습니다. ${r.requeued ? '엔진이 다시 주문합니다.' : '재개(/resume)나 다음 시작 때 다시 주문합니다.'}`;
}
