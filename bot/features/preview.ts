import { Composer, type Context } from 'telegraf';
import { approvePlan, cancelPlan } from '../../src/app/approvePlan.ts';
import { ApprovalRefusedError } from '../../src/app/errors/ApprovalRefusedError.ts';
import { PlanRefusedError } from '../../src/app/errors/PlanRefusedError.ts';
import { getPlan, proposePlan } from '../../src/app/proposePlan.ts';
import { nextPhaseRun, type PhaseRun } from '../../src/domain/nextPhaseRun.ts';
import type { Plan } from '../../src/domain/types.ts';
import { parseNoArgs } from '../commands/parseArgs.ts';
import type { BotDeps } from '../deps.ts';
import { escapeHtml } from '../preview/escapeHtml.ts';
import type { InlineKeyboard } from '../send/InlineKeyboard.ts';
import { kstWhen } from '../text/kstWhen.ts';
import { APPROVAL_REFUSAL } from '../text/refusalText.ts';
import { type ButtonData, HASH_PREFIX_LENGTH, parseButtonData } from './buttonData.ts';
import { previewHeader, previewMessage } from './previewView.ts';

type PreviewButton = Extract<ButtonData, { kind: 'preview' }>;

/**
 * `/preview` and its buttons. The command plans from the live account (one app call) and answers with one message:
 * the header, the sells tab, tab and page buttons, 승인 / 취소. A tab or page press edits that message in place (an
 * identical edit is never sent: the sender compares). 승인 goes through approvePlan (once, newest preview only, within
 * its validity, settings unchanged); any refusal is answered with an alert saying why, and nothing changes.
 */
export function previewFeature(
  deps: Pick<BotDeps, 'sender' | 'session' | 'settings' | 'approvalTtlMs' | 'now' | 'logger'>,
): Composer<Context> {
  const c = new Composer<Context>();
  const runsAt = async (): Promise<PhaseRun | undefined> => {
    const { settings } = await deps.settings.get();
    try {
      return nextPhaseRun(settings.times.sell, deps.now(), deps.session.config.EXTRA_CLOSED_DAYS);
    } catch {
      return undefined;
    }
  };

  c.command('preview', async (ctx) => {
    const parsed = parseNoArgs(ctx.payload);
    if (!parsed.ok) return void (await deps.sender.sendText(ctx.chat.id, parsed.message));
    await sendPreview(deps, [ctx.chat.id]);
  });

  c.on('callback_query', async (ctx, next) => {
    const cb = ctx.callbackQuery;
    const data = parseButtonData('data' in cb ? cb.data : undefined);
    if (data?.kind !== 'preview') return next();
    const chatId = ctx.chat?.id;
    const messageId = cb.message?.message_id;
    if (chatId === undefined || messageId === undefined) {
      return void (await deps.sender.answerCallback(cb.id, '이 버튼은 더 이상 쓸 수 없습니다.', { alert: true }));
    }
    await handlePreviewButton(deps, data, cb.id, chatId, messageId, runsAt);
  });
  return c;
}

/**
 * Plans from the live account and sends the preview to `chatIds` (the /preview reply, or the pushed preview at the
 * `/times preview` time). A planner refusal or an empty plan is said in one line instead.
 */
export async function sendPreview(
  deps: Pick<BotDeps, 'sender' | 'session' | 'settings' | 'approvalTtlMs' | 'now'>,
  chatIds: readonly number[],
  options: { readonly retryForever?: boolean } = {},
): Promise<void> {
  const say = async (text: string, extra: { html?: boolean; keyboard?: InlineKeyboard } = {}) => {
    for (const chatId of chatIds) {
      await deps.sender.sendText(chatId, text, { ...extra, ...(options.retryForever ? { retryForever: true } : {}) });
    }
  };
  let proposed: Awaited<ReturnType<typeof proposePlan>>;
  try {
    proposed = await proposePlan(deps.session, deps.settings, { approvalTtlMs: deps.approvalTtlMs });
  } catch (err) {
    if (!(err instanceof PlanRefusedError)) throw err;
    return say(`❌ 이 설정으로는 계획을 만들 수 없습니다: ${err.reason.replace(/[<>&]/g, '')} (/settings 확인)`);
  }
  if (proposed.plan.sells.length === 0 && proposed.plan.buys.length === 0) {
    await cancelPlan(deps.session, proposed.id);
    return say(nothingToTradeText(proposed.plan));
  }
  let runs: PhaseRun | undefined;
  try {
    runs = nextPhaseRun(proposed.settings.times.sell, deps.now(), deps.session.config.EXTRA_CLOSED_DAYS);
  } catch {
    runs = undefined;
  }
  const view = previewMessage({
    mode: deps.session.mode,
    planId: proposed.id,
    hash: proposed.hash,
    plan: proposed.plan,
    ...(runs !== undefined ? { runs } : {}),
    tab: proposed.plan.sells.length > 0 ? 'sells' : 'buys',
    page: 0,
  });
  await say(view.text, { html: true, keyboard: view.keyboard });
}

