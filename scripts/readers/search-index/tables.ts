/**
 * The tables of a page body, once their region is known: parameters (Type | Name | Description |
 * Schema | Default), model fields (Name | Description | Schema | Default) and responses (HTTP Code |
 * Description | Schema). Rows that cannot be read are reported and skipped; nothing throws.
 */
import type { FieldDoc, ParameterDoc, ParameterLocation, ResponseDoc, RowDoc } from '../../model.ts';
import { parseSchemaPrefix } from '../../schema-expression.ts';
import { PARAMETER_LOCATIONS, RESPONSE_REASONS } from '../cells.ts';
import { quote, type PageReport } from './report.ts';
import { describeReading, findRowAnchors, readDescriptionLines, splitRowTail, type RowAnchor } from './rows.ts';

function readRow(anchor: RowAnchor, tail: string, known: ReadonlySet<string>, report: PageReport, what: string): RowDoc | undefined {
  const lines = tail.split('\n').map((l) => l.trim());
  const last = lines.pop() ?? '';
  const split = splitRowTail(last, known);
  if (!split.ok) {
    report.error('bad-row', `${what} "${anchor.name}": ${split.error} (${quote(last)}); row skipped`);
    return undefined;
  }
  const r = split.reading;
  if (split.alternative) {
    report.sink.count('ambiguousRows');
    report.warn('ambiguous-row', `${what} "${anchor.name}": the row end ${quote(last)} reads as ${describeReading(r)} (used) or as ${describeReading(split.alternative)}`);
  }
  const before = last.slice(0, r.at).trim();
  const { description, constraints } = readDescriptionLines([...lines, ...(before !== '' ? [before] : [])].filter((l) => l !== ''));
  return {
    name: anchor.name,
    required: anchor.required,
    description,
    constraints,
    schemaText: r.schemaText,
    schema: r.schema,
    ...(r.default !== undefined ? { default: r.default } : {}),
    source: { file: report.sink.file, line: report.line },
  };
}

/** Anchored rows of a region, each with the text up to the next anchor; text before the first row is reported. */
function rowsOf(region: string, kind: 'parameters' | 'fields', report: PageReport, where: string): { anchor: RowAnchor; tail: string }[] {
  const anchors = findRowAnchors(region, kind);
  const lead = region.slice(0, anchors[0]?.start ?? region.length).trim();
  if (lead !== '') report.unplaced(where, lead);
  return anchors.map((anchor, i) => ({ anchor, tail: region.slice(anchor.end, anchors[i + 1]?.start ?? region.length) }));
}

function locationOf(type: string): ParameterLocation | undefined {
  return PARAMETER_LOCATIONS.find((l) => l.toLowerCase() === type.toLowerCase());
}

export function readParameterRows(region: string, known: ReadonlySet<string>, report: PageReport): ParameterDoc[] {
  const out: ParameterDoc[] = [];
  for (const { anchor, tail } of rowsOf(region, 'parameters', report, 'the Parameters table')) {
    report.sink.count('parameterRows');
    const location = locationOf(anchor.type ?? '');
    const cells = readRow(anchor, tail, known, report, 'parameter');
    if (!cells || !location) continue;
    out.push({ in: location, ...cells });
  }
  if (out.length === 0) report.warn('empty-table', 'the Parameters table has no readable row');
  return out;
}

export function readFieldRows(region: string, known: ReadonlySet<string>, report: PageReport): FieldDoc[] {
  const out: FieldDoc[] = [];
  for (const { anchor, tail } of rowsOf(region, 'fields', report, 'the model table')) {
    report.sink.count('fieldRows');
    const cells = readRow(anchor, tail, known, report, 'field');
    if (cells) out.push(cells);
  }
  return out;
}

const REASONS_LONGEST_FIRST = [...RESPONSE_REASONS].sort((a, b) => b.length - a.length);
const ROW_START = /^(\d{3}) /;

/** The schema at `at` and where it ends, if a row boundary (end of region or `<space>NNN `) follows it. */
function schemaEndingRow(region: string, at: number, known: ReadonlySet<string>): { text: string; end: number } | undefined {
  const rest = region.slice(at);
  let text: string | undefined;
  if (/^None(?= \d{3} |$)/.test(rest)) text = 'None';
  else {
    const parsed = parseSchemaPrefix(rest);
    if (parsed.ok && (parsed.rest === '' || /^ \d{3} /.test(parsed.rest))) text = rest.slice(0, rest.length - parsed.rest.length);
    if (text !== undefined && parsed.ok && parsed.expr.kind === 'ref' && known.size > 0 && !known.has(parsed.expr.model) && /^[A-Z][a-z]+$/.test(text)) {
      text = undefined; // a capitalised word of a reason phrase, not a model
    }
  }
  return text === undefined ? undefined : { text, end: at + text.length };
}

/** Response rows `200 OK Model 400 Bad Request None …`: code, reason phrase (known list first), schema. */
export function readResponseRows(region: string, known: ReadonlySet<string>, report: PageReport): ResponseDoc[] {
  const out: ResponseDoc[] = [];
  let at = 0;
  const text = region.trim().replace(/\n/g, ' ');
  while (at < text.length) {
    const m = ROW_START.exec(text.slice(at));
    if (!m) {
      report.unplaced('the Responses table', text.slice(at));
      break;
    }
    report.sink.count('responseRows');
    const code = m[1] as string;
    const afterCode = at + m[0].length;
    const known1 = REASONS_LONGEST_FIRST.find((r) => text.startsWith(`${r} `, afterCode) && schemaEndingRow(text, afterCode + r.length + 1, known) !== undefined);
    let reason = known1;
    let schema = known1 !== undefined ? schemaEndingRow(text, afterCode + known1.length + 1, known) : undefined;
    if (schema === undefined) {
      // An unlisted (or empty) reason phrase: the first word boundary after which a schema ends the row.
      for (let p = afterCode - 1; p !== -1 && schema === undefined; p = text.indexOf(' ', p + 1)) {
        schema = schemaEndingRow(text, p + 1, known);
        if (schema) reason = text.slice(afterCode, Math.max(afterCode, p));
      }
      if (schema) report.warn('unknown-response-reason', `response ${code}: reason phrase ${quote(reason ?? '')} is not in the known list`);
    }
    if (!schema || reason === undefined) {
      report.error('bad-row', `response ${code}: no Schema cell found in ${quote(text.slice(at))}; the rest of the table is skipped`);
      break;
    }
    const source = { file: report.sink.file, line: report.line };
    const parsed = schema.text === 'None' ? undefined : parseSchemaPrefix(schema.text);
    out.push({ code, description: reason, schemaText: schema.text, ...(parsed?.ok ? { schema: parsed.expr } : {}), source });
    at = schema.end + 1;
  }
  if (out.length === 0) report.warn('empty-table', 'the Responses table has no readable row');
  return out;
}
