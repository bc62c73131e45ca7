import { z } from 'zod';
import { NOTIFY_KINDS, NOTIFY_LEVELS, type NotifyKind, type NotifyLevel } from '../../src/app/notifyPrefs.ts';

/**
 * Callback data of the `/notify` buttons: `nt|{kind}|{level}` = "set this kind to this level" (ASCII, at most 64
 * bytes). The button carries the level it sets, not "next", so a press on a stale keyboard sets what it showed
 * and a repeated press changes nothing more.
 */
export interface NotifyButtonData {
  readonly kind: NotifyKind;
  readonly level: NotifyLevel;
}

export const NOTIFY_DATA_PREFIX = 'nt|';

const notifyDataSchema = z
  .string()
  .max(64)
  .regex(/^nt\|[a-z]{1,16}\|[a-z]{1,8}$/)
  .transform((s) => s.split('|'))
  .pipe(z.tuple([z.literal('nt'), z.enum(NOTIFY_KINDS), z.enum(NOTIFY_LEVELS)]))
  .transform(([, kind, level]): NotifyButtonData => ({ kind, level }));

/** Parses notify button data; undefined for anything else (forged, foreign or malformed). */
export function parseNotifyData(data: unknown): NotifyButtonData | undefined {
  const r = notifyDataSchema.safeParse(data);
  return r.success ? r.data : undefined;
}

export function encodeNotifyData(d: NotifyButtonData): string {
  return `${NOTIFY_DATA_PREFIX}${d.kind}|${d.level}`;
}
