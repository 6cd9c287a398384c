/**
 * The bar above each reference page (and each Redoc view): back to the portal, the service name,
 * every sibling version (with status) plus `latest` (reference pages only), the support date, and links to the changelog,
 * the other view of the same version, the authentication guide and the raw spec downloads. All links
 * are relative to the page (site/<service>/<file>.html). Switching versions keeps the operation in
 * view when the other page has it: each version link lists the in-page addresses its page has, and
 * assets/bar.js (deferred) carries the current one over only then. Pure.
 */
import { escapeHtml, hrefPath } from './html.ts';
import { LATEST, type PortalService, type PortalVersion } from './portal-model.ts';
import { statusBadge, supportDate } from './status-text.ts';

/** Which page the bar sits on: the static reference page or the Redoc view. */
export type PageKind = 'reference' | 'redoc';

/** The in-page addresses (hash without `#`) a page has: operation anchors, or Redoc routes with their tag sections. */
export function pageAddresses(v: PortalVersion, kind: PageKind): string[] {
  const out = new Set<string>();
  for (const op of v.operations) {
    if (kind === 'reference') {
      out.add(op.anchor);
      continue;
    }
    const route = op.redocHref.slice(op.redocHref.indexOf('#') + 1);
    out.add(route);
    out.add(route.slice(0, route.lastIndexOf('/')) || '/');
  }
  return [...out].sort();
}

function fileOf(version: string, kind: PageKind): string {
  return kind === 'reference' ? `${version}.html` : `${version}.redoc.html`;
}

function link(v: PortalVersion, current: string, kind: PageKind, label: string, extraClass: string, title?: string): string {
  const here = v.version === current;
  const cls = `scp-version${extraClass}${here ? ' is-current' : ''}`;
  const keep = escapeHtml(JSON.stringify(pageAddresses(v, kind)));
  return `<li><a class="${cls}" href="${hrefPath(fileOf(v.version, kind))}"${here ? ' aria-current="page"' : ''}${title ? ` title="${escapeHtml(title)}"` : ''} data-keep="${keep}">${label}</a></li>`;
}

const HOME_ICON = `<svg viewBox="0 0 32 32" aria-hidden="true" focusable="false"><rect width="32" height="32" rx="7" fill="#1428a0"/><path d="M11 10l-5 6 5 6M21 10l5 6-5 6" fill="none" stroke="#fff" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round"/></svg>`;

function extraLinks(service: PortalService, current: string, kind: PageKind): string {
  const name = `${service.id}-${current}`;
  const other = kind === 'reference' ? (current === LATEST ? '' : `<a href="${hrefPath(fileOf(current, 'redoc'))}" title="The same version rendered by Redoc (needs JavaScript)">Redoc view</a>`) : `<a href="${hrefPath(fileOf(current, 'reference'))}">Static reference</a>`;
  const changes = service.changesHref ? `<a href="changes.html">Changelog</a>` : '';
  return `<span class="scp-links">${changes}<a href="../auth.html">Authentication</a>${other}<a href="${hrefPath('..', 'specs', service.id, `${current}.yaml`)}" download="${escapeHtml(name)}.yaml">YAML</a><a href="${hrefPath('..', 'specs', service.id, `${current}.json`)}" download="${escapeHtml(name)}.json">JSON</a></span>`;
}

/** The bar for the page of `current` (a version of `service`, or `LATEST`). */
export function renderVersionBar(service: PortalService, current: string, kind: PageKind = 'reference'): string {
  const page = current === LATEST ? service.latest : service.versions.find((x) => x.version === current);
  const items = service.versions.map((v) =>
    link(v, current, kind, `${escapeHtml(v.version)} ${statusBadge(v.status)}`, '', v.isDefault ? 'Used when no Scp-Api-Version header is sent' : undefined),
  );
  // Redoc views exist for numbered versions only; the latest document has its static page.
  if (service.latest && kind === 'reference') items.push(link(service.latest, current, kind, 'latest', ' scp-latest', 'The newest version of every operation in one document'));
  const note = current === LATEST ? '<span class="scp-note">Newest version of each operation</span>' : page ? supportDate(page.status, page.supportedUntil) : '';
  return `<nav class="scp-bar" aria-label="${escapeHtml(service.title)} API versions">
<a class="scp-home" href="../index.html" title="All SCP APIs">${HOME_ICON}<span>SCP API Reference</span></a>
<span class="scp-crumb" aria-hidden="true">/</span>
<span class="scp-service">${escapeHtml(service.title)}</span>
<span class="scp-label" id="scp-versions-label">Version</span>
<ul class="scp-versions" aria-labelledby="scp-versions-label">
${items.join('\n')}
</ul>
${note}
${extraLinks(service, current, kind)}
</nav>`;
}
