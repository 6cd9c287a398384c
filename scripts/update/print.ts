/**
 * What `update` prints when it ends: the pages, the build's diagnostics (counts per code, then every
 * warning and error with file:line), the removal check's verdicts, the change summary and where the report was written; on a
 * failure, why and that nothing was committed. Pure formatting.
 */
import type { ChangeReport } from '../diff/types.ts';
import type { Diagnostic } from '../model.ts';
import { countByCode, formatDiagnostic } from '../summary.ts';
import { REPORT_FILES } from './report.ts';
import type { PageOutcome, UpdateResult } from './update.ts';

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function pageLine(result: UpdateResult): string {
  const by = new Map<string, number>();
  for (const p of result.pages) by.set(p.result, (by.get(p.result) ?? 0) + 1);
  const results: readonly PageOutcome['result'][] = ['changed', 'unchanged', 'not-modified', 'missing', 'failed'];
  const parts = results.filter((k) => by.has(k)).map((k) => `${by.get(k)} ${k}`);
  return `pages: ${plural(result.pages.length, 'page')}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
}

/** Counts per code for every diagnostic, then each warning and error on its own line. */
function formatDiagnostics(diagnostics: readonly Diagnostic[]): string[] {
  if (diagnostics.length === 0) return ['diagnostics: none'];
  const lines = [`diagnostics: ${diagnostics.length}`];
  for (const [code, n] of countByCode(diagnostics)) lines.push(`  ${String(n).padStart(5)}  ${code}`);
  const shown = diagnostics.filter((d) => d.severity !== 'info');
  if (shown.length > 0) lines.push('', ...shown.map(formatDiagnostic));
  return lines;
}

function changeLines(reports: readonly ChangeReport[]): string[] {
  const changed = reports.filter((r) => r.changes.length > 0);
  if (changed.length === 0) return ['changes: none'];
  const total = changed.reduce((n, r) => n + r.changes.length, 0);
  const breaking = changed.reduce((n, r) => n + r.breaking, 0);
  const lines = [`changes: ${plural(total, 'change')} in ${plural(changed.length, 'spec')}, ${breaking} breaking`];
  for (const r of changed) {
    const tag = r.status === 'added' ? ' (new version)' : r.status === 'removed' ? ' (version removed)' : '';
    lines.push(`  ${r.service ?? '?'} ${r.version ?? ''}${tag}: ${plural(r.changes.length, 'change')}${r.breaking > 0 ? `, ${r.breaking} breaking` : ''}`);
  }
  return lines;
}

/** What the removal check said about each removed operation (confirmed by the pages or not). */
function removalLines(removals: readonly Diagnostic[]): string[] {
  if (removals.length === 0) return [];
  const confirmed = removals.filter((d) => d.code === 'confirmed-removal').length;
  return [`removals: ${confirmed} confirmed by the pages, ${removals.length - confirmed} not`, ...removals.map(formatDiagnostic), ''];
}

export function formatUpdateResult(result: UpdateResult): string {
  const diagnostics = result.build?.diagnostics ?? result.diagnostics;
  const lines = ['', pageLine(result), ...formatDiagnostics(diagnostics), '', ...removalLines(result.removals ?? [])];
  if (!result.ok) {
    lines.push(`update failed: ${result.error ?? 'unknown error'}`, 'Nothing was committed: sources/, specs/, generated/ and CHANGES.md are as they were.');
    return lines.join('\n');
  }
  lines.push(...changeLines(result.reports), '');
  lines.push(`report: ${REPORT_FILES.changes} (appended), ${REPORT_FILES.json}, ${REPORT_FILES.markdown}`);
  return lines.join('\n');
}
