/** A model table under a flat-layout `S.2.K - ModelName` heading (SOURCE-FORMATS.md 4.4). */
import type { FieldDoc, ModelDoc } from '../../model.ts';
import { quote } from '../diagnostic-sink.ts';
import { type Line, type Reporter } from './report.ts';
import { readRowCells, splitRows } from './rows.ts';

const HEADER = 'NameDescriptionSchemaDefault';
const FIELD_NAME = /^[A-Za-z_$][A-Za-z0-9_.$-]*$/;

export function readModel(name: string, heading: Line, lines: readonly Line[], report: Reporter): ModelDoc {
  const table = splitRows(lines, HEADER);
  const file = report.sink.file;
  for (const line of table.stray) report.unknown(line, `model ${name} (before its first field)`);
  const first = table.headers[0];
  const leading = table.rows[0];
  if (!first || (leading && leading.head.no < first.no)) {
    report.warn('missing-section', `model ${name} has no table header line "${HEADER}"`, leading?.head.no ?? heading.no);
  }
  // A second header starts the table of a model whose heading is missing: its fields have no model to go to.
  const second = table.headers.find((h) => h !== first || (leading !== undefined && h.no > leading.head.no));
  const fields: FieldDoc[] = [];
  let orphans = 0;
  for (const row of table.rows) {
    if (second && row.head.no > second.no) {
      orphans++;
      continue;
    }
    const fieldName = row.head.t;
    if (!FIELD_NAME.test(fieldName)) report.warn('bad-field-name', `model ${name}: field name ${quote(fieldName)} is not an identifier`, row.head.no);
    const cells = readRowCells(row, fieldName, report, 'field');
    if (!cells) continue;
    report.sink.count('fields');
    const field: FieldDoc = { ...cells, source: { file, line: row.head.no } };
    fields.push(field);
  }
  if (second) {
    report.error(
      'missing-heading',
      `model ${name}: a second table header starts a model whose heading is missing; its ${orphans} field(s) are dropped`,
      second.no,
    );
  }
  if (fields.length === 0) report.warn('empty-model', `model ${name} has no fields`, heading.no);
  return { name, fields, source: { file, line: heading.no } };
}
