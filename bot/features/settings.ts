import { Composer, type Context } from 'telegraf';
import { SettingsRefusedError } from '../../src/app/errors/SettingsRefusedError.ts';
import { allocatedPct } from '../../src/app/settings.ts';
import type { AccountSettings } from '../../src/schemas/accountSettingsSchema.ts';
import { parseSettingsCommand, type SettingsCommand, USAGE } from '../commands/commandSchemas.ts';
import { parseNoArgs, tokens, usageLine } from '../commands/parseArgs.ts';
import type { BotDeps } from '../deps.ts';
import { pct } from '../text/pct.ts';
import { settingsChangeText, settingsText } from '../text/settingsText.ts';

const COMMANDS: readonly SettingsCommand[] = [
  'weights',
  'cash',
  'exclude',
  'include',
  'add',
  'remove',
  'times',
  'split',
  'enable',
  'disable',
  'band',
  'mintrade',
];

/**
 * `/settings` and every command that changes a setting: parse (zod) -> AccountSettingsService.change -> reply with
 * what changed (before -> after). A bad argument or a refused change gets one line and changes nothing. New phase
 * times are applied to the engine's cron tasks at once.
 */
export function settingsFeature(deps: Pick<BotDeps, 'sender' | 'settings' | 'reschedule'>): Composer<Context> {
  const c = new Composer<Context>();
  c.command('settings', async (ctx) => {
    const parsed = parseNoArgs(ctx.payload);
    if (!parsed.ok) return void (await deps.sender.sendText(ctx.chat.id, parsed.message));
    const { settings } = await deps.settings.get();
    await deps.sender.sendText(ctx.chat.id, settingsText(settings), { html: true });
  });
  for (const command of COMMANDS) {
    c.command(command, async (ctx) => {
      const parsed = parseSettingsCommand(command, tokens(ctx.payload));
      if (!parsed.ok) return void (await deps.sender.sendText(ctx.chat.id, parsed.message));
      try {
        const r = await deps.settings.change(parsed.value);
        if (r.changed && JSON.stringify(r.before.times) !== JSON.stringify(r.after.times)) {
          await deps.reschedule(r.after.times);
        }
        await deps.sender.sendText(ctx.chat.id, settingsChangeText(r.before, r.after), { html: true });
      } catch (err) {
        if (!(err instanceof SettingsRefusedError)) throw err;
        await deps.sender.sendText(ctx.chat.id, usageLine(refusalText(err), USAGE[command]));
      }
    });
  }
  return c;
}

/** Words a refused change: the total over 100% by name, else the schema's own reason. */
function refusalText(err: SettingsRefusedError): string {
  const attempted = err.attempted as AccountSettings | undefined;
  if (attempted !== undefined && allocatedPct(attempted) > 100 + 1e-9) {
    const weights = allocatedPct(attempted) - attempted.rebalance.cashPct;
    return `비중 합계 ${pct(weights)} + 현금 ${pct(attempted.rebalance.cashPct)} = ${pct(allocatedPct(attempted))}로 100%를 넘습니다. 아무것도 바꾸지 않았습니다`;
  }
  return `설정할 수 없습니다 (${err.problems.join('; ')}). 아무것도 바꾸지 않았습니다`;
}
