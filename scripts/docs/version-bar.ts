/**
 * The bar injected above Redoc on each reference page: back to the portal, the service name, every
 * sibling version (with status) plus `latest`, the support date, and raw spec downloads. All links
 * are relative to the page (site/<service>/<version>.html). Switching versions keeps the operation
 * in view when the other page has it: each link lists the Redoc routes its page contains, and a few
 * lines of script carry the current route over only then (Redoc shows a 404 view otherwise).
 * Pure.
 */
import { escapeHtml, hrefPath } from './html.ts';
import { LATEST, type PortalService, type PortalVersion } from './portal-model.ts';
import { statusBadge, supportDate } from './status-text.ts';

/** The Redoc routes (hash paths) a page has: each operation and its tag section. */
export function pageRoutes(v: PortalVersion): string[] {
  const routes = new Set<string>();
  for (const op of v.operations) {
    const route = op.href.slice(op.href.indexOf('#') + 1);
    routes.add(route);
    routes.add(route.slice(0, route.lastIndexOf('/')) || '/');
  }
  return [...routes].sort();
}

function link(v: PortalVersion, current: string, label: string, extraClass: string, title?: string): string {
  const here = v.version === current;
  const cls = `scp-version${extraClass}${here ? ' is-current' : ''}`;
  return `<li><a class="${cls}" href="${hrefPath(`${v.version}.html`)}"${here ? ' aria-current="page"' : ''}${title ? ` title="${escapeHtml(title)}"` : ''} data-routes="${escapeHtml(JSON.stringify(pageRoutes(v)))}">${label}</a></li>`;
}

/** Carries `#<route>` to the version clicked when that page has the route. */
const KEEP_ROUTE_SCRIPT = `<script>(function(){var bar=document.currentScript.previousElementSibling;bar.addEventListener('click',function(e){var a=e.target.closest&&e.target.closest('a[data-routes]');if(!a||e.ctrlKey||e.metaKey||e.shiftKey)return;var route=location.hash.slice(1).split('#')[0];try{route=decodeURIComponent(route)}catch(x){}if(!route||route==='/')return;var routes;try{routes=JSON.parse(a.getAttribute('data-routes'))}catch(x){return}if(routes.indexOf(route)!==-1){e.preventDefault();location.href=a.getAttribute('href')+'#'+route}})})();</script>`;

/** The bar for the page of `current` (a version of `service`, or `LATEST`). */
export function renderVersionBar(service: PortalService, current: string): string {
  const page = current === LATEST ? service.latest : service.versions.find((x) => x.version === current);
  const name = `${service.id}-${current}`;
  const items = service.versions.map((v) =>
    link(v, current, `${escapeHtml(v.version)} ${statusBadge(v.status)}`, '', v.isDefault ? 'Used when no Scp-Api-Version header is sent' : undefined),
  );
  if (service.latest) {
    items.push(link(service.latest, current, 'latest', ' scp-latest', 'The newest version of every operation in one document'));
  }
  const note = current === LATEST ? '<span class="scp-note">Newest version of each operation</span>' : page ? supportDate(page.status, page.supportedUntil) : '';
  return `<nav class="scp-bar" aria-label="${escapeHtml(service.title)} API versions">
<a class="scp-home" href="../index.html" title="All SCP APIs"><svg viewBox="0 0 32 32" aria-hidden="true" focusable="false"><rect width="32" height="32" rx="7" fill="#1428a0"/><path d="M11 10l-5 6 5 6M21 10l5 6-5 6" fill="none" stroke="#fff" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round"/></svg><span>SCP API Reference</span></a>
<span class="scp-crumb" aria-hidden="true">/</span>
<span class="scp-service">${escapeHtml(service.title)}</span>
<span class="scp-label" id="scp-versions-label">Version</span>
<ul class="scp-versions" aria-labelledby="scp-versions-label">
${items.join('\n')}
</ul>
${note}
<span class="scp-downloads"><a href="${hrefPath('..', 'specs', service.id, `${current}.yaml`)}" download="${escapeHtml(name)}.yaml">YAML</a><a href="${hrefPath('..', 'specs', service.id, `${current}.json`)}" download="${escapeHtml(name)}.json">JSON</a></span>
</nav>
${KEEP_ROUTE_SCRIPT}`;
}
