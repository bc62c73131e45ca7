import { displayWidth, padEndDisplay, padStartDisplay } from './displayWidth.ts';

/** One column of a monospace table. */
export interface TableColumn {
  readonly header: string;
  /** Numbers align right, text left. */
  readonly align: 'left' | 'right';
}

/** A monospace table as plain text lines (not escaped): the header row, a rule, then one line per row. */
export interface TextTable {
  readonly head: readonly [string, string];
  readonly rows: readonly string[];
}

/**
 * Lays out `rows` under `columns`, padding every cell by display width so that every line (header and rule
 * included) has the same display width even when cells mix Hangul and ASCII. Cells are separated by one space.
 * Throws RangeError when a row has the wrong number of cells.
 */
export function textTable(columns: readonly TableColumn[], rows: readonly (readonly string[])[]): TextTable {
  const widths = columns.map((c) => displayWidth(c.header));
  for (const row of rows) {
    if (row.length !== columns.length) {
      throw new RangeError(`a row has ${row.length} cells for ${columns.length} columns`);
    }
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell));
    });
  }
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => {
        const width = widths[i] ?? 0;
        return columns[i]?.align === 'right' ? padStartDisplay(cell, width) : padEndDisplay(cell, width);
      })
      .join(' ');
  const total = widths.reduce((sum, w) => sum + w, 0) + Math.max(0, columns.length - 1);
  return { head: [line(columns.map((c) => c.header)), '-'.repeat(total)], rows: rows.map(line) };
}
