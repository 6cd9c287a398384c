/**
 * The tables of an operation block and of a model: parameters (Type | Name | Description | Schema |
 * Default), responses (HTTP Code | Description | Schema), the version/support table and model fields
 * (Name | Description | Schema | Default). Rows that cannot be read become diagnostics, never throws.
 */
import type { FieldDoc, ParameterDoc, ParameterLocation, ResponseDoc } from '../../model.ts';
import { PARAMETER_LOCATIONS } from '../cells.ts';
import type { ReadContext, Scope } from './context.ts';
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

export function readParameterTable(t: ParsedTable, ctx: ReadContext, scope: Scope): ParameterDoc[] {
  const col = {
    type: columnIndex(t.headers, COLUMNS.type),
    name: columnIndex(t.headers, COLUMNS.name),
    description: columnIndex(t.headers, COLUMNS.description),
    schema: columnIndex(t.headers, COLUMNS.schema),
    default: columnIndex(t.headers, COLUMNS.default),
  };
  if (missing(t, ctx, scope, 'Parameters', { Type: col.type, Name: col.name, Schema: col.schema })) return [];
  const out: ParameterDoc[] = [];
  for (const row of t.rows) {
    ctx.count('parameterRows');
    const typeCell = cellAt(row, col.type);
    const nameCell = cellAt(row, col.name);
    if (!typeCell || !nameCell) {
      ctx.report('error', 'row-missing-cell', 'parameter row lacks its Type or Name cell; row skipped', row.node, scope);
      continue;
    }
    const typeText = cellText(typeCell);
    const location = locationOf(typeText);
    if (!location) {
      ctx.report('error', 'unknown-parameter-type', `parameter Type "${typeText}" is not one of ${PARAMETER_LOCATIONS.join(', ')}; row skipped`, row.node, scope);
      continue;
    }
    const { name, required } = readNameCell(nameCell);
    const descCell = cellAt(row, col.description);
    let schemaText = cellText(cellAt(row, col.schema));
    let { description, constraints } = readDescriptionCell(descCell);
    // Body rows may carry the model name in the Description position (a short row or a spanning cell).
    if (schemaText === '' && location === 'body' && constraints.length === 0 && /^[A-Z][A-Za-z0-9_]*$/.test(description)) {
      schemaText = description;
      description = '';
    }
    if (schemaText === '') {
      ctx.report('error', 'row-missing-cell', `parameter "${name}" has no Schema cell; row skipped`, row.node, scope);
      continue;
    }
    const schema = readSchemaText(schemaText);
    if (!schema.ok) {
      ctx.report('error', 'bad-schema', `parameter "${name}": cannot read schema "${schemaText}": ${schema.error}; row skipped`, row.node, scope);
      continue;
    }
    const defaultText = cellText(cellAt(row, col.default));
    out.push({
      in: location,
      name,
      required: rowMarker(row, ctx, scope, 'parameter', name, required),
      description,
      constraints,
      schemaText,
      schema: schema.expr,
      ...(defaultText !== '' ? { default: defaultText } : {}),
      source: ctx.ref(row.node),
    });
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
    ctx.report('warning', 'empty-version-table', 'the version/support table has no row', t.node, scope);
    return undefined;
  }
  if (rows.length > 1) ctx.report('warning', 'extra-version-rows', `the version/support table has ${rows.length} rows; the first is used`, rows[1]?.node, scope);
  return { version: cellText(cellAt(first, 0)), supportedUntil: cellText(cellAt(first, 1)), label };
}

export function readFieldTable(t: ParsedTable, ctx: ReadContext, scope: Scope): FieldDoc[] {
  const col = {
    name: columnIndex(t.headers, COLUMNS.name),
    description: columnIndex(t.headers, COLUMNS.description),
    schema: columnIndex(t.headers, COLUMNS.schema),
    default: columnIndex(t.headers, COLUMNS.default),
  };
  if (missing(t, ctx, scope, 'Model', { Name: col.name, Schema: col.schema })) return [];
  const out: FieldDoc[] = [];
  for (const row of t.rows) {
    ctx.count('fieldRows');
    const nameCell = cellAt(row, col.name);
    if (!nameCell) {
      ctx.report('error', 'row-missing-cell', 'model field row lacks its Name cell; row skipped', row.node, scope);
      continue;
    }
    const { name, required } = readNameCell(nameCell);
    const schemaText = cellText(cellAt(row, col.schema));
    if (schemaText === '') {
      ctx.report('error', 'row-missing-cell', `field "${name}" has no Schema cell; row skipped`, row.node, scope);
      continue;
    }
    const schema = readSchemaText(schemaText);
    if (!schema.ok) {
      ctx.report('error', 'bad-schema', `field "${name}": cannot read schema "${schemaText}": ${schema.error}; row skipped`, row.node, scope);
      continue;
    }
    const { description, constraints } = readDescriptionCell(cellAt(row, col.description));
    const defaultText = cellText(cellAt(row, col.default));
    out.push({
      name,
      required: rowMarker(row, ctx, scope, 'field', name, required),
      description,
      constraints,
      schemaText,
      schema: schema.expr,
      ...(defaultText !== '' ? { default: defaultText } : {}),
      source: ctx.ref(row.node),
    });
  }
  return out;
}
