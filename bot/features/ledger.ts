import { Composer, type Context } from 'telegraf';
import { adoptBrokerOrder, listAwaitingPerson, markNeverPlaced } from '../../src/app/awaitingPerson.ts';
import type { ResolveResult } from '../../src/domain/ResolveResult.ts';
import { parseNoArgs } from '../commands/parseArgs.ts';
import type { BotDeps } from '../deps.ts';
import type { DetachWork } from '../middleware/perChatQueue.ts';
import { awaitingText, resolveResultText } from '../text/ledgerText.ts';
import { type ButtonData, encodeButtonData, parseButtonData } from './buttonData.ts';

type LedgerButton = Extract<ButtonData, { kind: 'ledger' }>;

/**
 * `/ledger`: the records the engine left for a person, each with the broker's candidate orders and buttons to adopt
 * one or to mark the request never placed; every action asks for a confirmation first, and is checked against the
 * broker's lists again when confirmed (the same settlement as `npm run ledger`, through the app layer).
 */
export function ledgerFeature(
  deps: Pick<BotDeps, 'sender' | 'session' | 'now' | 'logger'> & { readonly detach: DetachWork },
): Composer<Context> {
  const c = new Composer<Context>();
  c.command('ledger', async (ctx) => {
    const parsed = parseNoArgs(ctx.payload);
    if (!parsed.ok) return void (await deps.sender.sendText(ctx.chat.id, parsed.message));
    const records = await listAwaitingPerson(deps.session, deps.now());
    if (records.length === 0) {
      return void (await deps.sender.sendText(ctx.chat.id, '사람의 확인을 기다리는 주문이 없습니다.'));
    }
    await deps.sender.sendText(ctx.chat.id, `결과를 알 수 없어 확인을 기다리는 주문 ${records.length}건:`);
    for (const r of records.slice(0, 10)) {
      const keyboard: Array<Array<{ text: string; data: string }>> = [];
      const orderNos = r.unclaimedOrderNo !== undefined ? [r.unclaimedOrderNo] : r.candidates.map((x) => x.orderNo);
      for (const orderNo of orderNos) {
        const data = tryEncode({ kind: 'ledger', step: 'adopt', recordId: r.id, orderNo });
        if (data !== undefined) keyboard.push([{ text: `#${orderNo} 채택…`, data }]);
      }
      const notPlaced = tryEncode({ kind: 'ledger', step: 'not-placed', recordId: r.id });
      if (r.unclaimedOrderNo === undefined && r.candidates.length === 0 && notPlaced !== undefined) {
        keyboard.push([{ text: '접수 안 됨으로 표시…', data: notPlaced }]);
      }
      await deps.sender.sendText(ctx.chat.id, awaitingText(r), {
        html: true,
        ...(keyboard.length > 0 ? { keyboard } : {}),
      });
    }
  });
  c.on('callback_query', async (ctx, next) => {
    const cb = ctx.callbackQuery;
    const data = parseButtonData('data' in cb ? cb.data : undefined);
    if (data?.kind !== 'ledger') return next();
    const chatId = ctx.chat?.id;
    const messageId = cb.message?.message_id;
    if (chatId === undefined || messageId === undefined) return void (await deps.sender.answerCallback(cb.id));
    await handleLedgerButton(deps, data, cb.id, chatId, messageId, ctx.update.update_id);
  });
  return c;
}

async function handleLedgerButton(
  deps: Pick<BotDeps, 'sender' | 'session' | 'logger'> & { readonly detach: DetachWork },
  data: LedgerButton,
  queryId: string,
  chatId: number,
  messageId: number,
  updateId: number,
): Promise<void> {
  const { sender } = deps;
  if (data.step === 'no') {
    await sender.answerCallback(queryId, '아무것도 하지 않았습니다.');
    return void (await sender.editKeyboard(chatId, messageId, undefined));
  }
  if (data.step === 'adopt' || data.step === 'not-placed') {
    await sender.answerCallback(queryId);
    const yes = tryEncode({ ...data, step: data.step === 'adopt' ? 'adopt-yes' : 'not-placed-yes' });
    const no = tryEncode({ kind: 'ledger', step: 'no', recordId: data.recordId });
    if (yes === undefined || no === undefined) return;
    const question =
      data.step === 'adopt'
        ? `기록 ${data.recordId}의 주문이 증권사 주문 #${data.orderNo ?? ''}이(가) 맞습니까?`
        : `기록 ${data.recordId}의 주문이 접수되지 않았다고 표시할까요? 다시 주문합니다.`;
    await sender.sendText(chatId, question, {
      keyboard: [
        [
          { text: '예', data: yes },
          { text: '아니오', data: no },
        ],
      ],
    });
    return;
  }
  await sender.answerCallback(queryId, '증권사 목록과 대조합니다.');
  await sender.editKeyboard(chatId, messageId, undefined);
  // The settlement reads the broker's lists: off telegraf's update loop, or a /stop sent meanwhile would wait for it.
  deps.detach(chatId, updateId, async () => {
    const result: ResolveResult =
      data.step === 'adopt-yes'
        ? await adoptBrokerOrder(deps.session, data.recordId, data.orderNo ?? '')
        : await markNeverPlaced(deps.session, data.recordId, true);
    deps.logger.warn(
      { chatId, recordId: data.recordId, step: data.step, kind: result.kind },
      'ledger settled from chat',
    );
    await sender.sendText(chatId, resolveResultText(result));
  });
}

function tryEncode(d: ButtonData): string | undefined {
  try {
    return encodeButtonData(d);
  } catch {
    return undefined;
  }
}
