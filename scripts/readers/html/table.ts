/**
 * Reads an HTML table into a header (texts of the `<th>` row) and body rows (cells by column,
 * `colspan` expanded: the spanning cell first, then `null` for each column it covers).
 */
import type { Element } from 'domhandler';
import { isElement, textOf } from './text.ts';

export interface TableRow {
  readonly cells: readonly (Element | null)[];
  readonly node: Element;
}

export interface ParsedTable {
  /** Normalised header texts (lower case, single spaces); empty when the table has no `<th>` row. */
  readonly headers: readonly string[];
  /** Header texts as written. */
  readonly headerLabels: readonly string[];
  readonly rows: readonly TableRow[];
  readonly node: Element;
}

function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  for (const child of table.children) {
    if (!isElement(child)) continue;
    if (child.name === 'tr') rows.push(child);
    else if (child.name === 'thead' || child.name === 'tbody' || child.name === 'tfoot') {
      for (const tr of child.children) if (isElement(tr) && tr.name === 'tr') rows.push(tr);
    }
  }
  return rows;
}

function cellsOf(tr: Element): (Element | null)[] {
  const cells: (Element | null)[] = [];
  for (const c of tr.children) {
    if (!isElement(c) || (c.name !== 'td' && c.name !== 'th')) continue;
    cells.push(c);
    const span = Number.parseInt(c.attribs['colspan'] ?? '1', 10);
    for (let i = 1; i < (Number.isFinite(span) ? Math.min(span, 50) : 1); i++) cells.push(null);
  }
  return cells;
}

function normaliseHeader(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').replace(/\s*:$/, '').trim();
}

export function readTable(table: Element): ParsedTable {
  const trs = rowsOf(table);
  const first = trs[0];
  const firstCells = first ? cellsOf(first) : [];
  const isHeader =
    first !== undefined &&
    firstCells.length > 0 &&
    firstCells.every((c) => c === null || c.name === 'th') &&
    first.children.some((c) => isElement(c) && c.name === 'th');
  const headerLabels = isHeader ? firstCells.map((c) => (c ? textOf(c) : '')) : [];
  const bodyRows = isHeader ? trs.slice(1) : trs;
  return {
    headers: headerLabels.map(normaliseHeader),
    headerLabels,
    rows: bodyRows.map((tr) => ({ cells: cellsOf(tr), node: tr })),
    node: table,
  };
}

/** Index of the first header matching one of the aliases (normalised), or -1. */
export function columnIndex(headers: readonly string[], aliases: readonly string[]): number {
  return headers.findIndex((h) => aliases.includes(h));
}

/** Cell at a column, `undefined` when the row is too short or the column is covered by a span. */
export function cellAt(row: TableRow, index: number): Element | undefined {
  if (index < 0) return undefined;
  return row.cells[index] ?? undefined;
}