async function handlePreviewButton(
  deps: Pick<BotDeps, 'sender' | 'session' | 'settings' | 'now' | 'logger'>,
  data: PreviewButton,
  queryId: string,
  chatId: number,
  messageId: number,
  runsAt: () => Promise<PhaseRun | undefined>,
): Promise<void> {
  const alert = (text: string) => deps.sender.answerCallback(queryId, text, { alert: true });
  if (data.action === 'approve') {
    try {
      const approved = await approvePlan(deps.session, deps.settings, data.planId, data.hash, deps.now());
      await deps.sender.answerCallback(queryId, '승인했습니다.');
      deps.logger.info({ planId: data.planId, chatId }, 'plan approved from the preview');
      const header = previewHeader({ mode: deps.session.mode, plan: approved.plan });
      await deps.sender.editText(
        chatId,
        messageId,
        `${header}\n\n✅ <b>승인됨</b> ${escapeHtml(kstWhen(approved.approvedAt))} (계획 ${escapeHtml(approved.id)})\n실행: ${approved.runs.date} ${approved.runs.time}에 매도 시작, 매수는 매도가 끝난 뒤. 지금 시작하려면 /run now`,
        { html: true },
      );
    } catch (err) {
      if (!(err instanceof ApprovalRefusedError)) throw err;
      deps.logger.info({ planId: data.planId, reason: err.reason, chatId }, 'approval refused');
      await alert(APPROVAL_REFUSAL[err.reason]);
    }
    return;
  }
  const stored = await getPlan(deps.session, data.planId);
  if (stored === undefined || !stored.hash.startsWith(data.hash) || data.hash.length !== HASH_PREFIX_LENGTH) {
    return void (await alert(APPROVAL_REFUSAL[stored === undefined ? 'missing' : 'hash-mismatch']));
  }
  if (data.action === 'cancel') {
    if (!(await cancelPlan(deps.session, data.planId))) return void (await alert(APPROVAL_REFUSAL['not-pending']));
    await deps.sender.answerCallback(queryId, '취소했습니다.');
    const header = previewHeader({ mode: deps.session.mode, plan: stored.plan });
    await deps.sender.editText(chatId, messageId, `${header}\n\n❌ 취소한 계획입니다. 아무것도 주문하지 않았습니다.`, {
      html: true,
    });
    return;
  }
  await deps.sender.answerCallback(queryId);
  if (data.action !== 'view' || stored.status !== 'pending') return;
  const runs = await runsAt();
  const view = previewMessage({
    mode: deps.session.mode,
    planId: stored.id,
    hash: stored.hash,
    plan: stored.plan,
    ...(runs !== undefined ? { runs } : {}),
    tab: data.tab,
    page: data.page,
  });
  await deps.sender.editText(chatId, messageId, view.text, { html: true, keyboard: view.keyboard });
}

/**
 * Why a plan trades nothing: the account is as close as whole shares allow, or the drift band and the minimum trade
 * value left every leg out (then it says how many, and what the tracking error would be without them).
 */
function nothingToTradeText(plan: Plan): string {
  const dropped = plan.droppedLegs;
  if (dropped === undefined || dropped.band + dropped.minimum === 0) {
    return '✅ 매매할 것이 없습니다: 계좌가 정수 주식으로 맞출 수 있는 만큼 목표 비중에 맞습니다.';
  }
  const t = plan.tracking;
  const gap =
    t === undefined ? '' : ` 추적오차 ${t.after.toFixed(2)}%p (밴드·최소금액 없이 ${t.withoutBand.toFixed(2)}%p).`;
  return `✅ 매매할 것이 없습니다: 밴드로 뺀 거래 ${dropped.band}건, 최소금액으로 뺀 거래 ${dropped.minimum}건.${gap} (/band, /mintrade 로 조정)`;
}
