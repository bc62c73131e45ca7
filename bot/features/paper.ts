import { Composer, type Context } from 'telegraf';
import { liveOrders } from '../../src/app/orderActivity.ts';
import { parsePaper } from '../commands/commandSchemas.ts';
import { tokens } from '../commands/parseArgs.ts';
import type { BotDeps } from '../deps.ts';
import { encodeButtonData, parseButtonData } from './buttonData.ts';

/**
 * `/paper reset` (paper mode only): starts the paper account over from its account file, behind a confirmation.
 * Refused while a plan is in progress or orders are live: their ledger records describe the exchange being reset.
 */
export function paperFeature(deps: Pick<BotDeps, 'sender' | 'session' | 'resetPaper' | 'logger'>): Composer<Context> {
  const c = new Composer<Context>();
  const blocker = async (): Promise<string | undefined> => {
    const status = await deps.session.engine.status();
    if (status.plan !== undefined) return `진행 중인 계획 ${status.plan.id}이(가) 있어 초기화할 수 없습니다.`;
    if ((await liveOrders(deps.session)).length > 0) return '끝나지 않은 주문이 있어 초기화할 수 없습니다.';
    return undefined;
  };
  c.command('paper', async (ctx) => {
    const parsed = parsePaper(tokens(ctx.payload));
    if (!parsed.ok) return void (await deps.sender.sendText(ctx.chat.id, parsed.message));
    if (deps.session.mode !== 'paper' || deps.resetPaper === undefined) {
      return void (await deps.sender.sendText(
        ctx.chat.id,
        '❌ /paper reset 은 페이퍼 모드(BROKER=paper)에서만 씁니다.',
      ));
    }
    const why = await blocker();
    if (why !== undefined) return void (await deps.sender.sendText(ctx.chat.id, `❌ ${why}`));
    await deps.sender.sendText(
      ctx.chat.id,
      '⚠️ [페이퍼] 계좌를 계좌 파일의 처음 상태로 되돌릴까요? 현금, 보유 종목, 주문이 모두 초기화됩니다.',
      {
        keyboard: [
          [
            { text: '예, 초기화', data: encodeButtonData({ kind: 'paper-reset', yes: true }) },
            { text: '아니오', data: encodeButtonData({ kind: 'paper-reset', yes: false }) },
          ],
        ],
      },
    );
  });
  c.on('callback_query', async (ctx, next) => {
    const cb = ctx.callbackQuery;
    const data = parseButtonData('data' in cb ? cb.data : undefined);
    if (data?.kind !== 'paper-reset') return next();
    const chatId = ctx.chat?.id;
    const messageId = cb.message?.message_id;
    if (chatId === undefined || messageId === undefined) return void (await deps.sender.answerCallback(cb.id));
    if (!data.yes) {
      await deps.sender.answerCallback(cb.id, '초기화하지 않았습니다.');
      return void (await deps.sender.editKeyboard(chatId, messageId, undefined));
    }
    const why = deps.resetPaper === undefined ? '페이퍼 모드가 아닙니다.' : await blocker();
    if (why !== undefined) return void (await deps.sender.answerCallback(cb.id, why, { alert: true }));
    await deps.sender.answerCallback(cb.id, '초기화합니다.');
    await deps.sender.editKeyboard(chatId, messageId, undefined);
    await deps.resetPaper?.();
    deps.logger.warn({ chatId }, 'paper account reset from the chat');
    await deps.sender.sendText(chatId, '✅ [페이퍼] 계좌를 처음 상태로 되돌렸습니다.');
  });
  return c;
}
