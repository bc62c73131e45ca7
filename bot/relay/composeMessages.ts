import type { NotifyLevel } from '../../src/app/notifyPrefs.ts';
import type { EngineEvent } from '../../src/domain/EngineEvent.ts';
import { eventText, type LegProgress } from '../render/eventText.ts';
import { type BotMode, modeMark } from '../render/modeMark.ts';

/** One outbox event as the relay handles it: its id, the event, its kind's level and, for fills, leg progress. */
export interface RelayItem {
  readonly id: string;
  readonly event: EngineEvent;
  readonly level: NotifyLevel;
  readonly progress?: LegProgress;
}

/** A message to send to every chat; the chats' cursors move to `lastEventId` once Telegram accepted it. */
export interface RelayMessage {
  readonly text: string;
  readonly silent: boolean;
  readonly lastEventId: string;
}

/** Routine order traffic: a burst of these goes out as one message. */
const MERGEABLE: ReadonlySet<EngineEvent['type']> = new Set(['order-placed', 'fill', 'amended', 'cancelled']);

export function isMergeable(event: EngineEvent): boolean {
  return MERGEABLE.has(event.type);
}

/** Longest merged message; Telegram's limit is 4096 characters. */
export const MAX_MERGED_CHARS = 3_500;

/**
 * The messages for `items` (in outbox order), each marked with the mode: runs of mergeable events become one
 * message of one line each (cut at MAX_MERGED_CHARS), every other event its own message(s). Items whose level is
 * `off` give no text. A message is silent only when everything in it is. `lastId` is the last item's id: where
 * the cursors end up once every message was accepted (it also covers trailing `off` items).
 */
export function composeMessages(
  items: readonly RelayItem[],
  mode: BotMode,
): { messages: RelayMessage[]; lastId: string | undefined } {
  const mark = modeMark(mode);
  const messages: RelayMessage[] = [];
  let run: { lines: string[]; silent: boolean; lastId: string } | undefined;
  let chars = 0;
  const flushRun = () => {
    if (!run) return;
    const text =
      run.lines.length === 1
        ? `${mark} ${run.lines[0]}`
        : `${mark} 주문 알림 ${run.lines.length}건\n${run.lines.join('\n')}`;
    messages.push({ text, silent: run.silent, lastEventId: run.lastId });
    run = undefined;
    chars = 0;
  };
  for (const item of items) {
    if (item.level === 'off') continue;
    const silent = item.level === 'silent';
    if (isMergeable(item.event)) {
      const line = eventText(item.event, item.progress)[0] ?? '';
      if (run && chars + line.length + 1 > MAX_MERGED_CHARS) flushRun();
      run ??= { lines: [], silent: true, lastId: item.id };
      run.lines.push(line);
      run.silent &&= silent;
      run.lastId = item.id;
      chars += line.length + 1;
      continue;
    }
    flushRun();
    const pieces = eventText(item.event, item.progress);
    pieces.forEach((piece, i) => {
      // The cursor passes the event only with its last piece: a crash between pieces repeats the event whole.
      messages.push({
        text: `${mark} ${piece}`,
        silent,
        lastEventId: i === pieces.length - 1 ? item.id : previousId(item.id),
      });
    });
  }
  flushRun();
  return { messages, lastId: items[items.length - 1]?.id };
}

/** The stream id just before `id` (`ms-seq` -> `ms-(seq-1)`, or the previous ms). */
function previousId(id: string): string {
  const [ms = '0', seq = '0'] = id.split('-');
  if (seq !== '0') return `${ms}-${BigInt(seq) - 1n}`;
  return ms === '0' ? '0-0' : `${BigInt(ms) - 1n}-18446744073709551615`;
}
