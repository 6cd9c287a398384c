/**
 * Change reports → Markdown (for CHANGES.md and the terminal) and JSON (for tools). Pure.
 */
import type { ChangeEntry, ChangeReport } from './types.ts';

export interface MarkdownOptions {
  /** `yyyy-mm-dd`; when given, the text starts with a `## <date>` heading. */
  readonly date?: string;
}

function reportTitle(r: ChangeReport): string {
  return [r.service, r.version].filter((x) => x !== undefined && x !== '').join(' ') || 'spec';
}

function entryLine(e: ChangeEntry): string {
  const where = e.method && e.path ? `\`${e.method.toUpperCase()} ${e.path}\`${e.operation ? ` (${e.operation})` : ''}` : '';
  // The heading already names the version, and `where` the operation.
  const redundant = ['operation-added', 'operation-removed', 'version-added', 'version-removed'].includes(e.kind);
  const subject = redundant ? '' : `\`${e.target}\``;
  const head = [where, subject].filter(Boolean).join(' ');
  const also = e.alsoIn && e.alsoIn.length > 0 ? ` (also reached from ${e.alsoIn.join(', ')})` : '';
  return `- ${e.breaking ? '**BREAKING** ' : ''}${head ? `${head}: ` : ''}${e.detail}${also}`;
}

/** Markdown; "No changes." when no report has an entry. */
export function renderChangeMarkdown(reports: readonly ChangeReport[], opts: MarkdownOptions = {}): string {
  const lines: string[] = [];
  if (opts.date) lines.push(`## ${opts.date}`, '');
  const changed = reports.filter((r) => r.changes.length > 0);
  if (changed.length === 0) {
    lines.push('No changes.', '');
    return lines.join('\n');
  }
  const total = changed.reduce((n, r) => n + r.changes.length, 0);
  const breaking = changed.reduce((n, r) => n + r.breaking, 0);
  lines.push(`${total} change${total === 1 ? '' : 's'} in ${changed.length} spec${changed.length === 1 ? '' : 's'}, ${breaking} breaking.`, '');
  for (const r of changed) {
    const tag = r.status === 'added' ? ' (new version)' : r.status === 'removed' ? ' (version removed)' : '';
    lines.push(`### ${reportTitle(r)}${tag}`, '');
    // Breaking first, each group in report order.
    for (const e of [...r.changes.filter((c) => c.breaking), ...r.changes.filter((c) => !c.breaking)]) lines.push(entryLine(e));
    lines.push('');
  }
  return lines.join('\n');
}

export interface ChangeReportJson {
  readonly date?: string;
  readonly changed: boolean;
  readonly totals: { readonly changes: number; readonly breaking: number };
  readonly reports: readonly ChangeReport[];
}

/** The machine-readable report object (what `renderChangeJson` serialises). */
export function changeReportJson(reports: readonly ChangeReport[], meta: { readonly date?: string } = {}): ChangeReportJson {
  const changes = reports.reduce((n, r) => n + r.changes.length, 0);
  return {
    ...(meta.date ? { date: meta.date } : {}),
    changed: changes > 0,
    totals: { changes, breaking: reports.reduce((n, r) => n + r.breaking, 0) },
    reports,
  };
}

/** JSON text (2-space indented, trailing newline). */
export function renderChangeJson(reports: readonly ChangeReport[], meta: { readonly date?: string } = {}): string {
  return `${JSON.stringify(changeReportJson(reports, meta), null, 2)}\n`;
}
