/** One model page body: the `Name Description Schema Default` header, then one row per field. */
import type { ModelDoc } from '../../model.ts';
import { labelAt } from './plain.ts';
import { quote, type PageReport } from './report.ts';
import { readFieldRows } from './tables.ts';

const FIELD_HEADER = '(?:Name|이름) (?:Description|설명) (?:Schema|스키마)(?: (?:Default|기본값))?';

export function readModelPage(body: string, name: string, known: ReadonlySet<string>, report: PageReport): ModelDoc | undefined {
  const header = labelAt(body, FIELD_HEADER, 0);
  if (!header) {
    report.warn('model-without-table', `model ${name} has no "Name Description Schema Default" table (${quote(body.slice(0, 40))}); model skipped`);
    return undefined;
  }
  const fields = readFieldRows(body.slice(header.end).trim(), known, report);
  if (fields.length === 0) report.warn('empty-model', `model ${name} has no readable field`);
  report.sink.count('models');
  return { name, fields, source: { file: report.sink.file, line: report.line } };
}
