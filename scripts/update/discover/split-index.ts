/**
 * The search index's documents → one source file per service (`sources/si_<svc>.json`), in the form
 * the search-index contract fixes: a header object whose `pages` array holds one page per line,
 * sorted by ref, in one language. Every page under the service's section goes in (overview, API and
 * model lists, operation sections and pages, models); the reader decides what each holds.
 * Pure and deterministic (same documents → same bytes).
 */
import type { IndexDocument } from './index-stream.ts';
import { categoryOfRef, classifyRef, DEFAULT_LANG, servicePath, type RefInfo } from './site-paths.ts';

export interface IndexedOperation {
  readonly slug: string;
  readonly version: string;
  /** The operation's name: the page title, or its section page's title when the page is titled by the version. */
  readonly name?: string;
}

export interface ServiceIndexFile {
  readonly category: string;
  /** The `<svc>` path segment. */
  readonly service: string;
  /** `si_<svc>.json` */
  readonly file: string;
  /** Manifest origin: `<site>/search-index.json#/apireference/<cat>/<svc>/`. */
  readonly origin: string;
  /** The service's overview page on the site (cited by the manifest's facts). */
  readonly overviewUrl: string;
  readonly text: string;
  readonly operations: readonly IndexedOperation[];
  /** Slugs of the operation section pages (an operation whose version pages are all left out of the index has one). */
  readonly sectionSlugs: readonly string[];
}

export interface SplitIndex {
  readonly services: readonly ServiceIndexFile[];
  /** Category segment → the title of its index page, for the categories of `services` the index has one for. */
  readonly categoryTitles: Readonly<Record<string, string>>;
  /** Service sections without a single operation page (not services we can emit), as `<cat>/<svc>`. */
  readonly withoutOperations: readonly string[];
  /** Documents of the language outside every service section, or filed under a second category (counted, not written). */
  readonly otherPages: number;
}

export const SEARCH_INDEX_PATH = '/search-index.json';

function searchIndexFileName(service: string): string {
  return `si_${service}.json`;
}

interface Group {
  readonly category: string;
  readonly service: string;
  readonly pages: { readonly doc: IndexDocument; readonly info: RefInfo }[];
}

/** One page as one line of the file: fixed key order. */
function pageLine(doc: IndexDocument, lang: string): string {
  return JSON.stringify({ ref: doc.ref, title: doc.title, lang: doc.lang ?? lang, categories: doc.categories, body: doc.body });
}

function renderFile(site: string, group: Group, lang: string): string {
  const head = JSON.stringify({ origin: `${site}${SEARCH_INDEX_PATH}`, category: group.category, service: group.service, lang });
  const pages = group.pages.map((p) => pageLine(p.doc, lang));
  return `${head.slice(0, -1)},"pages":[\n${pages.join(',\n')}\n]}\n`;
}

/** Group the documents of one language by service section; the documents arrive sorted by ref. */
function groupByService(docs: readonly IndexDocument[], lang: string): { groups: Map<string, Group>; categoryTitles: Record<string, string>; otherPages: number } {
  const groups = new Map<string, Group>();
  const categoryTitles: Record<string, string> = {};
  let otherPages = 0;
  for (const doc of docs) {
    const category = categoryOfRef(doc.ref);
    if (category) {
      if (category.lang === lang && doc.title !== '') categoryTitles[category.category] = doc.title;
      continue;
    }
    const info = classifyRef(doc.ref);
    if (!info) {
      if (doc.ref.startsWith(lang === DEFAULT_LANG ? '/apireference/' : `/${lang}/apireference/`)) otherPages++;
      continue;
    }
    if (info.lang !== lang) continue;
    // A service keeps the category it was first seen under (refs sorted: deterministic).
    const group = groups.get(info.service) ?? { category: info.category, service: info.service, pages: [] };
    if (group.category !== info.category) {
      otherPages++;
      continue;
    }
    group.pages.push({ doc, info });
    groups.set(info.service, group);
  }
  return { groups, categoryTitles, otherPages };
}

/** The operation pages of a service with their slug, version and name. */
function indexedOperations(group: Group): IndexedOperation[] {
  const sectionTitles = new Map<string, string>();
  for (const { doc, info } of group.pages) if (info.kind === 'operation-section' && info.slug && doc.title.trim() !== '') sectionTitles.set(info.slug, doc.title.trim());
  return group.pages.flatMap(({ doc, info }) => {
    if (info.kind !== 'operation' || !info.slug || !info.version) return [];
    const title = doc.title.trim();
    const name = title !== '' && title !== info.version ? title : sectionTitles.get(info.slug);
    return [{ slug: info.slug, version: info.version, ...(name !== undefined ? { name } : {}) }];
  });
}

export function splitSearchIndex(docs: readonly IndexDocument[], site: string, lang: string = DEFAULT_LANG): SplitIndex {
  const { groups, categoryTitles, otherPages } = groupByService(docs, lang);
  const services: ServiceIndexFile[] = [];
  const withoutOperations: string[] = [];
  for (const group of [...groups.values()].sort((a, b) => (a.service < b.service ? -1 : 1))) {
    const operations = indexedOperations(group);
    const section = servicePath(group.category, group.service, lang);
    if (operations.length === 0) {
      withoutOperations.push(`${group.category}/${group.service}`);
      continue;
    }
    services.push({
      category: group.category,
      service: group.service,
      file: searchIndexFileName(group.service),
      origin: `${site}${SEARCH_INDEX_PATH}#${section}`,
      overviewUrl: `${site}${section}`,
      text: renderFile(site, group, lang),
      operations,
      sectionSlugs: [...new Set(group.pages.flatMap(({ info }) => (info.kind === 'operation-section' && info.slug ? [info.slug] : [])))].sort(),
    });
  }
  const used = new Set(services.map((s) => s.category));
  return { services, categoryTitles: Object.fromEntries(Object.entries(categoryTitles).filter(([c]) => used.has(c))), withoutOperations, otherPages };
}
