/**
 * Pipe-table rows of the markdown layout (SOURCE-FORMATS.md 4.1, 4.2, 3.4): splitting a row into
 * cells, recognising header and separator rows, and turning parameter / response / version rows
 * into doc-model values. Pure; failures come back as values, never as exceptions.
 */
import type { ParameterDoc, ParameterLocation, ResponseDoc, SchemaExpr, SourceRef } from '../../model.ts';
import { parseSchemaExpression, referencedModels } from '../../schema-expression.ts';
import { PARAMETER_LOCATIONS, splitDescriptionCell, VERSION_NUMBER } from '../cells.ts';

export interface PipeRow {
  readonly cells: readonly string[];
  /** false when the row lacks its closing `|` (cut off). */
  readonly closed: boolean;
}

/**
 * `| a | b | c |` → cells a, b, c; undefined when the line is not a pipe row. Cells are split on
 * `" | "` with the spaces, because raw patterns contain bare `|` (`^(32|64)$`). An empty last cell
 * (`| string | |`) comes out as ''.
 */
export function splitPipeRow(line: string): PipeRow | undefined {
  const t = line.trim();
  if (!t.startsWith('|')) return undefined;
  const closed = t.length > 1 && t.endsWith('|');
  const inner = closed ? t.slice(1, -1) : t.slice(1);
  return { cells: inner.split(' | ').map((c) => c.trim()), closed };
}

/** `|---|---|` (optionally with `:` alignment marks). Written without nested quantifiers to stay linear on junk. */
export function isSeparatorRow(line: string): boolean {
  const t = line.trim();
  return /^\|[\s:|-]*$/.test(t) && t.includes('-');
}

export type TableKind = 'parameters' | 'responses' | 'version';

const PARAMETER_HEADER = ['Type', 'Name', 'Description', 'Schema', 'Default'];
const RESPONSE_HEADER = ['HTTP Code', 'Description', 'Schema'];
const VERSION_LABELS = ['버전', 'Version'];

function sameCells(cells: readonly string[], want: readonly string[]): boolean {
  return cells.length === want.length && want.every((w, i) => cells[i] === w);
}

/** Which table a header row opens, if it is one of the three known headers. */
export function classifyHeaderRow(cells: readonly string[]): TableKind | undefined {
  if (sameCells(cells, PARAMETER_HEADER)) return 'parameters';
  if (sameCells(cells, RESPONSE_HEADER)) return 'responses';
  if (cells.length === 2 && VERSION_LABELS.includes(cells[0] ?? '') && (cells[1] ?? '') !== '') return 'version';
  return undefined;
}

export type RowResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: 'bad-row' | 'bad-schema'; readonly message: string };

function badRow<T>(message: string): RowResult<T> {
  return { ok: false, code: 'bad-row', message };
}

/** Parse a Schema cell; `None` is never a model name (SOURCE-FORMATS 11.6), so a `None` ref is an error here. */
function schemaCell(text: string, what: string): { ok: true; expr: SchemaExpr } | { ok: false; message: string } {
  const r = parseSchemaExpression(text);
  if (!r.ok) return { ok: false, message: `${what}: bad schema "${text.slice(0, 60)}": ${r.error}` };
  if (referencedModels(r.expr).includes('None')) return { ok: false, message: `${what}: "None" used as a schema` };
  return { ok: true, expr: r.expr };
}

function isLocation(text: string): text is ParameterLocation {
  return (PARAMETER_LOCATIONS as readonly string[]).includes(text);
}

/**
 * Parameters row: 5 cells `Type | Name | Description | Schema | Default`, 4 cells when the Default
 * cell is missing, or 3 cells for a body row whose model name sits in the Description position.
 */
export function parseParameterRow(cells: readonly string[], source: SourceRef): RowResult<ParameterDoc> {
  if (cells.length < 3 || cells.length > 5) return badRow(`parameter row has ${cells.length} cells, expected 3 to 5`);
  const [loc = '', nameCell = '', third = ''] = cells;
  if (!isLocation(loc)) return badRow(`unknown parameter location "${loc.slice(0, 40)}"`);
  const space = nameCell.lastIndexOf(' ');
  const name = space > 0 ? nameCell.slice(0, space).trim() : '';
  const flag = space > 0 ? nameCell.slice(space + 1) : '';
  if (name === '' || /\s/.test(name) || (flag !== 'required' && flag !== 'optional')) {
    return badRow(`name cell "${nameCell.slice(0, 60)}" is not "<name> required|optional"`);
  }
  const required = flag === 'required';
  if (cells.length === 3) {
    if (loc !== 'body') return badRow(`parameter ${name}: only body rows have 3 cells`);
    const schema = schemaCell(third, `body parameter ${name}`);
    if (!schema.ok) return { ok: false, code: 'bad-schema', message: schema.message };
    return { ok: true, value: { in: loc, name, required, description: '', constraints: [], schemaText: third, schema: schema.expr, source } };
  }
  const schemaText = cells[3] ?? '';
  const schema = schemaCell(schemaText, `parameter ${name}`);
  if (!schema.ok) return { ok: false, code: 'bad-schema', message: schema.message };
  const { description, constraints } = splitDescriptionCell(third);
  const def = cells[4];
  return {
    ok: true,
    value: {
      in: loc,
      name,
      required,
      description,
      constraints,
      schemaText,
      schema: schema.expr,
      ...(def !== undefined && def !== '' ? { default: def } : {}),
      source,
    },
  };
}

/** Responses row: `HTTP Code | Description | Schema`; schema `None` means no body. */
export function parseResponseRow(cells: readonly string[], source: SourceRef): RowResult<ResponseDoc> {
  if (cells.length !== 3) return badRow(`response row has ${cells.length} cells, expected 3`);
  const [code = '', description = '', schemaText = ''] = cells;
  if (!/^\d{3}$/.test(code)) return badRow(`response code "${code.slice(0, 20)}" is not a 3-digit HTTP code`);
  if (schemaText === 'None') return { ok: true, value: { code, description, schemaText, source } };
  const schema = schemaCell(schemaText, `response ${code}`);
  if (!schema.ok) return { ok: false, code: 'bad-schema', message: schema.message };
  return { ok: true, value: { code, description, schemaText, schema: schema.expr, source } };
}

export interface VersionRow {
  readonly version: string;
  readonly supportedUntil: string;
}

/** Version table row `| 1.0 | 20260701 |`. */
export function parseVersionRow(cells: readonly string[]): RowResult<VersionRow> {
  if (cells.length !== 2) return badRow(`version row has ${cells.length} cells, expected 2`);
  const [version = '', supportedUntil = ''] = cells;
  if (!VERSION_NUMBER.test(version)) return badRow(`version "${version.slice(0, 20)}" is not a version number`);
  if (supportedUntil === '') return badRow(`version ${version}: empty support date`);
  return { ok: true, value: { version, supportedUntil } };
}
