/**
 * The build summary the maintainer reads: a table per service/version, the example findings and
 * repairs over all specs, and every warning with file:line and operation. Pure formatting.
 */
import type { BuildResult } from './build.ts';
import type { EmitReport } from './emit/emit-openapi.ts';
import type { ExampleCounts } from './emit/example-report.ts';
import type { Diagnostic } from './model.ts';

/** One spec's row: the emitter's counts for it, and the warnings that concern it. */
export type SpecRow = Omit<EmitReport, 'diagnostics' | 'examples'> & {
  /** Example findings and repairs (absent in a summary cached before they were counted). */
  readonly examples?: ExampleCounts;
  readonly warnings: number;
};

function pad(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
}

/**
 * Per spec: operations, parameters, models, properties, inferred schemas, docs examples that fail
 * their schema (`bad ex.`: `fixed` of them published repaired), failing defaults, warnings.
 */
export function formatSpecTable(rows: readonly SpecRow[]): string {
  const header = ['service/version', 'ops', 'params', 'models', 'props', 'inferred', 'bad ex.', 'fixed', 'bad def.', 'warnings'];
  const body = rows.map((r) => [
    `${r.service} ${r.version}`,
    String(r.operations),
    String(r.parameters),
    String(r.models),
    String(r.properties),
    String(r.inferredSchemas.length),
    String(r.invalidExamples),
    r.examples ? String(r.examples.repaired) : '-',
    String(r.invalidDefaults),
    String(r.warnings),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const table = [pad(header, widths), pad(widths.map((w) => '-'.repeat(w)), widths), ...body.map((b) => pad(b, widths))].join('\n');
  const examples = formatExampleSummary(rows);
  return examples === undefined ? table : `${table}\n\n${examples}`;
}

/**
 * Totals over all specs. A docs value appears in several specs (each version it belongs to and
 * `latest`); the distinct count takes each docs place, value and reason once.
 */
export function formatExampleSummary(rows: readonly SpecRow[]): string | undefined {
  const counted = rows.flatMap((r) => (r.examples ? [r.examples] : []));
  if (counted.length === 0) return undefined;
  const sum = (k: Exclude<keyof ExampleCounts, 'findingKeys'>): number => counted.reduce((n, c) => n + c[k], 0);
  const distinct = new Set(counted.flatMap((c) => c.findingKeys)).size;
  return [
    `Docs examples and defaults that fail their schema: ${sum('findings')} in the specs, ${distinct} distinct.`,
    `  published repaired: ${sum('repaired')} examples (values replaced from the field's own example/default/enum: ${sum('replacedValues')}, ` +
      `dropped: ${sum('droppedValues')}, required ones set to null or their smallest valid value: ${sum('filledValues')}); original in x-scp-original-example`,
    `  left out: ${sum('removed')} (no valid value to publish; kept under x-scp-invalid-example / x-scp-invalid-default)`,
  ].join('\n');
}

export function formatDiagnostic(d: Diagnostic): string {
  const op = d.operation ? ` [${d.operation}]` : '';
  const svc = d.service ? `${d.service}: ` : '';
  const ack = d.acknowledged !== undefined ? ` (acknowledged in sources/manifest.json: ${d.acknowledged})` : '';
  return `${d.severity} ${d.source.file}:${d.source.line}${op} ${d.code}: ${svc === '' || d.message.startsWith(d.service ?? '') ? '' : svc}${d.message}${ack}`;
}

/** Count diagnostics by code, for "every construct not understood is counted". */
export function countByCode(diagnostics: readonly Diagnostic[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of diagnostics) counts.set(`${d.severity} ${d.code}`, (counts.get(`${d.severity} ${d.code}`) ?? 0) + 1);
  return new Map([...counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/** Why a build failed, naming every diagnostic that failed it; the last thing the maintainer reads. */
export function describeFailure(result: BuildResult, strict: boolean): string {
  const lines: string[] = [];
  const blocked = result.stagesBlocked.length > 0 ? ` (not run: ${result.stagesBlocked.join(', ')})` : '';
  if (result.failures.length > 0) {
    const n = result.failures.length;
    lines.push(`build failed: ${n} diagnostic${n === 1 ? '' : 's'} (${strict ? 'errors and warnings, --strict' : 'errors'}) failed it; specs/ and generated/ were left as they were${blocked}.`);
    for (const d of result.failures) lines.push(`  ${formatDiagnostic(d)}`);
    lines.push('A reviewed diagnostic that is not damage can be acknowledged, with its reason, in sources/manifest.json "acknowledged".');
  }
  for (const stage of result.stagesFailed) {
    if (stage === 'lint' && result.lint) lines.push(`build failed: redocly lint found ${result.lint.errors} error${result.lint.errors === 1 ? '' : 's'} (listed above).`);
    else if (stage !== 'specs') lines.push(`build failed: the ${stage} stage failed (its output is above).`);
  }
  return lines.join('\n');
}
