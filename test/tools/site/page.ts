/**
 * The Docsy page around a page's content, as the live site serves it: `<head>` with canonical link,
 * title and `<meta name=description>` (the start of the page's plain text, so method and path are
 * in the first few KB), the navbar with the language switch, the sidebar navigation (server-side
 * rendered, before the content: optional padding brings a page to the live weight of ~4.3 MB with
 * the content at the end), the breadcrumb, then `div.td-content` with the `<h1>` title, the content
 * and the last-modified line.
 */
import { createHash } from 'node:crypto';
import { escapeHtml, LABELS, type Lang } from './content.ts';

export const SITE = 'https://docs.e.samsungsdscloud.com';

export interface NavLink {
  readonly href: string;
  readonly title: string;
  readonly children?: readonly NavLink[];
}

export interface PageShell {
  readonly lang: Lang;
  /** The page's path, e.g. `/apireference/data-analytics/data-flow/apis/createdataflow/1.1/`. */
  readonly ref: string;
  readonly title: string;
  /** Meta description (plain text). */
  readonly description: string;
  readonly breadcrumb: readonly NavLink[];
  /** The breadcrumb's last (active) item: Docsy shows the link title, e.g. the version of an operation page. */
  readonly crumb?: string;
  readonly nav: readonly NavLink[];
  /** Pad the sidebar so the page is at least this many bytes (0: no padding). */
  readonly padTo?: number;
}

function navId(href: string): string {
  return `m-${href.replace(/[^a-z0-9]/gi, '').toLowerCase()}`;
}

function navList(links: readonly NavLink[], active: string): string {
  const items = links.map((l) => {
    const id = navId(l.href);
    const cls = `align-left ps-0 td-sidebar-link td-sidebar-link__${l.children ? 'section' : 'page'}${l.href === active ? ' active' : ''}`;
    const inner = `<a href="${escapeHtml(l.href)}" class="${cls}" id="${id}"><span class="">${escapeHtml(l.title)}</span></a>`;
    if (!l.children) return `<li class="td-sidebar-nav__page td-sidebar-nav__section without-child" id="${id}-li">${inner}</li>`;
    return `<li class="td-sidebar-nav__section-title td-sidebar-nav__section with-child" id="${id}-li"><input type="checkbox" id="${id}-check"/><label for="${id}-check">${inner}</label>\n<ul class="ul-1">\n${navList(l.children, active)}\n</ul></li>`;
  });
  return items.join('\n');
}

/** Filler sidebar entries (collapsed pages of other sections) up to `bytes`. */
function padding(bytes: number): string {
  if (bytes <= 0) return '';
  const unit = (i: number): string =>
    `<li class="td-sidebar-nav__page td-sidebar-nav__section without-child" id="m-apireferencearchive${i}-li"><a href="/apireference/archive/page-${i}/" class="align-left ps-0 td-sidebar-link td-sidebar-link__page" id="m-apireferencearchive${i}"><span class="">Archived page ${i}</span></a></li>\n`;
  const parts: string[] = [];
  for (let i = 0, size = 0; size < bytes; i++) {
    parts.push(unit(i));
    size += (parts[i] as string).length; // ASCII: characters are bytes
  }
  return parts.join('');
}

function breadcrumbHtml(items: readonly NavLink[], title: string): string {
  const li = items.map((b) => `<li class="breadcrumb-item"><a href="${escapeHtml(b.href)}">${escapeHtml(b.title)}</a></li>`);
  li.push(`<li class="breadcrumb-item active" aria-current="page">${escapeHtml(title)}</li>`);
  return `<nav aria-label="breadcrumb" class="td-breadcrumbs">\n<ol class="breadcrumb">\n${li.join('\n')}\n</ol>\n</nav>`;
}

