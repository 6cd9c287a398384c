/**
 * A service's changelog (site/<service>/changes.html): what changed between each pair of consecutive
 * versions, newest first, from the project's semantic diff (scripts/diff), breaking changes first
 * and flagged. Each entry links to the operation in the version where it exists. Pure.
 */
import { diffSpecs } from '../diff/diff-specs.ts';
import type { ChangeEntry, ChangeReport, OpenApiDoc } from '../diff/types.ts';
import { escapeHtml, hrefPath } from './html.ts';
import { operationAnchor } from './operation-detail.ts';
import { renderShell } from './page-shell.ts';
import type { AssetTable } from './site-assets.ts';

export interface VersionDoc {
  readonly version: string;
  readonly doc: unknown;
}

export interface VersionStep {
  readonly from: string;
  readonly to: string;
  readonly report: ChangeReport;
}

/** Reports between consecutive versions, given oldest first; returned newest step first. */
export function changeSteps(service: string, oldestFirst: readonly VersionDoc[]): VersionStep[] {
  const steps: VersionStep[] = [];
  for (let i = 1; i < oldestFirst.length; i++) {
    const a = oldestFirst[i - 1] as VersionDoc;
    const b = oldestFirst[i] as VersionDoc;
    steps.push({ from: a.version, to: b.version, report: diffSpecs(a.doc as OpenApiDoc, b.doc as OpenApiDoc, { service, version: `${a.version} → ${b.version}` }) });
  }
  return steps.reverse();
}

function entryHtml(step: VersionStep, e: ChangeEntry): string {
  const version = e.kind === 'operation-removed' ? step.from : step.to;
  const where =
    e.method && e.path
      ? `<a href="${hrefPath(`${version}.html`)}#${operationAnchor({ operationId: e.operation, method: e.method, path: e.path })}"><code>${escapeHtml(`${e.method.toUpperCase()} ${e.path}`)}</code>${e.operation ? ` (${escapeHtml(e.operation)})` : ''}</a>`
      : '';
  const target = ['operation-added', 'operation-removed'].includes(e.kind) ? '' : ` <code>${escapeHtml(e.target)}</code>`;
  const flag = e.breaking ? '<span class="breaking">Breaking</span> ' : '';
  return `<li class="${e.breaking ? 'is-breaking' : ''}">${flag}${where}${target}: ${escapeHtml(e.detail)}</li>`;
}

function stepHtml(step: VersionStep): string {
  const { report } = step;
  const n = report.changes.length;
  const id = `v${step.from}-${step.to}`.replace(/[^A-Za-z0-9_-]+/g, '-');
  const summary = n === 0 ? 'No changes.' : `${n} change${n === 1 ? '' : 's'}, ${report.breaking} breaking.`;
  const ordered = [...report.changes.filter((c) => c.breaking), ...report.changes.filter((c) => !c.breaking)];
  return `<section class="change-step" id="${id}" aria-labelledby="${id}-h">
<h2 id="${id}-h"><a href="${hrefPath(`${step.from}.html`)}">${escapeHtml(step.from)}</a> → <a href="${hrefPath(`${step.to}.html`)}">${escapeHtml(step.to)}</a></h2>
<p class="change-count">${summary}</p>
${n > 0 ? `<ul class="changes">${ordered.map((e) => entryHtml(step, e)).join('\n')}</ul>` : ''}
</section>`;
}

export function renderChangelogPage(title: string, steps: readonly VersionStep[], assets: AssetTable): string {
  const main = `<p class="crumbs"><a href="../index.html">All services</a> / ${escapeHtml(title)}</p>
<h1>${escapeHtml(title)} API changelog</h1>
<p>Changes between consecutive versions, found by comparing the specs (breaking changes first).</p>
${steps.map(stepHtml).join('\n')}`;
  return renderShell({ title: `${title} API changelog · SCP API Reference`, depth: 1, assets, main });
}
