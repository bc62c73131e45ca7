import type { TextTable } from '../../src/text/textTable.ts';
import { escapeHtml } from '../preview/escapeHtml.ts';

/** Rows of a table per message: far under 4096 characters even with long cells (about 60 columns a row). */
export const TABLE_ROWS_PER_MESSAGE = 40;

/**
 * A head (HTML) and a table cut into messages of at most TABLE_ROWS_PER_MESSAGE rows, each a whole `<pre>` block
 * with the table's header; later messages start with `continued` (a tag is never cut).
 */
export function headAndTablePages(head: string, table: TextTable, continued: string): string[] {
  const pages: string[] = [];
  for (let i = 0; i === 0 || i < table.rows.length; i += TABLE_ROWS_PER_MESSAGE) {
    const rows = table.rows.slice(i, i + TABLE_ROWS_PER_MESSAGE);
    const pre = `<pre>${escapeHtml([...table.head, ...rows].join('\n'))}</pre>`;
    pages.push(`${i === 0 ? head : continued}\n${pre}`);
  }
  return pages;
}
