/**
 * The tables of an operation block and of a model: parameters (Type | Name | Description | Schema |
 * Default), responses (HTTP Code | Description | Schema), the version/support table and model fields
 * (Name | Description | Schema | Default). Rows that cannot be read become diagnostics, never throws.
 */
import type { FieldDoc, ParameterDoc, ParameterLocation, ResponseDoc, RowDoc } from '../../model.ts';
import { PARAMETER_LOCATIONS } from '../cells.ts';
import type { Scope } from '../diagnostic-sink.ts';
import type { ReadContext } from './context.ts';
import { cellAt, columnIndex, type ParsedTable, type TableRow } from './table.ts';
import { cellText, readDescriptionCell, readNameCell, readSchemaText } from './row-cells.ts';

export const COLUMNS = {
  type: ['type', 'in', '유형', '구분'],
  name: ['name', '이름', '파라미터', '필드'],
  description: ['description', '설명'],
  schema: ['schema', '스키마'],
  default: ['default', '기본값'],
  code: ['http code', 'code', 'status code', 'http 코드', '응답 코드'],
  version: ['version', '버전'],
  status: ['status', '상태'],
  environment: ['environment', '환경'],
  region: ['region', '리전'],
} as const;

export type TableKind = 'parameters' | 'responses' | 'version' | 'serviceVersions' | 'fields' | 'environments' | 'unknown';

/** What a table is, by its header row. */
export function tableKind(t: ParsedTable): TableKind {
  const h = t.headers;
  const has = (aliases: readonly string[]): boolean => columnIndex(h, aliases) !== -1;
  if (has(COLUMNS.code)) return 'responses';
  if (has(COLUMNS.type) && has(COLUMNS.name)) return 'parameters';
  if (has(COLUMNS.name) && has(COLUMNS.schema)) return 'fields';
  if (has(COLUMNS.environment) && has(COLUMNS.region)) return 'environments';
  if (h.length >= 2 && COLUMNS.version.includes(h[0] as never)) return has(COLUMNS.status) ? 'serviceVersions' : 'version';
  return 'unknown';
}

function missing(t: ParsedTable, ctx: ReadContext, scope: Scope, what: string, need: Record<string, number>): boolean {
  const absent = Object.entries(need).filter(([, i]) => i === -1).map(([k]) => k);
  if (absent.length === 0) return false;
  ctx.report('error', 'table-missing-column', `${what} table has no ${absent.join(', ')} column (header: ${t.headerLabels.join(' | ') || 'none'}); table skipped`, t.node, scope);
  return true;
}

function locationOf(text: string): ParameterLocation | undefined {
  const exact = (PARAMETER_LOCATIONS as readonly string[]).find((l) => l === text);
  if (exact) return exact as ParameterLocation;
  return (PARAMETER_LOCATIONS as readonly string[]).find((l) => l.toLowerCase() === text.toLowerCase()) as ParameterLocation | undefined;
}

function rowMarker(row: TableRow, ctx: ReadContext, scope: Scope, what: string, name: string, required: boolean | undefined): boolean {
  if (required !== undefined) return required;
  ctx.report('warning', 'missing-required-marker', `${what} "${name}" has no required/optional marker; read as optional`, row.node, scope);
  return false;
}

interface RowColumns {
  readonly name: number;
  readonly description: number;
  readonly schema: number;
  readonly default: number;
}

function rowColumns(t: ParsedTable): RowColumns {
  return {
    name: columnIndex(t.headers, COLUMNS.name),
    description: columnIndex(t.headers, COLUMNS.description),
    schema: columnIndex(t.headers, COLUMNS.schema),
    default: columnIndex(t.headers, COLUMNS.default),
  };
}

/**
 * The columns a parameter row and a model field row share (Name, Description, Schema, Default).
 * `modelInDescription`: a body row may carry its model name in the Description position (a short
 * row or a spanning cell). undefined (after reporting) when the row has no usable schema.
 */
function readRowColumns(row: TableRow, col: RowColumns, ctx: ReadContext, scope: Scope, what: string, modelInDescription: boolean): RowDoc | undefined {
  const nameCell = cellAt(row, col.name);
  if (!nameCell) {
    ctx.report('error', 'row-missing-cell', `${what} row lacks its Name cell; row skipped`, row.node, scope);
    return undefined;
  }
  const { name, required } = readNameCell(nameCell);
  let schemaText = cellText(cellAt(row, col.schema));
  let { description, constraints } = readDescriptionCell(cellAt(row, col.description));
  if (schemaText === '' && modelInDescription && constraints.length === 0 && /^[A-Z][A-Za-z0-9_]*$/.test(description)) {
    schemaText = description;
    description = '';
  }
  if (schemaText === '') {
    ctx.report('error', 'row-missing-cell', `${what} "${name}" has no Schema cell; row skipped`, row.node, scope);
    return undefined;
  }
  const schema = readSchemaText(schemaText);
  if (!schema.ok) {
    ctx.report('error', 'bad-schema', `${what} "${name}": cannot read schema "${schemaText}": ${schema.error}; row skipped`, row.node, scope);
    return undefined;
  }
  const defaultText = cellText(cellAt(row, col.default));
  return {
    name,
    required: rowMarker(row, ctx, scope, what, name, required),
    description,
    constraints,
    schemaText,
    schema: schema.expr,
    ...(defaultText !== '' ? { default: defaultText } : {}),
    source: ctx.ref(row.node),
  };
}

