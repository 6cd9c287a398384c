/**
 * The portal home page (site/index.html): services grouped by category, each version with its status
 * badge, support date, operation count and links to the reference, the changelog and the raw spec,
 * plus the operation search (an accessible combobox whose index script loads on first use, so it
 * works from file:// too). Pure: model in, HTML out. Styles and behaviour live in assets/portal.css
 * and assets/portal.js (content-hashed).
 */
import { escapeHtml } from './html.ts';
import { API_STATUSES } from './openapi-view.ts';
import { FOOTER, pageHead, topBar } from './page-shell.ts';
import { compareVersions } from '../../src/version-order.ts';
import type { PortalCategory, PortalModel, PortalService, PortalVersion } from './portal-model.ts';
import type { AssetTable } from './site-assets.ts';
import { STATUS_MEANING, statusBadge, supportDate } from './status-text.ts';

export interface PortalPageOptions {
  readonly title?: string;
  readonly assets: AssetTable;
  /** Site-relative path of the search index script (content-hashed). */
  readonly searchIndexRel: string;
}

const SEARCH_ICON = `<svg class="search-icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false"><circle cx="8.5" cy="8.5" r="5.75" fill="none" stroke="currentColor" stroke-width="1.8"/><path d="M13 13l4.5 4.5" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"/></svg>`;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function mixedStatusNote(v: PortalVersion): string {
  const others = API_STATUSES.filter((s) => s !== v.status && (v.statusCounts[s] ?? 0) > 0);
  if (others.length === 0) return '';
  const parts = others.map((s) => `${v.statusCounts[s]} ${s.toLowerCase()}`);
  return `<span class="mixed" title="Operations in this version with another status">incl. ${escapeHtml(parts.join(', '))}</span>`;
}

function versionRow(service: PortalService, v: PortalVersion): string {
  const name = `${service.id}-${v.version}`;
  return `<tr class="version-row" data-version="${escapeHtml(v.version)}">
<th scope="row"><a class="version-link" href="${v.pageHref}">${escapeHtml(v.version)}</a>${v.isDefault ? ' <span class="default" title="Used when no Scp-Api-Version header is sent">default</span>' : ''}</th>
<td>${statusBadge(v.status)}${mixedStatusNote(v)}</td>
<td class="num">${v.operationCount}</td>
<td>${supportDate(v.status, v.supportedUntil) || '<span class="none">—</span>'}</td>
<td class="links"><a href="${v.pageHref}">Reference</a><a href="${v.yamlHref}" download="${escapeHtml(name)}.yaml" type="application/yaml">YAML</a><a href="${v.jsonHref}" download="${escapeHtml(name)}.json" type="application/json">JSON</a></td>
</tr>`;
}

/** The latest.yaml row: the newest non-planned version of every operation, in one document. */
function latestRow(service: PortalService, latest: PortalVersion): string {
  const name = `${service.id}-latest`;
  const from = [...new Set(latest.operations.map((o) => o.apiVersion?.split(/\s+/).pop()).filter((x): x is string => !!x))].sort(
    compareVersions,
  );
  const note = from.length > 0 ? `newest of each operation (${from.map((x) => escapeHtml(x)).join(', ')})` : 'newest of each operation';
  return `<tr class="latest-row" data-version="latest">
<th scope="row"><a class="version-link" href="${latest.pageHref}">latest</a></th>
<td colspan="3" class="latest-note">${note}</td>
<td class="links"><a href="${latest.pageHref}">Reference</a><a href="${latest.yamlHref}" download="${escapeHtml(name)}.yaml" type="application/yaml">YAML</a><a href="${latest.jsonHref}" download="${escapeHtml(name)}.json" type="application/json">JSON</a></td>
</tr>`;
}

function serviceCard(service: PortalService): string {
  const primary = service.versions.find((v) => v.isDefault) ?? service.versions[0];
  const ops = primary?.operationCount ?? 0;
  const home = service.latest?.pageHref ?? primary?.pageHref ?? '#';
  return `<article class="card" id="svc-${escapeHtml(service.id)}" data-service="${escapeHtml(service.id)}">
<header class="card-head">
<h3><a href="${home}">${escapeHtml(service.title)}</a></h3>
<p class="card-meta"><code>${escapeHtml(service.id)}</code><span>${plural(service.versions.length, 'version')}</span><span>${plural(ops, 'operation')}${primary ? ` in ${escapeHtml(primary.version)}` : ''}</span></p>
</header>
${service.changesHref ? `<p class="card-links"><a href="${service.changesHref}">Changelog between versions</a></p>` : ''}
<table class="versions">
<colgroup><col class="c-version"><col class="c-status"><col class="c-ops"><col class="c-support"><col class="c-links"></colgroup>
<thead><tr><th scope="col">Version</th><th scope="col">Status</th><th scope="col" class="num">Ops</th><th scope="col">Support</th><th scope="col"><span class="visually-hidden">Links</span></th></tr></thead>
<tbody>
${service.versions.map((v) => versionRow(service, v)).join('\n')}
${service.latest ? latestRow(service, service.latest) : ''}
</tbody>
</table>
</article>`;
}

