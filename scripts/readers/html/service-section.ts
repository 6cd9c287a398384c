/**
 * Reads a service's own content: Overview paragraphs, the service Version table, the OpenAPI URL
 * and the Environment and Region List. An `API Version History` section and the sentence about
 * deprecated versions are reported as info (nothing in the doc model holds them).
 */
import type { EnvironmentRegion, ServiceVersionRow } from '../../model.ts';
import { isVersionStatus } from '../cells.ts';
import type { Block } from './blocks.ts';
import type { ReadContext, Scope } from './context.ts';
import { COLUMNS, tableKind } from './op-tables.ts';
import { cellText } from './row-cells.ts';
import { cellAt, columnIndex, readTable } from './table.ts';
import { textLines } from './text.ts';

export interface ServiceOverview {
  overview?: string;
  baseUrl?: string;
  environments?: EnvironmentRegion[];
  versionTable?: ServiceVersionRow[];
}

type Part = 'lead' | 'overview' | 'version' | 'url' | 'environments' | 'history' | 'other';

const PARTS: Readonly<Record<string, Part>> = {
  overview: 'overview',
  개요: 'overview',
  version: 'version',
  버전: 'version',
  'openapi url': 'url',
  'environment and region list': 'environments',
  'api version history': 'history',
};

export const SERVICE_HEADINGS: ReadonlySet<string> = new Set(['overview', '개요', 'openapi url', 'environment and region list']);

function partOf(text: string): Part | undefined {
  return PARTS[text.toLowerCase().replace(/\s+/g, ' ').trim()];
}

export function looksLikeServiceOverview(blocks: readonly Block[]): boolean {
  return blocks.some((b) => b.kind === 'heading' && SERVICE_HEADINGS.has(b.text.toLowerCase().replace(/\s+/g, ' ').trim()));
}

export function readServiceOverview(blocks: readonly Block[], ctx: ReadContext, scope: Scope): ServiceOverview {
  const out: ServiceOverview = {};
  const paragraphs: string[] = [];
  let part: Part = 'lead';
  let historyEntries = 0;
  let historyNode: Block['node'] | undefined;
  for (const b of blocks) {
    if (b.kind === 'heading') {
      const p = partOf(b.text);
      if (p === undefined) {
        // A heading inside API Version History (one per version) stays in that part.
        if (part === 'history' && b.level > 2) continue;
        ctx.report('info', 'unknown-section', `service section "${b.text}" not used`, b.node, scope);
        part = 'other';
        continue;
      }
      part = p;
      if (p === 'version') out.versionTable ??= [];
      if (p === 'history') historyNode = b.node;
      continue;
    }
    if (part === 'history') {
      historyEntries += b.kind === 'text' ? b.lines.length : 1;
      continue;
    }
    if (b.kind === 'table') {
      ctx.count('tables');
      const t = readTable(b.node);
      const kind = tableKind(t);
      if (kind === 'serviceVersions' || (part === 'version' && kind === 'version')) {
        out.versionTable = [...(out.versionTable ?? []), ...readServiceVersions(t, ctx, scope)];
      } else if (kind === 'environments') {
        out.environments = [...(out.environments ?? []), ...readEnvironments(t, ctx, scope)];
      } else {
        ctx.report('warning', 'unknown-table', `table with header "${t.headerLabels.join(' | ') || '(none)'}" in the service overview not understood`, b.node, scope);
      }
      continue;
    }
    const lines = b.kind === 'text' ? b.lines : b.kind === 'pre' ? textLines(b.node) : [];
    if (part === 'overview') {
      paragraphs.push(lines.join('\n'));
    } else if (part === 'url' && out.baseUrl === undefined && lines[0] !== undefined) {
      out.baseUrl = lines[0].trim();
      for (const extra of lines.slice(1)) ctx.report('info', 'unplaced-text', `text after the OpenAPI URL not used: "${extra.slice(0, 80)}"`, b.node, scope);
    } else {
      ctx.report('info', 'unplaced-text', `service text not used (${part}): "${lines.join(' ').slice(0, 80)}"`, b.node, scope);
    }
  }
  if (paragraphs.length > 0) out.overview = paragraphs.join('\n\n');
  if (historyNode !== undefined) {
    ctx.report('info', 'api-version-history', `API Version History section (${historyEntries} entries) not used: the doc model has no place for it`, historyNode, scope);
  }
  return out;
}

function readServiceVersions(t: ReturnType<typeof readTable>, ctx: ReadContext, scope: Scope): ServiceVersionRow[] {
  const vi = columnIndex(t.headers, COLUMNS.version);
  const si = columnIndex(t.headers, COLUMNS.status);
  const ui = si === -1 ? 1 : t.headers.findIndex((_, i) => i !== vi && i !== si);
  const rows: ServiceVersionRow[] = [];
  for (const row of t.rows) {
    const version = cellText(cellAt(row, vi));
    const status = cellText(cellAt(row, si));
    const supportedUntil = cellText(cellAt(row, ui));
    if (version === '' && status === '' && supportedUntil === '') continue;
    if (!isVersionStatus(status)) {
      ctx.report('warning', 'unknown-status', `service version row "${version} ${status} ${supportedUntil}" has an unknown status; row skipped`, row.node, scope);
      continue;
    }
    rows.push({ version, status, supportedUntil });
  }
  return rows;
}

function readEnvironments(t: ReturnType<typeof readTable>, ctx: ReadContext, scope: Scope): EnvironmentRegion[] {
  const ei = columnIndex(t.headers, COLUMNS.environment);
  const ri = columnIndex(t.headers, COLUMNS.region);
  const out: EnvironmentRegion[] = [];
  for (const row of t.rows) {
    const environment = cellText(cellAt(row, ei));
    const region = cellText(cellAt(row, ri));
    if (environment === '' || region === '') {
      ctx.report('warning', 'row-missing-cell', `environment row "${environment} ${region}" is incomplete; row skipped`, row.node, scope);
      continue;
    }
    out.push({ environment, region });
  }
  return out;
}