/** A table whose header promises rows but has none: the page lost them (no legitimate table is empty). */
function noRows(t: ParsedTable, ctx: ReadContext, scope: Scope, what: string): boolean {
  if (t.rows.length > 0) return false;
  ctx.report('error', 'empty-table', `the ${what} table has its header but no rows: the page lost them`, t.node, scope);
  return true;
}

export function readParameterTable(t: ParsedTable, ctx: ReadContext, scope: Scope): ParameterDoc[] {
  const col = { ...rowColumns(t), type: columnIndex(t.headers, COLUMNS.type) };
  if (missing(t, ctx, scope, 'Parameters', { Type: col.type, Name: col.name, Schema: col.schema })) return [];
  if (noRows(t, ctx, scope, 'Parameters')) return [];
  const out: ParameterDoc[] = [];
  for (const row of t.rows) {
    ctx.count('parameterRows');
    const typeCell = cellAt(row, col.type);
    if (!typeCell) {
      ctx.report('error', 'row-missing-cell', 'parameter row lacks its Type cell; row skipped', row.node, scope);
      continue;
    }
    const typeText = cellText(typeCell);
    const location = locationOf(typeText);
    if (!location) {
      ctx.report('error', 'unknown-parameter-type', `parameter Type "${typeText}" is not one of ${PARAMETER_LOCATIONS.join(', ')}; row skipped`, row.node, scope);
      continue;
    }
    const cells = readRowColumns(row, col, ctx, scope, 'parameter', location === 'body');
    if (cells) out.push({ in: location, ...cells });
  }
  return out;
}

export function readResponseTable(t: ParsedTable, ctx: ReadContext, scope: Scope): ResponseDoc[] {
  const col = {
    code: columnIndex(t.headers, COLUMNS.code),
    description: columnIndex(t.headers, COLUMNS.description),
    schema: columnIndex(t.headers, COLUMNS.schema),
  };
  if (missing(t, ctx, scope, 'Responses', { 'HTTP Code': col.code, Schema: col.schema })) return [];
  if (noRows(t, ctx, scope, 'Responses')) return [];
  const out: ResponseDoc[] = [];
  for (const row of t.rows) {
    ctx.count('responseRows');
    const code = cellText(cellAt(row, col.code));
    const schemaText = cellText(cellAt(row, col.schema));
    if (!/^\d{3}$/.test(code)) {
      ctx.report('error', 'bad-response-code', `response code "${code}" is not a 3-digit HTTP code; row skipped`, row.node, scope);
      continue;
    }
    if (schemaText === '') {
      ctx.report('error', 'row-missing-cell', `response ${code} has no Schema cell; row skipped`, row.node, scope);
      continue;
    }
    const description = cellText(cellAt(row, col.description));
    if (schemaText === 'None') {
      out.push({ code, description, schemaText, source: ctx.ref(row.node) });
      continue;
    }
    const schema = readSchemaText(schemaText);
    if (!schema.ok) {
      ctx.report('error', 'bad-schema', `response ${code}: cannot read schema "${schemaText}": ${schema.error}; row skipped`, row.node, scope);
      continue;
    }
    out.push({ code, description, schemaText, schema: schema.expr, source: ctx.ref(row.node) });
  }
  return out;
}

export interface VersionRow {
  readonly version: string;
  readonly supportedUntil: string;
  readonly label: string;
}

/** The per-operation `버전 | 최소 지원 보장일` / `Version | Supported Until` / `Version | Not Before` table. */
export function readVersionTable(t: ParsedTable, ctx: ReadContext, scope: Scope): VersionRow | undefined {
  const label = t.headerLabels[1] ?? '';
  const rows = t.rows.filter((r) => cellText(cellAt(r, 0)) !== '' || cellText(cellAt(r, 1)) !== '');
  const first = rows[0];
  if (!first) {
    ctx.report('error', 'empty-table', 'the version/support table has its header but no row: the page lost it', t.node, scope);
    return undefined;
  }
  if (rows.length > 1) ctx.report('warning', 'extra-version-rows', `the version/support table has ${rows.length} rows; the first is used`, rows[1]?.node, scope);
  return { version: cellText(cellAt(first, 0)), supportedUntil: cellText(cellAt(first, 1)), label };
}

export function readFieldTable(t: ParsedTable, ctx: ReadContext, scope: Scope): FieldDoc[] {
  const col = rowColumns(t);
  if (missing(t, ctx, scope, 'Model', { Name: col.name, Schema: col.schema })) return [];
  if (noRows(t, ctx, scope, 'Model')) return [];
  const out: FieldDoc[] = [];
  for (const row of t.rows) {
    ctx.count('fieldRows');
    const field = readRowColumns(row, col, ctx, scope, 'field', false);
    if (field) out.push(field);
  }
  return out;
}
