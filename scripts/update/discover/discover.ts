/**
 * Discovery of every service on the docs site, newest source first:
 * 1. `/search-index.json`: its stored pages split into one `si_<svc>.json` per service;
 * 2. when the index is missing or unusable: `/apireference/contents-list/` for the service list and
 *    each service's Docsy print page (`…/<svc>/_print/`) for its content;
 * 3. when that fails too: nothing is discovered, and the update re-fetches what the manifest names.
 * Every source is read with `readSource` (the reader layer); nothing here parses a page layout.
 */
import type { ManifestFile } from '../../manifest.ts';
import type { SourceDoc, SourceLayout } from '../../model.ts';
import { sha256 } from '../../hash.ts';
import { readSource } from '../../read-source.ts';
import { FetchError, rebaseUrl, type PageFetcher } from '../fetch-pages.ts';
import { inScope, isWholeSite, mainServiceId, type Scope } from '../scope.ts';
import { IndexUnavailable, loadSearchIndex, type IndexSource } from './load-index.ts';
import { printPath, servicePath, servicePathsIn, DEFAULT_LANG } from './site-paths.ts';
import { splitSearchIndex, type ServiceIndexFile } from './split-index.ts';

/**
 * One service's new source file, read. Category, overview page, operations and section slugs are
 * those of its search-index file; a print page has no operations or section slugs (empty).
 */
export interface ServiceSource extends Pick<ServiceIndexFile, 'category' | 'overviewUrl' | 'operations' | 'sectionSlugs'> {
  /** Manifest entry (file, origin, layout, sha256, category). */
  readonly entry: ManifestFile;
  readonly body: Buffer;
  readonly doc: SourceDoc;
  /** `Scp-Api-Version` id as read (else the URL segment). */
  readonly id: string;
  readonly segment: string;
}

export type DiscoveryMethod = 'search-index' | 'contents-list' | 'manifest';

export interface Discovery {
  readonly method: DiscoveryMethod;
  readonly services: readonly ServiceSource[];
  readonly categoryTitles: Readonly<Record<string, string>>;
  /** Why a fallback was taken, what was set aside: for the log. */
  readonly notes: readonly string[];
}

export interface DiscoverOptions {
  /** The canonical site (origins in the manifest), e.g. https://docs.e.samsungsdscloud.com. */
  readonly site: string;
  /** Where pages are fetched from: the site itself, a mirror, or a directory of saved pages. */
  readonly from: string;
  readonly local: boolean;
  readonly lang: string;
  readonly scope: Scope;
  readonly fetcher: PageFetcher;
  readonly index: Omit<IndexSource, 'from' | 'local'>;
  readonly log: (line: string) => void;
}

function readOne(file: string, origin: string, layout: SourceLayout, category: string, body: Buffer): { entry: ManifestFile; doc: SourceDoc } {
  const entry: ManifestFile = { file, origin, layout, sha256: sha256(body), category };
  return { entry, doc: readSource(entry, body.toString('utf8')) };
}

function fromIndexFile(f: ServiceIndexFile): ServiceSource {
  const body = Buffer.from(f.text);
  const { entry, doc } = readOne(f.file, f.origin, 'search-index', f.category, body);
  return { entry, body, doc, id: mainServiceId(doc) ?? f.service, segment: f.service, category: f.category, overviewUrl: f.overviewUrl, operations: f.operations, sectionSlugs: f.sectionSlugs };
}

/**
 * The services worth reading for the scope, known by category and URL segment only: when every
 * `--services` name is a segment, those; otherwise a name may be an id, known once read, so all of
 * the category (the caller keeps what `inScope` accepts once read).
 */
function candidates<T extends { readonly category: string; readonly service: string }>(all: readonly T[], scope: Scope): T[] {
  const inCategory = all.filter((s) => scope.category === undefined || s.category === scope.category);
  const wanted = scope.services;
  return wanted && [...wanted].every((n) => inCategory.some((s) => s.service === n)) ? inCategory.filter((s) => wanted.has(s.service)) : inCategory;
}

