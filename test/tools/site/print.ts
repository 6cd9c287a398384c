/**
 * Docsy print views (`…/_print/`): a root `div.td-content` with the print banner, `<h1 class="title">`,
 * the numbered table of contents and the section's own content, then one `div.td-content` per page
 * below it, titled `N.M - Title` (`<h1 id="pg-…">`), in TOC order. Rendered for a service
 * (`<svc>/_print/`: its APIs and Models), its APIs (`<svc>/apis/_print/`) and a category
 * (`<cat>/_print/`: each service with its APIs and Models).
 */
import { escapeHtml, type Lang } from './content.ts';
import { printId } from './page.ts';
import type { ServicePages, SitePage } from './pages.ts';

const BANNER = {
  ko: { text: '이 섹션의 다중 페이지 출력 화면임.', click: '여기를 클릭하여 프린트', back: '이 페이지의 일반 화면으로 돌아가기' },
  en: { text: 'This is the multi-page printable view of this section.', click: 'Click here to print', back: 'Return to the regular view of this page' },
} as const;

/** One node of the printed tree: a page and the pages below it. */
export interface PrintNode {
  readonly page: SitePage;
  readonly children: readonly PrintNode[];
}

function tocHtml(nodes: readonly PrintNode[], prefix: string): string {
  const items = nodes.map((n, i) => {
    const num = `${prefix}${i + 1}`;
    const li = `<li>${num}: <a href="#${printId(n.page.ref)}">${escapeHtml(n.page.printTitle ?? n.page.title)}</a></li>`;
    return n.children.length > 0 ? `${li}\n<ul>\n${tocHtml(n.children, `${num}.`)}\n</ul>` : li;
  });
  return items.join('\n');
}

function sectionsHtml(nodes: readonly PrintNode[], prefix: string, out: string[]): void {
  nodes.forEach((n, i) => {
    const num = `${prefix}${i + 1}`;
    out.push(`<div class="td-content" style="page-break-before: always">\n<h1 id="${printId(n.page.ref)}">${num} - ${escapeHtml(n.page.printTitle ?? n.page.title)}</h1>\n${n.page.content}\n</div>`);
    sectionsHtml(n.children, `${num}.`, out);
  });
}

/** The `div.td-content` elements of a print page of `root` (the section page) with `children` below it. */
export function printContent(lang: Lang, root: SitePage, children: readonly PrintNode[]): string {
  const b = BANNER[lang];
  const out = [
    `<div class="td-content">\n<div class="pageinfo pageinfo-primary d-print-none">\n<p>\n${b.text}\n<a href="#" onclick="print();return false;">${b.click}</a>.\n</p><p>\n<a href="${escapeHtml(root.ref)}">${b.back}</a>.\n</p>\n</div>\n<h1 class="title">${escapeHtml(root.title)}</h1>\n<ul>\n${tocHtml(children, '')}\n</ul>\n<div class="content">\n${root.content}\n</div>\n</div>`,
  ];
  sectionsHtml(children, '', out);
  return out.join('\n');
}

/** The APIs section of a service: each operation (its section page) with its versions, newest first. */
export function apisTree(sp: ServicePages): PrintNode[] {
  const byRef = new Map(sp.pages.map((p) => [p.ref, p]));
  const nodes: PrintNode[] = [];
  for (const [slug] of sp.slugs) {
    const section = byRef.get(`${sp.base}apis/${slug}/`) as SitePage;
    const versions = sp.pages.filter((p) => p.kind === 'operation' && p.ref.startsWith(section.ref));
    nodes.push({ page: section, children: versions.map((page) => ({ page, children: [] })) });
  }
  return nodes;
}

/** A service with its APIs and Models sections, for its own print page and its category's. */
export function serviceTree(sp: ServicePages): PrintNode {
  const find = (kind: SitePage['kind']): SitePage | undefined => sp.pages.find((p) => p.kind === kind);
  const children: PrintNode[] = [{ page: find('apis') as SitePage, children: apisTree(sp) }];
  const models = find('models');
  if (models) children.push({ page: models, children: sp.pages.filter((p) => p.kind === 'model').map((page) => ({ page, children: [] })) });
  return { page: find('overview') as SitePage, children };
}
