/** The Parameters and Responses tables of an op-version block (SOURCE-FORMATS.md 4.1, 4.2). */
import type { ParameterDoc, ResponseDoc } from '../../model.ts';
import { quote } from '../diagnostic-sink.ts';
import { type Line, type Reporter } from './report.ts';
import { readResponseRow, readRowCells, splitRows, splitTypeAndName } from './rows.ts';

export const PARAMETERS_HEADER = 'TypeNameDescriptionSchemaDefault';
export const RESPONSES_HEADER = 'HTTP CodeDescriptionSchema';

export function readParameterTable(lines: readonly Line[], report: Reporter): ParameterDoc[] {
  const table = splitRows(lines, PARAMETERS_HEADER);
  for (const line of table.stray) report.unknown(line, 'the Parameters table');
  for (const line of table.headers) report.unknown(line, 'the Parameters table (repeated header)');
  const out: ParameterDoc[] = [];
  for (const row of table.rows) {
    const split = splitTypeAndName(row.head.t);
    if (!split) {
      report.error(
        'bad-parameter-type',
        `parameter row ${quote(row.head.t)} does not start with a known type (header, path, query, body, cookie, formData): row dropped`,
        row.head.no,
      );
      continue;
    }
    const cells = readRowCells(row, split.name, report, 'parameter');
    if (!cells) continue;
    if (split.in === 'body' ? cells.schema.kind !== 'ref' : cells.schema.kind === 'ref') {
      report.warn('bad-schema', `parameter "${split.name}" (${split.in}) has schema ${quote(cells.schemaText)}; body rows name a model, other rows do not`, row.head.no);
    }
    const parameter: ParameterDoc = { in: split.in, ...cells, source: { file: report.sink.file, line: row.head.no } };
    out.push(parameter);
  }
  return out;
}

export function readResponseTable(lines: readonly Line[], report: Reporter): ResponseDoc[] {
  const out: ResponseDoc[] = [];
  const codes = new Set<string>();
  for (const line of lines) {
    if (line.t === '') continue;
    if (line.t === RESPONSES_HEADER) {
      report.unknown(line, 'the Responses table (repeated header)');
      continue;
    }
    const r = readResponseRow(line, report);
    if (!r) continue;
    if (codes.has(r.code)) report.warn('duplicate-response', `response ${r.code} is listed twice`, line.no);
    codes.add(r.code);
    out.push(r);
  }
  return out;
}
