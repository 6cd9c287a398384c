/**
 * Table rows of the flat layout (SOURCE-FORMATS.md 4.1, 4.2, 4.4). A parameter or field row is a
 * name line followed by a line that is exactly `required` / `optional`, then description lines,
 * constraint lines and, last, the glued schema+default cell. Response rows are `200OKModelName`.
 */
import type { Constraint, ParameterLocation, ResponseDoc, RowDoc, SchemaExpr } from '../../model.ts';
import { parseSchemaExpression, parseSchemaPrefix } from '../../schema-expression.ts';
import { PARAMETER_LOCATIONS, RESPONSE_REASONS, parseConstraintLine, splitDescriptionLines } from '../cells.ts';
import { quote } from '../diagnostic-sink.ts';
import { type Line, type Reporter } from './report.ts';

export interface RawRow {
  readonly head: Line;
  readonly required: boolean;
  /** Non-blank lines after the required/optional line, up to the next row. */
  readonly body: readonly Line[];
}

export interface SplitTable {
  readonly rows: readonly RawRow[];
  /** Non-blank lines before the first row that are not a header line. */
  readonly stray: readonly Line[];
  /** Every line equal to the header text. */
  readonly headers: readonly Line[];
}

function isRequiredLine(t: string): boolean {
  return t === 'required' || t === 'optional';
}

/**
 * Split table lines into rows. A row starts at a non-blank line followed by `required`/`optional`.
 * A header line ends the current row (it starts the table of a model whose heading is missing).
 */
export function splitRows(lines: readonly Line[], header: string): SplitTable {
  const content = lines.filter((l) => l.t !== '');
  const rows: RawRow[] = [];
  const stray: Line[] = [];
  const headers: Line[] = [];
  let current: { head: Line; required: boolean; body: Line[] } | undefined;
  for (let i = 0; i < content.length; i++) {
    const line = content[i] as Line;
    if (line.t === header) {
      headers.push(line);
      if (current) rows.push(current);
      current = undefined;
      continue;
    }
    const next = content[i + 1];
    if (next && isRequiredLine(next.t) && !isRequiredLine(line.t)) {
      if (current) rows.push(current);
      current = { head: line, required: next.t === 'required', body: [] };
      i++;
      continue;
    }
    if (current) current.body.push(line);
    else stray.push(line);
  }
  if (current) rows.push(current);
  return { rows, stray, headers };
}

/** What a parameter row or a model field row holds, before its place in the file is attached. */
export type RowCells = Omit<RowDoc, 'source'>;

/**
 * Description, constraints and the glued schema+default cell of a row. Returns undefined (after
 * reporting) when the row has no usable schema: a row without its schema is not a row we can emit.
 */
export function readRowCells(row: RawRow, name: string, report: Reporter, what: string): RowCells | undefined {
  const last = row.body[row.body.length - 1];
  if (!last) {
    report.error('truncated-table', `${what} "${name}" ends after its required/optional line: no description or schema cell`, row.head.no);
    return undefined;
  }
  if (parseConstraintLine(last.t)) {
    report.error('truncated-table', `${what} "${name}" has no schema cell (its last line is the constraint ${quote(last.t)})`, last.no);
    return undefined;
  }
  const cellLines = row.body.slice(0, -1);
  checkCellLines(cellLines, name, report, what);
  const before = cellLines[cellLines.length - 1];
  if (before && before.t === last.t) report.warn('unexpected-line', `${what} "${name}": the schema cell ${quote(last.t)} is repeated`, before.no);
  const { description, constraints } = splitDescriptionLines(cellLines.map((l) => l.t));
  checkConstraints(constraints, row, name, report, what);
  if (description.includes('\n')) report.info('multi-line-description', `${what} "${name}" has a description over several lines`, row.head.no);
  const cell = splitSchemaCell(last.t);
  if (!cell.ok) {
    report.error('bad-schema', `${what} "${name}": cannot read schema cell ${quote(last.t)}: ${cell.error}`, last.no);
    return undefined;
  }
  const cells: RowCells = { name, required: row.required, description, constraints, schemaText: cell.schemaText, schema: cell.schema };
  return cell.default !== undefined ? { ...cells, default: cell.default } : cells;
}

