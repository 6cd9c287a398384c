/**
 * Specs → the live site's forms, as a map from URL path to response body. For every service and
 * language (Korean under `/apireference/…`, English under `/en/apireference/…`): the overview, the
 * APIs and Models lists, a section page per operation, a page per operation and version, a page per
 * model, the service's print page and its APIs print page; per category its page and print page; `/apireference/`,
 * `/apireference/contents-list/`, `/apireference/api-common/version/`, and `/search-index.json`.
 * Serve it with any static HTTP server: a path ending in `/` is a page.
 */
import { titleWords } from '../../../scripts/emit/naming.ts';
import type { Lang } from './content.ts';
import { serviceFromSpecs, type SiteService, type SpecInput } from './from-spec.ts';
import { categoryContent, contentsListContent, indexContent, versionListContent, type Category } from './listings.ts';
import { docsyPage, singleContent, type NavLink } from './page.ts';
import { servicePages, summaryOf, type ServicePages, type SitePage } from './pages.ts';
import { apisTree, printContent, serviceTree } from './print.ts';
import { indexDocument, searchIndexJson, type IndexDocument } from './search-index.ts';

export interface SiteFile {
  readonly body: string;
  readonly contentType: string;
}

export interface RenderOptions {
  /** Languages to render; the search index holds both. Default Korean and English. */
  readonly languages?: readonly Lang[];
  /** Category titles by id (the live site's, e.g. `ai-ml` → `AI-ML`); others are title-cased. */
  readonly categoryTitles?: Readonly<Record<string, string>>;
  /** Pad single pages whose path this accepts to this many bytes (the live ~4.3 MB; default: no padding). */
  readonly padTo?: number;
  readonly pad?: (path: string) => boolean;
  /** Fields MiniSearch indexes (stored fields are always all five). */
  readonly indexFields?: readonly ('title' | 'body')[];
  /** Pages the search index lists (default all): the live index leaves out some older pages the site still serves. */
  readonly indexed?: (path: string) => boolean;
}

export const CATEGORY_TITLES: Readonly<Record<string, string>> = {
  'ai-ml': 'AI-ML',
  'api-common': 'API Common',
  'application-service': 'Application Service',
  compute: 'Compute',
  'data-analytics': 'Data Analytics',
  database: 'Database',
  'devops-tools': 'DevOps Tools',
  'financial-management': 'Financial Management',
  management: 'Management',
  networking: 'Networking',
  platform: 'Platform',
  security: 'Security',
};

const HTML = 'text/html; charset=utf-8';

/** Specs grouped per service, read back into the docs' model. */
export function siteServices(specs: readonly SpecInput[]): SiteService[] {
  const byService = new Map<string, SpecInput[]>();
  for (const s of specs) byService.set(s.service, [...(byService.get(s.service) ?? []), s]);
  return [...byService.values()].map(serviceFromSpecs).sort((a, b) => a.id.localeCompare(b.id));
}

function categoriesOf(services: readonly SiteService[], lang: Lang, titles: Readonly<Record<string, string>>): Category[] {
  const ids = [...new Set(services.map((s) => s.category))].sort();
  return ids.map((id) => {
    const title = titles[id] ?? CATEGORY_TITLES[id] ?? titleWords(id);
    return { id, title, services: services.filter((s) => s.category === id).map((s) => servicePages(s, lang, title)) };
  });
}

/**
 * Sidebar in Docsy's compact form: every category, the current category's services, the current
 * service's APIs and Models sections, and the pages beside the current one. (The live sidebar holds
 * the whole tree, ~4.3 MB a page: `padTo` gives a page that weight without rendering the tree into
 * every page of a large site.)
 */
function navFor(categories: readonly Category[], lang: Lang, current: ServicePages | undefined, page?: SitePage): NavLink[] {
  const root = lang === 'en' ? '/en/apireference/' : '/apireference/';
  const parent = page ? page.ref.replace(/[^/]+\/$/, '') : undefined;
  const siblings = current && parent !== undefined ? childrenOf(current).get(parent) ?? [] : [];
  const sections = (sp: ServicePages): NavLink[] =>
    sp.pages.filter((p) => p.kind === 'apis' || p.kind === 'models').map((p) => ({ href: p.ref, title: p.title, children: parent?.startsWith(p.ref) ? siblings : [] }));
  return categories.map((c) => ({
    href: `${root}${c.id}/`,
    title: c.title,
    children: c.services
      .filter((s) => current !== undefined && s.service.category === current.service.category)
      .map((s) => ({ href: s.base, title: s.service.title, ...(s === current ? { children: sections(s) } : {}) })),
  }));
}