function categorySection(category: PortalCategory): string {
  return `<section class="category" id="cat-${escapeHtml(category.id)}" aria-labelledby="cat-${escapeHtml(category.id)}-title">
<header class="category-head"><h2 id="cat-${escapeHtml(category.id)}-title">${escapeHtml(category.title)}</h2><span class="count">${plural(category.services.length, 'service')}</span></header>
<div class="cards">
${category.services.map(serviceCard).join('\n')}
</div>
</section>`;
}

function sideNav(model: PortalModel): string {
  return `<nav class="sidenav" aria-label="Services by category">
${model.categories
  .map(
    (c) => `<p class="sidenav-cat"><a href="#cat-${escapeHtml(c.id)}">${escapeHtml(c.title)}</a></p>
<ul>${c.services.map((s) => `<li><a href="#svc-${escapeHtml(s.id)}">${escapeHtml(s.title)}</a></li>`).join('')}</ul>`,
  )
  .join('\n')}
<p class="sidenav-cat"><a href="#lifecycle">Version lifecycle</a></p>
</nav>`;
}

function lifecycle(): string {
  return `<section class="lifecycle" id="lifecycle" aria-labelledby="lifecycle-title">
<h2 id="lifecycle-title">Version lifecycle</h2>
<p>Every operation carries a status. Send <code>Scp-Api-Version: &lt;service&gt; &lt;version&gt;</code> to pick a version; without it a service answers with its latest CURRENT version.</p>
<dl>
${API_STATUSES.map((s) => `<div><dt>${statusBadge(s)}</dt><dd>${escapeHtml(STATUS_MEANING[s])}</dd></div>`).join('\n')}
</dl>
</section>`;
}

export function renderPortalPage(model: PortalModel, opts: PortalPageOptions): string {
  const title = opts.title ?? 'SCP API Reference';
  const { assets } = opts;
  return `<!DOCTYPE html>
<html lang="en">
${pageHead(title, 0, assets, `OpenAPI 3.1 reference for ${model.serviceCount} Samsung Cloud Platform services.`)}
<body>
<a class="skip" href="#main">Skip to content</a>
${topBar(0, '<a href="search-index.json">Search index</a>')}
<section class="hero" aria-labelledby="hero-title">
<div class="hero-inner">
<p class="eyebrow">OpenAPI 3.1 · ${plural(model.serviceCount, 'service')} · ${plural(model.versionCount, 'API version')} · ${plural(model.operationCount, 'operation')}</p>
<h1 id="hero-title">${escapeHtml(title)}</h1>
<p class="lede">Reference documentation for Samsung Cloud Platform service APIs. Browse services by category, or search every operation by name, path, operation ID or description, in Korean or English.</p>
<div class="search" role="search">
${SEARCH_ICON}
<label class="visually-hidden" for="search">Search operations</label>
<input id="search" type="search" role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="search-results" aria-describedby="search-hint" placeholder="Search operations, e.g. ListDataFlows, /v1/clusters or 생성" autocomplete="off" spellcheck="false" data-index-src="${escapeHtml(opts.searchIndexRel)}">
<kbd title="Press / to search">/</kbd>
</div>
<p id="search-hint" class="visually-hidden">Type to search; use the up and down arrows to choose an operation and Enter to open it.</p>
<div id="search-panel" class="search-results" hidden>
<ul id="search-results" class="result-list" role="listbox" aria-label="Matching operations" tabindex="0"></ul>
<p id="search-count" class="search-count"></p>
</div>
<p id="search-status" class="visually-hidden" role="status" aria-live="polite"></p>
</div>
</section>
<div class="layout" id="services">
${sideNav(model)}
<main id="main" class="content">
${model.categories.map(categorySection).join('\n')}
${lifecycle()}
</main>
</div>
${FOOTER}
<script src="${assets.rel('search-core.js')}"></script>
<script src="${assets.rel('portal.js')}"></script>
</body>
</html>
`;
}
