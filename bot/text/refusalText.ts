import type { ApprovalRefusal } from '../../src/app/errors/ApprovalRefusedError.ts';

/** Why a 승인 press did nothing (show_alert text, at most 200 characters). */
export const APPROVAL_REFUSAL: Readonly<Record<ApprovalRefusal, string>> = {
  missing: '알 수 없는 계획입니다. 아무것도 하지 않았습니다.',
  'hash-mismatch': '이 버튼은 이 계획의 것이 아닙니다. 아무것도 하지 않았습니다.',
  'not-pending': '이미 처리된 계획입니다. 다시 승인하지 않습니다.',
  expired: '승인 시간이 지났습니다. /preview로 새 계획을 만드세요.',
  'other-active': '진행 중인 다른 계획이 있습니다. 끝나거나 /stop 후에 승인하세요.',
  superseded: '더 새로운 미리보기가 있습니다. 최신 미리보기에서 승인하세요.',
  'settings-changed': '미리보기 이후 설정이 바뀌었습니다. /preview로 다시 확인하세요.',
  halted: '긴급 정지 중이라 승인하지 않았습니다. /resume 후에 /preview로 다시 승인하세요.',
};
