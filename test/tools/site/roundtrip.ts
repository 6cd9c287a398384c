/**
 * Site forms → specs, through the pipeline's own functions: each source file is read with
 * `readSource` (the reader its layout names), the results merged with `mergeSources` under a
 * manifest like the one `update` writes, and emitted with `emitAllSpecs` (emit + YAML, as the build
 * does). The sources are taken from a rendered site (./render-site.ts) in three forms: the search
 * index split per service, the single Docsy pages (overview, operation and model pages) and the
 * category print pages.
 */
import { parse } from 'yaml';
import { emitAllSpecs } from '../../../scripts/stages/specs.ts';
import type { EmittedSpec } from '../../../scripts/stages/stage.ts';
import { serializeSpecYaml } from '../../../scripts/emit/serialize.ts';
import { sha256 } from '../../../scripts/hash.ts';
import type { Acknowledgement, Manifest, ManifestFile, ManifestService } from '../../../scripts/manifest.ts';
import { mergeSources } from '../../../scripts/merge.ts';
import type { Diagnostic, SourceLayout } from '../../../scripts/model.ts';
import { readSource } from '../../../scripts/read-source.ts';
import type { SiteService } from './from-spec.ts';
import { splitSearchIndex } from './index-files.ts';
import { SITE } from './page.ts';
import type { SiteFile } from './render-site.ts';

export interface SourceFile {
  readonly file: string;
  readonly origin: string;
  readonly layout: SourceLayout;
  readonly category: string;
  readonly text: string;
}

/**
 * `search-index`: the index split per service. `print`: the category print pages.
 * `index-and-pages`: the index without its operation pages, and each operation page as served (the
 * per-page fallback of `update` for pages the index lacks).
 */
export type SiteForm = 'search-index' | 'print' | 'index-and-pages';

function fileName(path: string): string {
  return `${path.replace(/^\/+|\/+$/g, '').replace(/[^A-Za-z0-9._-]+/g, '_')}.html`;
}

function body(site: ReadonlyMap<string, SiteFile>, path: string): string {
  const f = site.get(path);
  if (!f) throw new Error(`the rendered site has no ${path}`);
  return f.body;
}

const OPERATION_PAGE = /^\/apireference\/[^/]+\/[^/]+\/apis\/[^/]+\/[^/]+\/$/;

/** The source files a snapshot of `site` in one form holds (Korean pages). */
export function siteSources(site: ReadonlyMap<string, SiteFile>, services: readonly SiteService[], form: SiteForm): SourceFile[] {
  const html = (path: string, category: string): SourceFile => ({ file: fileName(path), origin: `${SITE}${path}`, layout: 'html', category, text: body(site, path) });
  if (form === 'print') return [...new Set(services.map((s) => s.category))].sort().map((c) => html(`/apireference/${c}/_print/`, c));
  const withPages = form === 'index-and-pages';
  const index: SourceFile[] = splitSearchIndex(body(site, '/search-index.json'), SITE, 'ko', (ref) => !(withPages && OPERATION_PAGE.test(ref) && !ref.endsWith('_print/'))).map((f) => ({
    file: f.file,
    origin: `${SITE}/search-index.json#/apireference/${f.category}/${f.service}/`,
    layout: 'search-index',
    category: f.category,
    text: f.text,
  }));
  if (!withPages) return index;
  const pages = [...site.keys()].filter((p) => OPERATION_PAGE.test(p) && !p.endsWith('_print/')).sort();
  return [...index, ...pages.map((p) => html(p, p.split('/')[2] as string))];
}

/** The manifest `update` would write for these files: categories, and the facts the specs cite from other pages. */
export function manifestFor(sources: readonly SourceFile[], services: readonly SiteService[], categoryTitles: Readonly<Record<string, string>>): Manifest {
  const files: ManifestFile[] = sources.map((s) => ({ file: s.file, origin: s.origin, layout: s.layout, sha256: sha256(s.text), category: s.category }));
  const categories = Object.fromEntries([...new Set(services.map((s) => s.category))].map((c) => [c, { title: categoryTitles[c] ?? c }]));
  return { site: SITE, files, categories, services: citedFacts(services) };
}

/** Per service, its category and the facts its specs cite from another page (the site's pages do not carry them). */
function citedFacts(services: readonly SiteService[]): Record<string, ManifestService> {
  const facts: Record<string, ManifestService> = {};
  for (const s of services) facts[s.id] = { category: s.category, ...(s.cited.baseUrl ? { baseUrl: s.cited.baseUrl } : {}), ...(s.cited.environments ? { environments: s.cited.environments } : {}) };
  return facts;
}

/**
 * The manifest of a project that has never read the site: no files, no categories, only what a
 * maintainer records because no page of the site gives it (the facts cited from other pages, and
 * reviewed acknowledgements).
 */
export function freshManifest(services: readonly SiteService[], acknowledged: readonly Acknowledgement[] = []): Manifest {
  return { site: SITE, files: [], categories: {}, services: citedFacts(services), ...(acknowledged.length > 0 ? { acknowledged } : {}) };
}

/**
 * A spec's YAML without its `externalDocs` (root and operations). They name the pages a spec was read
 * from, which a round trip changes by design (a search-index entry or a service print page instead of
 * the snapshot's print page).
 */
export function withoutProvenance(text: string): string {
  const doc = parse(text) as Record<string, unknown>;
  delete doc.externalDocs;
  for (const item of Object.values((doc.paths ?? {}) as Record<string, Record<string, Record<string, unknown>>>)) {
    for (const op of Object.values(item)) delete op.externalDocs;
  }
  return serializeSpecYaml(doc);
}

export interface RoundTrip {
  readonly specs: readonly EmittedSpec[];
  /** Reader and merge diagnostics, then the emitter's. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Read, merge and emit the sources as the build does. */
export function specsFromSources(sources: readonly SourceFile[], manifest: Manifest): RoundTrip {
  const docs = manifest.files.map((entry, i) => readSource(entry, (sources[i] as SourceFile).text));
  const model = mergeSources(docs, manifest);
  const specs = emitAllSpecs(model);
  return { specs, diagnostics: [...model.diagnostics, ...specs.flatMap((s) => s.report.diagnostics)] };
}