const CHILDREN = new WeakMap<ServicePages, Map<string, NavLink[]>>();

/** A service's pages by their parent path (computed once per service). */
function childrenOf(sp: ServicePages): Map<string, NavLink[]> {
  let map = CHILDREN.get(sp);
  if (!map) {
    map = new Map();
    for (const p of sp.pages) {
      const parent = p.ref.replace(/[^/]+\/$/, '');
      map.set(parent, [...(map.get(parent) ?? []), { href: p.ref, title: p.crumb ?? p.title }]);
    }
    CHILDREN.set(sp, map);
  }
  return map;
}

class SiteWriter {
  readonly files = new Map<string, SiteFile>();
  readonly docs: IndexDocument[] = [];

  constructor(private readonly options: RenderOptions) {}

  page(page: SitePage, nav: readonly NavLink[], categories: readonly string[]): void {
    const padTo = this.options.padTo !== undefined && (this.options.pad?.(page.ref) ?? true) ? this.options.padTo : undefined;
    const shell = { lang: page.lang, ref: page.ref, title: page.title, description: summaryOf(page), breadcrumb: page.breadcrumb, nav, ...(page.crumb ? { crumb: page.crumb } : {}), ...(padTo ? { padTo } : {}) };
    this.files.set(page.ref, { body: docsyPage(shell, singleContent(page.title, page.content, page.lang)), contentType: HTML });
    if (this.options.indexed?.(page.ref) ?? true) this.docs.push(indexDocument(page, categories));
  }

  print(root: SitePage, tree: Parameters<typeof printContent>[2], nav: readonly NavLink[]): void {
    const ref = `${root.ref}_print/`;
    const shell = { lang: root.lang, ref, title: root.title, description: '', breadcrumb: root.breadcrumb, nav };
    this.files.set(ref, { body: docsyPage(shell, printContent(root.lang, root, tree)), contentType: HTML });
  }
}

function renderLanguage(w: SiteWriter, categories: readonly Category[], lang: Lang): void {
  const root = lang === 'en' ? '/en/apireference/' : '/apireference/';
  const top = navFor(categories, lang, undefined);
  const home: NavLink = { href: root, title: 'API Reference' };
  const listing = (ref: string, title: string, content: string, crumbs: NavLink[]): SitePage => ({ kind: 'overview', lang, ref, title, content, breadcrumb: crumbs });
  w.page(listing(root, 'API Reference', indexContent(categories, lang), []), top, []);
  w.page(listing(`${root}contents-list/`, lang === 'en' ? 'Contents List' : '목차', contentsListContent(categories, lang), [home]), top, []);
  w.page(listing(`${root}api-common/version/`, 'Version', versionListContent(categories, lang), [home, { href: `${root}api-common/`, title: 'API Common' }]), top, []);
  for (const c of categories) {
    const catPage = listing(`${root}${c.id}/`, c.title, categoryContent(c, lang), [home]);
    w.page(catPage, top, [c.title]);
    w.print(catPage, c.services.map(serviceTree), top);
    for (const sp of c.services) {
      for (const p of sp.pages) w.page(p, navFor(categories, lang, sp, p), p.kind === 'overview' ? [c.title] : []);
      const apis = sp.pages.find((p) => p.kind === 'apis') as SitePage;
      w.print(apis, apisTree(sp), navFor(categories, lang, sp, apis));
      const tree = serviceTree(sp);
      w.print(tree.page, tree.children, navFor(categories, lang, sp, tree.page));
    }
  }
}

/** Every page of the site made from `specs` (per-version specs; `latest` ones are skipped). */
export function renderSite(specs: readonly SpecInput[], options: RenderOptions = {}): Map<string, SiteFile> {
  const services = siteServices(specs);
  const w = new SiteWriter(options);
  for (const lang of options.languages ?? (['ko', 'en'] as const)) renderLanguage(w, categoriesOf(services, lang, options.categoryTitles ?? {}), lang);
  w.files.set('/search-index.json', { body: searchIndexJson(w.docs, options.indexFields), contentType: 'application/json' });
  return w.files;
}
