/** A plan's status (PlanStatus) in Korean, for /status and the ledger's notes. */
export const PLAN_STATUS_LABEL: Readonly<Record<string, string>> = {
  pending: '승인 대기',
  active: '진행 중',
  halted: '정지됨',
  done: '완료',
  cancelled: '취소됨',
};
