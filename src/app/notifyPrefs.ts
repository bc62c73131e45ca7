import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { EngineEvent } from '../domain/EngineEvent.ts';
import { NotifyPrefsStore } from '../store/NotifyPrefsStore.ts';

/**
 * The owner's notification preferences, per account (use case of the bot's `/notify` and of the relay). Every
 * event kind the relay pushes belongs to one NotifyKind; each kind is `on`, `silent` (delivered without a sound:
 * disable_notification) or `off`. Rejections and alerts (errors, unknown outcomes and their reconciliation, halts,
 * resumes, records settled by hand) can be silenced but never turned off: the owner must see them.
 */

export const NOTIFY_KINDS = [
  'placed',
  'fills',
  'amendments',
  'cancels',
  'rejections',
  'phases',
  'reports',
  'alerts',
] as const;
export type NotifyKind = (typeof NOTIFY_KINDS)[number];

export const NOTIFY_LEVELS = ['on', 'silent', 'off'] as const;
export type NotifyLevel = (typeof NOTIFY_LEVELS)[number];

export const notifyKindSchema = z.enum(NOTIFY_KINDS);
export const notifyLevelSchema = z.enum(NOTIFY_LEVELS);

/** Kinds that may be silent but never off. */
export const NEVER_OFF: ReadonlySet<NotifyKind> = new Set<NotifyKind>(['rejections', 'alerts']);

export type NotifyPrefs = Readonly<Record<NotifyKind, NotifyLevel>>;

/** Everything on until the owner says otherwise. */
export const DEFAULT_NOTIFY_PREFS: NotifyPrefs = Object.freeze(
  Object.fromEntries(NOTIFY_KINDS.map((k) => [k, 'on'])) as Record<NotifyKind, NotifyLevel>,
);

/** The kind an engine event is notified under. */
export function notifyKindOf(event: EngineEvent): NotifyKind {
  switch (event.type) {
    case 'order-placed':
      return 'placed';
    case 'fill':
      return 'fills';
    case 'amended':
      return 'amendments';
    case 'cancelled':
      return 'cancels';
    case 'order-rejected':
      return 'rejections';
    case 'plan-approved':
    case 'phase-started':
    case 'phase-waiting':
    case 'phase-ended':
    case 'plan-done':
      return 'phases';
    case 'report':
    case 'report-missing':
      return 'reports';
    default:
      // error, order-unknown, order-reconciled, halted, resumed, resolved, and any kind added later: never lost.
      return 'alerts';
  }
}

/** The account's preferences (defaults for kinds never set; a stored value that is no level counts as `on`). */
export async function getNotifyPrefs(redis: Redis, accountId: string): Promise<NotifyPrefs> {
  const stored = await new NotifyPrefsStore(redis, accountId).getAll();
  const prefs: Record<NotifyKind, NotifyLevel> = { ...DEFAULT_NOTIFY_PREFS };
  for (const kind of NOTIFY_KINDS) {
    const level = notifyLevelSchema.safeParse(stored[kind]);
    if (level.success) prefs[kind] = NEVER_OFF.has(kind) && level.data === 'off' ? 'silent' : level.data;
  }
  return prefs;
}

/** What setNotifyPref did: the change (before -> after), or why nothing changed. */
export type NotifyPrefChange =
  | { readonly ok: true; readonly kind: NotifyKind; readonly before: NotifyLevel; readonly after: NotifyLevel }
  | { readonly ok: false; readonly reason: 'unknown-kind' | 'unknown-level' | 'never-off'; readonly kind?: NotifyKind };

/** Sets one kind's level after checking both (unknown values and `off` for a never-off kind change nothing). */
export async function setNotifyPref(
  redis: Redis,
  accountId: string,
  kind: unknown,
  level: unknown,
): Promise<NotifyPrefChange> {
  const k = notifyKindSchema.safeParse(kind);
  if (!k.success) return { ok: false, reason: 'unknown-kind' };
  const l = notifyLevelSchema.safeParse(level);
  if (!l.success) return { ok: false, reason: 'unknown-level', kind: k.data };
  if (l.data === 'off' && NEVER_OFF.has(k.data)) return { ok: false, reason: 'never-off', kind: k.data };
  const stored = await new NotifyPrefsStore(redis, accountId).set(k.data, l.data);
  const before = notifyLevelSchema.safeParse(stored);
  return { ok: true, kind: k.data, before: before.success ? before.data : 'on', after: l.data };
}

/** The level after `level` when the owner presses a kind's button: on -> silent -> off -> on (never-off skip off). */
export function nextNotifyLevel(kind: NotifyKind, level: NotifyLevel): NotifyLevel {
  if (level === 'on') return 'silent';
  if (level === 'silent') return NEVER_OFF.has(kind) ? 'on' : 'off';
  return 'on';
}
