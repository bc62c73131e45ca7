import { Composer, type Context } from 'telegraf';
import { haltTrading, isHalted, resumeTrading } from '../../src/app/control.ts';
import { liveOrders } from '../../src/app/orderActivity.ts';
import { parseNoArgs } from '../commands/parseArgs.ts';
import type { BotDeps } from '../deps.ts';
import { encodeButtonData, parseButtonData } from './buttonData.ts';

/**
 * `/stop`: the kill switch at once (placing stops, waiting order jobs are removed), then a button to cancel the open
 * orders at the broker too, behind a confirmation. `/resume`: releases it and re-queues what was not sent.
 */
export function stopResumeFeature(deps: Pick<BotDeps, 'sender' | 'session' | 'logger'>): Composer<Context> {
  const c = new Composer<Context>();
  c.command('stop', async (ctx) => {
    const parsed = parseNoArgs(ctx.payload);
    if (!parsed.ok) return void (await deps.sender.sendText(ctx.chat.id, parsed.message));
    const r = await haltTrading(deps.session, { by: { via: 'chat', chatId: ctx.chat.id } });
    deps.logger.warn({ chatId: ctx.chat.id, ...r }, 'kill switch thrown from the chat');
    const open = (await liveOrders(deps.session)).filter((o) => o.state === 'open' || o.state === 'partial');
    await deps.sender.sendText(
      ctx.chat.id,
      `🛑 긴급 정지했습니다. 새 주문을 내지 않고 대기 주문 ${r.removedJobs}건을 지웠습니다.\n` +
        (open.length > 0
          ? `거래소에 미체결 주문 ${open.length}건이 남아 있습니다. 취소하려면 아래 버튼을 누르세요. 재개: /resume`
          : '거래소에 남은 미체결 주문은 없습니다. 재개: /resume'),
      open.length > 0
        ? {
            keyboard: [
              [{ text: `미체결 ${open.length}건 취소…`, data: encodeButtonData({ kind: 'stop', step: 'ask' }) }],
            ],
          }
        : {},
    );
  });
  c.command('resume', async (ctx) => {
    const parsed = parseNoArgs(ctx.payload);
    if (!parsed.ok) return void (await deps.sender.sendText(ctx.chat.id, parsed.message));
    if (!(await isHalted(deps.session))) {
      return void (await deps.sender.sendText(ctx.chat.id, '정지 상태가 아닙니다. 바꾼 것이 없습니다.'));
    }
    const r = await resumeTrading(deps.session);
    await deps.sender.sendText(
      ctx.chat.id,
      `▶️ 재개했습니다. 보내지 않은 주문 ${r.requeued}건을 다시 대기열에 넣었습니다.`,
    );
  });
  c.on('callback_query', async (ctx, next) => {
    const cb = ctx.callbackQuery;
    const data = parseButtonData('data' in cb ? cb.data : undefined);
    if (data?.kind !== 'stop') return next();
    const chatId = ctx.chat?.id;
    const messageId = cb.message?.message_id;
    if (chatId === undefined || messageId === undefined) return void (await deps.sender.answerCallback(cb.id));
    if (data.step === 'ask') {
      await deps.sender.answerCallback(cb.id);
      await deps.sender.editKeyboard(chatId, messageId, [
        [
          { text: '예, 모두 취소', data: encodeButtonData({ kind: 'stop', step: 'yes' }) },
          { text: '아니오', data: encodeButtonData({ kind: 'stop', step: 'no' }) },
        ],
      ]);
      return;
    }
    if (data.step === 'no') {
      await deps.sender.answerCallback(cb.id, '취소하지 않았습니다.');
      await deps.sender.editKeyboard(chatId, messageId, undefined);
      return;
    }
    if (!(await isHalted(deps.session))) {
      return void (await deps.sender.answerCallback(cb.id, '이미 재개되었습니다. 취소하지 않았습니다.', {
        alert: true,
      }));
    }
    await deps.sender.answerCallback(cb.id, '미체결 주문 취소를 요청합니다.');
    await deps.sender.editKeyboard(chatId, messageId, undefined);
    const r = await haltTrading(deps.session, { cancelOpen: true, by: { via: 'chat', chatId } });
    deps.logger.warn({ chatId, ...r }, 'open orders cancelled from the chat');
    await deps.sender.sendText(chatId, `미체결 주문 취소 ${r.cancelsQueued}건을 요청했습니다. 결과는 알림으로 옵니다.`);
  });
  return c;
}
