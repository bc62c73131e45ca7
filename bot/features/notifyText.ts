import {
  NEVER_OFF,
  NOTIFY_KINDS,
  type NotifyKind,
  type NotifyLevel,
  type NotifyPrefs,
  nextNotifyLevel,
} from '../../src/app/notifyPrefs.ts';
import type { InlineKeyboard } from '../send/InlineKeyboard.ts';
import { encodeNotifyData } from './notifyButtons.ts';

/** Korean words of the `/notify` screen. */

export const KIND_LABEL: Readonly<Record<NotifyKind, string>> = {
  placed: '주문 접수',
  fills: '체결',
  amendments: '정정',
  cancels: '취소',
  rejections: '주문 거부',
  phases: '단계 시작·종료',
  reports: '결과 보고서',
  alerts: '오류·확인 필요',
};

export const LEVEL_LABEL: Readonly<Record<NotifyLevel, string>> = {
  on: '🔔 켜짐',
  silent: '🔕 무음',
  off: '⛔ 꺼짐',
};

export const NOTIFY_USAGE = `사용법: /notify 또는 /notify 종류 on|silent|off (종류: ${NOTIFY_KINDS.join(', ')})`;

/** The screen: what each kind does now, one button per kind that moves it to its next level. */
export function notifyScreen(prefs: NotifyPrefs): { text: string; keyboard: InlineKeyboard } {
  const text = [
    '<b>알림 설정</b>',
    '버튼을 누를 때마다 켜짐 → 무음 → 꺼짐 순서로 바뀝니다.',
    `${[...NEVER_OFF].map((k) => KIND_LABEL[k]).join(', ')} 알림은 무음까지만 됩니다 (끌 수 없음).`,
  ].join('\n');
  const keyboard = NOTIFY_KINDS.map((kind) => [
    {
      text: `${KIND_LABEL[kind]}: ${LEVEL_LABEL[prefs[kind]]}`,
      data: encodeNotifyData({ kind, level: nextNotifyLevel(kind, prefs[kind]) }),
    },
  ]);
  return { text, keyboard };
}

export function changeText(kind: NotifyKind, before: NotifyLevel, after: NotifyLevel): string {
  return `${KIND_LABEL[kind]} 알림: ${LEVEL_LABEL[before]} → ${LEVEL_LABEL[after]}`;
}

export const NEVER_OFF_TEXT = (kind: NotifyKind): string =>
  `${KIND_LABEL[kind]} 알림은 끌 수 없습니다. 무음으로는 바꿀 수 있습니다.`;

export const UNKNOWN_BUTTON_TEXT = '알 수 없는 버튼입니다. 아무것도 바꾸지 않았습니다.';