/** Read the index files in scope. */
function selectIndexFiles(files: readonly ServiceIndexFile[], scope: Scope): ServiceSource[] {
  return candidates(files, scope)
    .map(fromIndexFile)
    .filter((s) => inScope(scope, { id: s.id, segment: s.segment, category: s.category }));
}

async function fromSearchIndex(opts: DiscoverOptions): Promise<Discovery> {
  const loaded = await loadSearchIndex({ ...opts.index, from: opts.from, local: opts.local });
  const split = splitSearchIndex(loaded.docs, opts.site, opts.lang);
  if (split.services.length === 0) throw new IndexUnavailable(`the search index holds no operation page${opts.lang === DEFAULT_LANG ? '' : ` in language "${opts.lang}"`}`);
  const notes = [
    `search index: ${loaded.docs.length} pages (${(loaded.bytes / 1048576).toFixed(1)} MB read${loaded.stoppedEarly ? ', term index skipped' : ''}), ${split.services.length} services with operation pages`,
  ];
  if (split.withoutOperations.length > 0) notes.push(`sections without operation pages (not services): ${split.withoutOperations.join(', ')}`);
  return { method: 'search-index', services: selectIndexFiles(split.services, opts.scope), categoryTitles: split.categoryTitles, notes };
}

/** A page's bytes, or undefined when the site answers 404. */
async function fetchOptional(opts: DiscoverOptions, origin: string): Promise<Buffer | undefined> {
  try {
    const r = await opts.fetcher({ url: opts.local ? origin : rebaseUrl(origin, opts.from) });
    return r.kind === 'body' ? r.body : undefined;
  } catch (e) {
    if (e instanceof FetchError && (e.status === 404 || (opts.local && e.status === undefined))) return undefined;
    throw e;
  }
}

async function fromContentsList(opts: DiscoverOptions, why: string): Promise<Discovery> {
  const listOrigin = `${opts.site}${opts.lang === DEFAULT_LANG ? '' : `/${opts.lang}`}/apireference/contents-list/`;
  const notes = [`search index unavailable (${why}); services from ${listOrigin} and their print pages`];
  const list = await fetchOptional(opts, listOrigin).catch(() => undefined);
  const paths = list ? servicePathsIn(list.toString('utf8')) : [];
  if (paths.length === 0) throw new IndexUnavailable(`${why}; ${listOrigin}: ${list ? 'no service links' : 'not available'}`);
  const services: ServiceSource[] = [];
  // Names that are all URL segments spare fetching the other print pages.
  for (const { category, service } of candidates(paths, opts.scope)) {
    const section = servicePath(category, service, opts.lang);
    const origin = `${opts.site}${printPath(section)}`;
    const body = await fetchOptional(opts, origin);
    if (!body) {
      notes.push(`no print page for ${category}/${service}`);
      continue;
    }
    const { entry, doc } = readOne(`print_${service}.html`, origin, 'html', category, body);
    const id = mainServiceId(doc) ?? service;
    if (!doc.services.some((s) => s.operations.length > 0)) {
      notes.push(`${category}/${service}: no operation on its print page (not a service)`);
      continue;
    }
    if (!inScope(opts.scope, { id, segment: service, category })) continue;
    services.push({ entry, body, doc, id, segment: service, category, overviewUrl: `${opts.site}${section}`, operations: [], sectionSlugs: [] });
  }
  return { method: 'contents-list', services, categoryTitles: {}, notes };
}

export async function discoverServices(opts: DiscoverOptions): Promise<Discovery> {
  try {
    return await fromSearchIndex(opts);
  } catch (e) {
    if (!(e instanceof IndexUnavailable)) throw e;
    try {
      return await fromContentsList(opts, e.message);
    } catch (e2) {
      if (!(e2 instanceof IndexUnavailable)) throw e2;
      const whole = isWholeSite(opts.scope) ? '' : ' (within the filters)';
      return { method: 'manifest', services: [], categoryTitles: {}, notes: [`no discovery source: ${e2.message}; re-fetching the pages the manifest names${whole}`] };
    }
  }
}