function head(p: PageShell): string {
  return [
    '<!doctype html>',
    `<html itemscope itemtype="http://schema.org/WebPage" lang="${p.lang}" class="no-js">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no">',
    '<meta name="generator" content="Hugo 0.139.4">',
    `<link rel="canonical" type="text/html" href="${SITE}${escapeHtml(p.ref)}">`,
    `<title>${escapeHtml(p.title)} | Samsung Cloud Platform</title>`,
    `<meta name="description" content="${escapeHtml(p.description)}">`,
    `<meta property="og:url" content="${SITE}${escapeHtml(p.ref)}">`,
    `<meta property="og:title" content="${escapeHtml(p.title)}">`,
    '<link href="/scss/main.min.css" rel="stylesheet">',
    '</head>',
  ].join('\n');
}

function otherLanguage(p: PageShell): string {
  const other = p.lang === 'ko' ? p.ref.replace(/^\/apireference\//, '/en/apireference/') : p.ref.replace(/^\/en\//, '/');
  return `<li class="nav-item dropdown d-none d-lg-block"><div class="dropdown"><a class="nav-link dropdown-toggle" href="#" role="button" data-bs-toggle="dropdown">${p.lang === 'ko' ? '한국어' : 'English'}</a><ul class="dropdown-menu"><li><a class="dropdown-item" href="${escapeHtml(other)}">${p.lang === 'ko' ? 'English' : '한국어'}</a></li></ul></div></li>`;
}

/** A whole Docsy page around `tdContent` (one `div.td-content`, or several on a print page). */
export function docsyPage(p: PageShell, tdContent: string): string {
  const top = [
    head(p),
    '<body class="td-page">',
    `<header>\n<nav class="td-navbar js-navbar-scroll" data-bs-theme="dark">\n<div class="container-fluid flex-column flex-md-row">\n<a class="navbar-brand" href="/"><span class="navbar-brand__name">Samsung Cloud Platform</span></a>\n<ul class="navbar-nav">\n<li class="nav-item"><a class="nav-link active" href="${p.lang === 'en' ? '/en' : ''}/apireference/"><span>API Reference</span></a></li>\n${otherLanguage(p)}\n</ul>\n</div>\n</nav>\n</header>`,
    '<div class="container-fluid td-outer">\n<div class="td-main">\n<div class="row flex-xl-nowrap">',
    '<aside class="col-12 col-md-3 col-xl-2 td-sidebar d-print-none">\n<div id="td-sidebar-menu" class="td-sidebar__inner">\n<nav class="td-sidebar-nav" id="td-section-nav">\n<ul class="td-sidebar-nav__section pe-md-3 ul-0">',
    navList(p.nav, p.ref),
  ].join('\n');
  const rest = [
    '</ul>\n</nav>\n</div>\n</aside>',
    '<main class="col-12 col-md-9 col-xl-8 ps-md-5" role="main">',
    breadcrumbHtml(p.breadcrumb, p.crumb ?? p.title),
    tdContent,
    '</main>\n</div>\n</div>',
    '<footer class="td-footer row d-print-none"><div class="container-fluid"><span class="td-footer__copyright">&copy; 2026 Samsung SDS All Rights Reserved</span></div></footer>',
    '</div>\n<script src="/js/main.min.js"></script>\n</body>\n</html>\n',
  ].join('\n');
  const pad = p.padTo !== undefined ? p.padTo - Buffer.byteLength(top) - Buffer.byteLength(rest) : 0;
  return `${top}\n${padding(pad)}${rest}`;
}

/** `div.td-content` of a single page: title, theme meta, the content, the last-modified line. */
export function singleContent(title: string, content: string, lang: Lang): string {
  return `<div class="td-content">\n<h1>${escapeHtml(title)}</h1>\n<header class="article-meta">\n</header>\n${content}\n<div class="td-page-meta__lastmod">\n${LABELS[lang].lastmod}: <a data-proofer-ignore href="https://github.com/SamsungSDSCloud/docs/commit/3f2c1ab">Sync API reference (3f2c1ab)</a>\n</div>\n</div>`;
}

/** Docsy's print-section anchor id of a page. */
export function printId(ref: string): string {
  return `pg-${createHash('md5').update(ref).digest('hex')}`;
}
