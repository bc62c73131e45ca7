import { PaperRejection } from './PaperRejection.ts';
import type { RouteContext } from './RouteContext.ts';

/**
 * Continuation paging as Kiwoom does it: a response carries at most a page of rows and the headers
 * `cont-yn: Y` and `next-key: <opaque>` when more follow; the client sends both back as request headers.
 * @see ../shared/reference/kiwoom-rest.md "Hosts and envelope" (paging)
 *
 * The key is the sort key of the last row sent (not an offset), so rows added or removed between two page
 * requests are neither skipped nor repeated: the next page is "rows after that key" in the list's own order.
 */

/** One page and the headers that go with it. */
export interface Page<T> {
  readonly rows: T[];
  readonly headers: Record<string, string>;
}

/** Where a page request starts. */
export interface PageRequest {
  readonly apiId: string;
  readonly contYn: string | undefined;
  readonly nextKey: string | undefined;
  readonly pageSize: number;
}

/**
 * Cuts `rows` (already in list order) into the page the request asks for. `keyOf` gives a row's sort key and
 * `isAfter(key, cursor)` tells whether a row comes after the last one sent. Throws 1517 for a next-key that this
 * server did not issue for this api-id.
 */
export function paginate<T>(
  rows: readonly T[],
  keyOf: (row: T) => string,
  isAfter: (key: string, cursor: string) => boolean,
  request: PageRequest,
): Page<T> {
  let rest = rows;
  if (request.contYn === 'Y') {
    const cursor = decodeKey(request.apiId, request.nextKey);
    rest = rows.filter((row) => isAfter(keyOf(row), cursor));
  }
  const page = rest.slice(0, request.pageSize);
  const last = page[page.length - 1];
  if (rest.length > page.length && last !== undefined) {
    return { rows: page, headers: { 'cont-yn': 'Y', 'next-key': encodeKey(request.apiId, keyOf(last)) } };
  }
  return { rows: page, headers: { 'cont-yn': 'N', 'next-key': '' } };
}

/** Where the page a route's request asks for starts (its api-id and paging headers, the server's page size). */
export function pageRequestOf(ctx: RouteContext): PageRequest {
  return { apiId: ctx.apiId, contYn: ctx.contYn, nextKey: ctx.nextKey, pageSize: ctx.pageSize };
}

function encodeKey(apiId: string, key: string): string {
  return Buffer.from(`${apiId}|${key}`, 'utf8').toString('base64url');
}

function decodeKey(apiId: string, nextKey: string | undefined): string {
  if (nextKey === undefined || nextKey === '') throw new PaperRejection('missingField', 'next-key');
  const text = Buffer.from(nextKey, 'base64url').toString('utf8');
  const bar = text.indexOf('|');
  if (bar < 0 || text.slice(0, bar) !== apiId) throw new PaperRejection('badFormat', 'next-key');
  return text.slice(bar + 1);
}
