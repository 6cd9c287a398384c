/**
 * Reads a service's own content: Overview paragraphs, the service Version table, the OpenAPI URL
 * and the Environment and Region List, and the `API Version History` changelog (`[New]/[Changed]/
 * [Removed]` lines under one heading per version). Other text, such as the sentence about deprecated
 * versions, is reported as info.
 */
import type { AnyNode } from 'domhandler';
import type { EnvironmentRegion, ServiceFacts, ServiceVersionRow, VersionHistoryEntry, Writable } from '../../model.ts';
import { historyEntry, isVersionStatus, VERSION_NUMBER } from '../cells.ts';
import type { Block } from './blocks.ts';
import type { Scope } from '../diagnostic-sink.ts';
import type { ReadContext } from './context.ts';
import { COLUMNS, tableKind } from './op-tables.ts';
import { cellText } from './row-cells.ts';
import { cellAt, columnIndex, readTable } from './table.ts';
import { isElement, textLines } from './text.ts';

/** Filled in part by part. */
export type ServiceOverview = Writable<ServiceFacts>;

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

const SERVICE_HEADINGS: ReadonlySet<string> = new Set(['overview', '개요', 'openapi url', 'environment and region list']);

function partOf(text: string): Part | undefined {
  return PARTS[text.toLowerCase().replace(/\s+/g, ' ').trim()];
}

export function looksLikeServiceOverview(blocks: readonly Block[]): boolean {
  return blocks.some((b) => b.kind === 'heading' && SERVICE_HEADINGS.has(b.text.toLowerCase().replace(/\s+/g, ' ').trim()));
}

/** Lines of a text block with the element each comes from: list items one by one, for their line numbers. */
function linesWithNodes(b: Extract<Block, { kind: 'text' }>): { text: string; node: AnyNode }[] {
  const node = b.node;
  if (isElement(node) && (node.name === 'ul' || node.name === 'ol')) {
    return node.children.filter((c) => isElement(c) && c.name === 'li').flatMap((li) => textLines(li).map((text) => ({ text, node: li })));
  }
  return b.lines.map((text) => ({ text, node }));
}

/** Reads the API Version History part: version headings and their `[New]/[Changed]/[Removed]` lines. */
class HistoryReader {
  readonly entries: VersionHistoryEntry[] = [];
  private version: string | undefined;

  constructor(
    private readonly ctx: ReadContext,
    private readonly scope: Scope,
  ) {}

  heading(text: string): void {
    this.version = VERSION_NUMBER.test(text) ? text : undefined;
  }

  block(b: Block): void {
    if (b.kind !== 'text') {
      this.ctx.report('info', 'unplaced-text', `a ${b.kind} in API Version History not used`, b.node, this.scope);
      return;
    }
    for (const { text, node } of linesWithNodes(b)) {
      const entry = historyEntry(text, this.version, this.ctx.ref(node));
      if (entry) this.entries.push(entry);
      else this.ctx.report('info', 'unplaced-text', `API Version History line without a [New]/[Changed]/[Removed] tag not used: "${text.slice(0, 80)}"`, node, this.scope);
    }
  }
}

export function readServiceOverview(blocks: readonly Block[], ctx: ReadContext, scope: Scope): ServiceOverview {
  const out: ServiceOverview = {};
  const paragraphs: string[] = [];
  let part: Part = 'lead';
  let history: HistoryReader | undefined;
  for (const b of blocks) {
    if (b.kind === 'heading') {
      const p = partOf(b.text);
      // A heading inside API Version History (one per version) stays in that part.
      if (p === undefined && part === 'history' && b.level > 2) history?.heading(b.text);
      else if (p === undefined) {
        ctx.report('info', 'unknown-section', `service section "${b.text}" not used`, b.node, scope);
        part = 'other';
      } else {
        part = p;
        if (p === 'version') out.versionTable ??= [];
        if (p === 'history') history ??= new HistoryReader(ctx, scope);
      }
      continue;
    }
    if (part === 'history') history?.block(b);
    else if (b.kind === 'table') readOverviewTable(b.node, part, out, ctx, scope);
    else readOverviewText(b, part, out, paragraphs, ctx, scope);
  }
  if (paragraphs.length > 0) out.overview = paragraphs.join('\n\n');
  if (history) out.versionHistory = history.entries;
  return out;
}

function readOverviewTable(node: Extract<Block, { kind: 'table' }>['node'], part: Part, out: ServiceOverview, ctx: ReadContext, scope: Scope): void {
  ctx.count('tables');
  const t = readTable(node);
  const kind = tableKind(t);
  if (kind === 'serviceVersions' || (part === 'version' && kind === 'version')) {
    out.versionTable = [...(out.versionTable ?? []), ...readServiceVersions(t, ctx, scope)];
  } else if (kind === 'environments') {
    out.environments = [...(out.environments ?? []), ...readEnvironments(t, ctx, scope)];
  } else {
    ctx.report('warning', 'unknown-table', `table with header "${t.headerLabels.join(' | ') || '(none)'}" in the service overview not understood`, node, scope);
  }
}

function readOverviewText(b: Exclude<Block, { kind: 'table' | 'heading' }>, part: Part, out: ServiceOverview, paragraphs: string[], ctx: ReadContext, scope: Scope): void {
  const lines = b.kind === 'text' ? b.lines : textLines(b.node);
  if (part === 'overview') {
    paragraphs.push(lines.join('\n'));
  } else if (part === 'url' && out.baseUrl === undefined && lines[0] !== undefined) {
    out.baseUrl = lines[0].trim();
    for (const extra of lines.slice(1)) ctx.report('info', 'unplaced-text', `text after the OpenAPI URL not used: "${extra.slice(0, 80)}"`, b.node, scope);
  } else {
    ctx.report('info', 'unplaced-text', `service text not used (${part}): "${lines.join(' ').slice(0, 80)}"`, b.node, scope);
  }
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
  if (t.rows.length === 0) ctx.report('error', 'empty-table', 'the environment/region table has its header but no rows: the page lost them', t.node, scope);
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
