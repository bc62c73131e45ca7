/** The command menu (setMyCommands) and /help: English names, Korean descriptions (product.md "Telegram commands"). */
export const COMMAND_MENU: ReadonlyArray<{ readonly command: string; readonly description: string }> = [
  { command: 'status', description: '계좌·비중·엔진 상태와 다음 실행' },
  { command: 'preview', description: '지금 계좌로 리밸런싱 계획 미리보기 (승인 버튼)' },
  { command: 'run', description: '/run now: 승인된 계획의 매도를 지금 시작' },
  { command: 'orders', description: '미체결 주문 (경과 시간, 정정 횟수)' },
  { command: 'history', description: '오늘의 주문·체결·정정' },
  { command: 'stop', description: '긴급 정지: 주문 중단, 대기 주문 삭제' },
  { command: 'resume', description: '정지 해제: 보내지 않은 주문 다시 대기' },
  { command: 'settings', description: '현재 설정 보기' },
  { command: 'weights', description: '목표 비중: 005930=30 000660=20 | equal | 005930=off' },
  { command: 'cash', description: '현금 비중(%): /cash 5' },
  { command: 'exclude', description: '거래에서 제외할 종목: /exclude 005930' },
  { command: 'include', description: '제외 해제: /include 005930' },
  { command: 'add', description: '새로 살 종목 추가: /add 373220' },
  { command: 'remove', description: '추가 종목 빼기: /remove 373220' },
  { command: 'times', description: '시작 시각: /times sell 09:10 buy 09:40' },
  { command: 'split', description: '분할 횟수: /split sell 10 buy 10' },
  { command: 'enable', description: '매도/매수 켜기: /enable sell|buy' },
  { command: 'disable', description: '매도/매수 끄기: /disable sell|buy' },
  { command: 'band', description: '허용 밴드(%p): 목표 ± 밴드 안은 거래 안 함. /band 1.0 | off' },
  { command: 'mintrade', description: '최소 거래금액(원): /mintrade 100000 | off' },
  { command: 'notify', description: '알림 설정 (켬/무음/끔)' },
  { command: 'ledger', description: '결과를 알 수 없는 주문 정리' },
  { command: 'paper', description: '/paper reset: 페이퍼 계좌 처음부터 (페이퍼 모드)' },
  { command: 'whoami', description: '내 채팅 ID와 사용자 ID' },
  { command: 'help', description: '도움말' },
];

/** /start and /help. */
export function helpText(): string {
  return [
    '<b>리밸런싱 봇</b>',
    '목표 비중을 정하고 /preview 로 계획을 본 뒤 승인하면, 정한 시각(또는 /run now)에 분할 주문합니다.',
    '',
    ...COMMAND_MENU.map((c) => `/${c.command} — ${c.description.replace(/[<>&]/g, '')}`),
  ].join('\n');
}
