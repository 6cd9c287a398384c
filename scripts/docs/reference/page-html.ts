/**
 * A whole reference page (site/<service>/<version>.html) as static HTML: the version bar, the
 * service introduction, every operation grouped by tag, the models, and a navigation of tags and
 * operations. The stylesheet is inlined (no render-blocking request before the first operation
 * shows), the content comes before the navigation in the document (CSS places the navigation on the
 * left, or on top on narrow screens) so the first paint can already show it, and the small page
 * script is deferred and only adds conveniences. Pure.
 */
import { escapeHtml } from '../html.ts';
import { langAttr } from '../lang.ts';
import { type OperationDetail, operationDetails } from '../operation-detail.ts';
import { LATEST, type PortalService } from '../portal-model.ts';
import { isObject } from '../../emit/json-value.ts';
import { statusBadge, supportDate } from '../status-text.ts';
import { descriptionHtml } from '../text-html.ts';
import { operationHtml, type OperationPageContext } from './operation-html.ts';
import { sampleServer } from './sample-request.ts';
import { modelsSection } from './schema-html.ts';

export interface ReferencePageInput {
  readonly doc: unknown;
  readonly service: PortalService;
  readonly version: string;
  readonly title: string;
  readonly versionBar: string;
  /** The stylesheet text, inlined. */
  readonly css: string;
  /** Relative hrefs (from the page) of the favicon and the page's deferred scripts. */
  readonly faviconHref: string;
  readonly scriptHrefs: readonly string[];
}

interface TagGroup {
  readonly id: string;
  readonly title: string;
  readonly operations: OperationDetail[];
}

/** Operations grouped by their first tag, in the order of the document's tag list, untagged last. */
export function groupByTag(doc: unknown, ops: readonly OperationDetail[]): TagGroup[] {
  const declared = isObject(doc) && Array.isArray(doc.tags) ? doc.tags.filter(isObject) : [];
  const titleOf = (name: string): string => {
    const t = declared.find((x) => x.name === name);
    return t && typeof t['x-displayName'] === 'string' ? t['x-displayName'] : name;
  };
  const groups = new Map<string, TagGroup>();
  const order = [...declared.map((t) => String(t.name)), ...ops.map((o) => o.tags[0] ?? '')];
  for (const name of order) {
    if (!groups.has(name)) groups.set(name, { id: `tag-${(name || 'other').replace(/[^A-Za-z0-9_.-]+/g, '-')}`, title: name ? titleOf(name) : 'Other operations', operations: [] });
  }
  for (const op of ops) groups.get(op.tags[0] ?? '')?.operations.push(op);
  return [...groups.values()].filter((g) => g.operations.length > 0);
}

function navHtml(groups: readonly TagGroup[]): string {
  const lists = groups.map(
    (g) =>
      `<p class="nav-tag"><a href="#${g.id}">${escapeHtml(g.title)}</a></p><ul>${g.operations
        .map((o) => `<li><a href="#${o.anchor}"><span class="m">${o.method}</span> <span${langAttr(o.summary ?? '')}>${escapeHtml(o.summary ?? o.operationId ?? o.path)}</span></a></li>`)
        .join('')}</ul>`,
  );
  return `<nav class="ref-nav" aria-label="Operations"><details open><summary>Operations</summary>${lists.join('')}<p class="nav-tag"><a href="#models">Models</a></p></details></nav>`;
}

function headHtml(input: ReferencePageInput, ops: readonly OperationDetail[]): string {
  const { service, version, doc } = input;
  const info = isObject(doc) && isObject(doc.info) ? doc.info : {};
  const v = version === LATEST ? service.latest : service.versions.find((x) => x.version === version);
  const header = version === LATEST ? 'each operation states its own value' : `<code class="version-value">${escapeHtml(ops[0]?.versionHeader ?? `${service.id} ${version}`)}</code>`;
  const heading = `${service.title} API ${version === LATEST ? '(latest)' : escapeHtml(version)}`;
  return `<header class="ref-head">
<h1>${escapeHtml(heading)}</h1>
<p class="facts-line">${v && version !== LATEST ? statusBadge(v.status) : ''}${v ? supportDate(v.status, v.supportedUntil) : ''}<span>Send <code>Scp-Api-Version</code>: ${header}</span><span>${ops.length} operations</span></p>
${descriptionHtml(typeof info.description === 'string' ? info.description : undefined)}
</header>`;
}

export function renderReferencePage(input: ReferencePageInput): string {
  const ops = operationDetails(input.doc);
  const groups = groupByTag(input.doc, ops);
  const ctx: OperationPageContext = {
    doc: input.doc,
    service: input.service.id,
    version: input.version,
    server: sampleServer(input.doc, input.service.id),
    authHref: '../auth.html',
  };
  const sections = groups.map((g) => `<section class="tag-group" id="${g.id}" aria-labelledby="${g.id}-h"><h2 id="${g.id}-h">${escapeHtml(g.title)}</h2>\n${g.operations.map((o) => operationHtml(ctx, o)).join('\n')}\n</section>`);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.title)}</title>
<link rel="icon" href="${input.faviconHref}" type="image/svg+xml">
<style>${input.css}</style>
</head>
<body class="scp-reference">
<a class="skip" href="#main">Skip to content</a>
${input.versionBar}
<div class="ref-layout">
<main id="main">
${headHtml(input, ops)}
${sections.join('\n')}
${modelsSection(input.doc)}
</main>
${navHtml(groups)}
</div>
<footer class="page-foot"><p>Generated from the SCP API reference by scp-openapi · OpenAPI 3.1 · <a href="../index.html">All services</a></p></footer>
${input.scriptHrefs.map((src) => `<script src="${src}" defer></script>`).join('\n')}
</body>
</html>
`;
}
