import { Composer, type Context } from 'telegraf';
import { isHalted, runNow } from '../../src/app/control.ts';
import { parseRun } from '../commands/commandSchemas.ts';
import { tokens } from '../commands/parseArgs.ts';
import type { BotDeps } from '../deps.ts';

/** `/run now`: starts the approved plan's sell phase at once (the buy phase follows the sells). */
export function runFeature(deps: Pick<BotDeps, 'sender' | 'session'>): Composer<Context> {
  const c = new Composer<Context>();
  c.command('run', async (ctx) => {
    const parsed = parseRun(tokens(ctx.payload));
    if (!parsed.ok) return void (await deps.sender.sendText(ctx.chat.id, parsed.message));
    if (await isHalted(deps.session)) {
      return void (await deps.sender.sendText(ctx.chat.id, '🛑 긴급 정지 중입니다. /resume 후에 다시 시도하세요.'));
    }
    const planId = await runNow(deps.session);
    await deps.sender.sendText(
      ctx.chat.id,
      planId === undefined
        ? '승인된 계획이 없습니다. /preview 로 계획을 만들고 승인하세요.'
        : `▶️ 계획 ${planId}의 매도를 지금 시작합니다. 매수는 매도가 끝난 뒤 시작합니다.`,
    );
  });
  return c;
}
