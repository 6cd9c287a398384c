/**
 * The build summary the maintainer reads: a table per service/version and every warning with
 * file:line and operation. Pure formatting.
 */
import type { Diagnostic } from './model.ts';

export interface SpecRow {
  readonly service: string;
  readonly version: string;
  readonly operations: number;
  readonly parameters: number;
  readonly models: number;
  readonly properties: number;
  readonly inferredSchemas: readonly string[];
  readonly invalidExamples: number;
  readonly invalidDefaults: number;
  readonly warnings: number;
}

function pad(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
}

export function formatSpecTable(rows: readonly SpecRow[]): string {
  const header = ['service/version', 'ops', 'params', 'models', 'props', 'inferred', 'bad ex.', 'bad def.', 'warnings'];
  const body = rows.map((r) => [
    `${r.service} ${r.version}`,
    String(r.operations),
    String(r.parameters),
    String(r.models),
    String(r.properties),
    String(r.inferredSchemas.length),
    String(r.invalidExamples),
    String(r.invalidDefaults),
    String(r.warnings),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  return [pad(header, widths), pad(widths.map((w) => '-'.repeat(w)), widths), ...body.map((b) => pad(b, widths))].join('\n');
}

export function formatDiagnostic(d: Diagnostic): string {
  const op = d.operation ? ` [${d.operation}]` : '';
  const svc = d.service ? `${d.service}: ` : '';
  return `${d.severity} ${d.source.file}:${d.source.line}${op} ${d.code}: ${svc === '' || d.message.startsWith(d.service ?? '') ? '' : svc}${d.message}`;
}

/** Count diagnostics by code, for "every construct not understood is counted". */
export function countByCode(diagnostics: readonly Diagnostic[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of diagnostics) counts.set(`${d.severity} ${d.code}`, (counts.get(`${d.severity} ${d.code}`) ?? 0) + 1);
  return new Map([...counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
}
