import type { EngineEvent } from './EngineEvent.ts';

/**
 * An event as read from the outbox (`parsed`, its JSON), in today's shape. Events stored by an older version carried
 * English words in `reason` where today's carry a cause: `cancelled` and `order-rejected` get them as a `recorded`
 * cause (the words shown as they are), `order-unknown` the request its words named (`amend: ...`, `cancel: ...`,
 * else the placement) with the rest as `detail`; an `error` (its words in `message`) and a `phase-waiting` (in
 * `reason`) from before they had codes get the code `recorded` with their words as `text`. The outbox keeps events for days, so the faces must still read the
 * older ones; every other event is taken as it is, as before.
 */
export function olderEventShapes(parsed: Readonly<Record<string, unknown>>): EngineEvent {
  if (parsed.type === 'error' && parsed.code === undefined && typeof parsed.message === 'string') {
    const { message, ...fields } = parsed;
    return { ...fields, code: 'recorded', text: message } as unknown as EngineEvent;
  }
  const { reason, ...rest } = parsed;
  if (parsed.type === 'phase-waiting' && parsed.code === undefined && typeof reason === 'string') {
    return { ...rest, code: 'recorded', text: reason } as unknown as EngineEvent;
  }
  if (typeof reason !== 'string') return parsed as unknown as EngineEvent;
  if ((parsed.type === 'cancelled' || parsed.type === 'order-rejected') && parsed.cause === undefined) {
    return { ...rest, cause: { code: 'recorded', text: reason } } as unknown as EngineEvent;
  }
  if (parsed.type === 'order-unknown' && parsed.request === undefined) {
    const named = /^(amend|cancel): /.exec(reason);
    const request = named?.[1] ?? 'place';
    const detail = named === null ? reason : reason.slice(named[0].length);
    return { ...rest, request, detail } as unknown as EngineEvent;
  }
  return parsed as unknown as EngineEvent;
}