/** Lower-case schema words: a description line starting so may be a schema cell out of place. */
const SCHEMA_START = /^(?:string|integer|number|boolean|object|null|array\[|any of \[|enum \()/;
const GLUED_CONSTRAINT = /\S(?:Example|Pattern|Minimum length|Maximum length|Minimum|Maximum) :(?: |$)/;

/** Lines between required/optional and the schema cell that betray a lost row boundary or glued cells. */
function checkCellLines(lines: readonly Line[], name: string, report: Reporter, what: string): void {
  for (const line of lines) {
    if (isRequiredLine(line.t)) {
      report.warn('unexpected-line', `${what} "${name}": a second "${line.t}" line inside the row`, line.no);
    } else if (parseConstraintLine(line.t) === undefined && GLUED_CONSTRAINT.test(line.t)) {
      report.warn('glued-cells', `${what} "${name}": a constraint is glued to the text before it: ${quote(line.t)}`, line.no);
    } else if (SCHEMA_START.test(line.t)) {
      const cell = splitSchemaCell(line.t);
      if (cell.ok && cell.schema.kind !== 'ref') {
        report.warn('unexpected-line', `${what} "${name}": ${quote(line.t)} looks like a schema cell but is not the last line of the row`, line.no);
      }
    }
  }
}

function checkConstraints(constraints: readonly Constraint[], row: RawRow, name: string, report: Reporter, what: string): void {
  const seen = new Set<string>();
  for (const c of constraints) {
    // The docs print each key at most once, on one line; anything else means lines ran together.
    if (seen.has(c.key)) report.warn('duplicate-constraint', `${what} "${name}" has "${c.key}" twice`, row.head.no);
    seen.add(c.key);
    if (c.value.includes('\n')) report.warn('multi-line-constraint', `${what} "${name}": "${c.key}" runs over several lines`, row.head.no);
  }
}

type SchemaCell =
  | { readonly ok: true; readonly schemaText: string; readonly schema: SchemaExpr; readonly default?: string }
  | { readonly ok: false; readonly error: string };

/** Grammar-first split of `stringNone`, `any of [integer, null]20`, `DataOpsCreateRequest`. */
function splitSchemaCell(text: string): SchemaCell {
  const parsed = parseSchemaPrefix(text);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const rest = parsed.rest;
  const schemaText = text.slice(0, text.length - rest.length);
  // A glued default never starts with a space, and a model name never carries one.
  if (/^\s/.test(rest)) return { ok: false, error: `unexpected text ${quote(rest)} after the schema` };
  if (parsed.expr.kind === 'ref' && rest !== '') return { ok: false, error: `unexpected text ${quote(rest)} after model name` };
  return { ok: true, schemaText, schema: parsed.expr, default: rest !== '' ? rest : undefined };
}

/** `pathcluster_id` → path / cluster_id. The type words are not prefixes of each other. */
export function splitTypeAndName(text: string): { in: ParameterLocation; name: string } | undefined {
  for (const loc of PARAMETER_LOCATIONS) {
    if (text.startsWith(loc) && text.length > loc.length) return { in: loc, name: text.slice(loc.length) };
  }
  return undefined;
}

const REASONS_LONGEST_FIRST = [...RESPONSE_REASONS].sort((a, b) => b.length - a.length);

/** `400Bad RequestNone` → 400 / Bad Request / None. */
export function readResponseRow(line: Line, report: Reporter): ResponseDoc | undefined {
  const m = /^(\d{3})(.*)$/.exec(line.t);
  if (!m) {
    report.unknown(line, 'the Responses table');
    return undefined;
  }
  const code = m[1] as string;
  const afterCode = m[2] as string;
  let reason = REASONS_LONGEST_FIRST.find((r) => afterCode.startsWith(r));
  let schemaText: string;
  if (reason !== undefined) {
    schemaText = afterCode.slice(reason.length);
  } else {
    // Unknown reason: the schema is the trailing identifier that starts at a lower→upper case step.
    const split = guessReasonSplit(afterCode);
    reason = split.reason;
    schemaText = split.schema;
    report.warn('unknown-response-reason', `response ${code}: reason phrase not in the known list, read ${quote(reason)} + ${quote(schemaText)}`, line.no);
  }
  const source = { file: report.sink.file, line: line.no };
  if (schemaText === '') {
    report.error('bad-schema', `response ${code} has no schema cell`, line.no);
    return undefined;
  }
  if (schemaText === 'None') return { code, description: reason, schemaText, source };
  const parsed = parseSchemaExpression(schemaText);
  if (!parsed.ok) {
    report.error('bad-schema', `response ${code}: cannot read schema cell ${quote(schemaText)}: ${parsed.error}`, line.no);
    return undefined;
  }
  return { code, description: reason, schemaText, schema: parsed.expr, source };
}

function guessReasonSplit(text: string): { reason: string; schema: string } {
  // Linear: find the identifier-character suffix, then its first lower→upper step.
  let start = text.length;
  while (start > 0 && /[A-Za-z0-9_]/.test(text.charAt(start - 1))) start--;
  for (let p = Math.max(start, 1); p < text.length; p++) {
    if (/[A-Z]/.test(text.charAt(p)) && /[a-z0-9]/.test(text.charAt(p - 1))) {
      return { reason: text.slice(0, p), schema: text.slice(p) };
    }
  }
  return { reason: '', schema: text };
}
