/**
 * Builds the hosted docs site from specs/ and the manifest (services are discovered, never listed):
 * the static pages rendered on this thread (static-site.ts: reference pages readable without
 * JavaScript, portal and search index, authentication guide, changelogs, 404, raw specs,
 * content-hashed assets) and one Redoc view per spec rendered by the published `redocly build-docs`
 * in a pool of worker threads (redoc-views.ts, fed by redoc-stage.ts). Text files get precompressed copies.
 *
 * Given the record of the previous build (the docs stage keeps it in the build cache), files whose
 * content did not change are not written again, Redoc views whose inputs did not change are not
 * rendered again, and files of removed specs are deleted. Whether anything needs building at all is
 * the build's stage table's decision (scripts/build.ts), not this module's.
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { followImports } from '../import-graph.ts';
import { type DocsRecord, EMPTY_DOCS_RECORD, contentKey } from './docs-record.ts';
import { type PortalManifest, buildPortalModel, sitePaths } from './portal-model.ts';
import { bundleVersion, findRedocBundle, toClassicScript } from './redoc-bundle.ts';
import { RedocStage, redocViewOf, viewFiles } from './redoc-stage.ts';
import { BuildDocsPool } from './redoc-views.ts';
import { redoclyVersion } from './redocly-runner.ts';
import { buildSearchIndex } from './search-index.ts';
import { type Asset, AssetTable } from './site-assets.ts';
import { SiteWriter, fileHash } from './site-writer.ts';
import { readSpecTexts, type SpecText } from '../specs-dir.ts';
import { type SpecFile, parseSpecText } from './spec-files.ts';
import { servicesById, writeStaticSite } from './static-site.ts';

export interface DocsReport {
  /** Specs whose reference page or Redoc view was (re)built. */
  pagesBuilt: number;
  pagesSkipped: number;
  totalBytes: number;
  ms: number;
  /** The reference pages (one per spec), site-relative. */
  pages: string[];
  /** What the next build is given as `previous`. */
  record: DocsRecord;
}

export interface BuildDocsOptions {
  specsDir: string;
  outDir: string;
  manifestPath: string;
  /** The record of the last build into outDir (default: none, everything is written). */
  previous?: DocsRecord;
  /** build-docs runs at once (default: available parallelism). */
  concurrency?: number;
  log?: (line: string) => void;
}

/** A failed build: the Redoc views that did render are in `record`, so the next build renders only the rest. */
export class DocsBuildError extends Error {
  constructor(
    failure: unknown,
    readonly record: DocsRecord,
  ) {
    super(failure instanceof Error ? failure.message : String(failure), { cause: failure });
    this.name = 'DocsBuildError';
  }
}

const HERE = import.meta.dirname;
const PROJECT_ROOT = path.resolve(HERE, '../..');
const TEMPLATE = path.join(HERE, 'templates/redoc-view.hbs');
/** Files under assets/ published with content-hashed names (reference.css is only inlined). */
const STATIC_ASSETS = ['portal.css', 'portal.js', 'search-core.js', 'reference.js', 'reference.css', 'bar.css', 'bar.js', 'favicon.svg'];
/** What turns a spec into a finished Redoc view besides the view's own inputs: these modules (and what they import) and the template. */
const REDOC_PIPELINE = ['redoc-views.ts', 'redoc-page.ts', 'templates/redoc-view.hbs'];

/** Bytes of the site's files as recorded (what the build wrote or kept). */
async function siteBytes(outDir: string, files: Readonly<Record<string, string>>): Promise<number> {
  const sizes = await Promise.all(Object.keys(files).map((rel) => stat(path.join(outDir, rel)).then((s) => s.size, () => 0)));
  return sizes.reduce((a, b) => a + b, 0);
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${(n / 1024).toFixed(0)} KB`;
}

/** Key over the Redoc pipeline's code and template and the installed CLI's version. */
async function pipelineKey(): Promise<string> {
  const graph = await followImports(REDOC_PIPELINE.map((f) => path.join(HERE, f)));
  const texts = await Promise.all(graph.files.map(async (f) => [path.relative(HERE, f), await readFile(f)] as const));
  return contentKey([redoclyVersion(PROJECT_ROOT), ...texts.flat()]);
}

/** The static assets plus Redoc's bundle as the classic script the Redoc views load. */
async function readSiteAssets(): Promise<{ assets: AssetTable; redocVersion?: string }> {
  const bundleSource = await readFile(findRedocBundle(PROJECT_ROOT), 'utf8');
  const files: Asset[] = await Promise.all(STATIC_ASSETS.map(async (name) => ({ name, content: await readFile(path.join(HERE, 'assets', name)) })));
  files.push({ name: 'redoc.standalone.js', content: Buffer.from(toClassicScript(bundleSource)) });
  return { assets: new AssetTable(files), redocVersion: bundleVersion(bundleSource) };
}

/** Parse one spec at a time, letting the event loop run in between (the pool is fed from this thread). */
async function parseAll(texts: readonly SpecText[]): Promise<SpecFile[]> {
  const specs: SpecFile[] = [];
  for (const t of texts) {
    specs.push(parseSpecText(t));
    await yieldToEventLoop();
  }
  return specs;
}

/** Each Redoc view's files → sha256 as found on disk now. */
async function foundViews(outDir: string, texts: readonly SpecText[]): Promise<Map<string, Record<string, string | undefined>>> {
  const views = texts.map(redocViewOf);
  const hashes = await Promise.all(views.map(async (rel) => Object.fromEntries(await Promise.all(viewFiles(rel).map(async (f) => [f, await fileHash(path.join(outDir, f))] as const)))));
  return new Map(views.map((rel, i) => [rel, hashes[i] ?? {}]));
}

interface Started {
  readonly scratchDir: string;
  readonly texts: SpecText[];
  readonly manifestText: string;
  readonly redoc: RedocStage;
  readonly pipeline: string;
}

/** Read the inputs and queue the Redoc views that must be rendered, so the build-docs runs start at once. */
async function start(opts: BuildDocsOptions, outDir: string, previous: DocsRecord): Promise<Started> {
  const [manifestText, texts, pipeline] = await Promise.all([readFile(opts.manifestPath, 'utf8'), readSpecTexts(opts.specsDir), pipelineKey()]);
  const scratchDir = await mkdtemp(path.join(tmpdir(), 'scp-build-docs-'));
  const pool = new BuildDocsPool({ projectRoot: PROJECT_ROOT, scratchDir, concurrency: opts.concurrency ?? availableParallelism() });
  const redoc = new RedocStage({ pool, template: TEMPLATE, pipeline, previous, found: await foundViews(outDir, texts) });
  redoc.queueEarly(texts);
  return { scratchDir, texts, manifestText, redoc, pipeline };
}

export async function buildDocsSite(opts: BuildDocsOptions): Promise<DocsReport> {
  const t0 = performance.now();
  const outDir = path.resolve(opts.outDir);
  const started = await start(opts, outDir, opts.previous ?? EMPTY_DOCS_RECORD);
  try {
    return await build(opts, outDir, started, t0);
  } finally {
    await rm(started.scratchDir, { recursive: true, force: true });
  }
}

async function build(opts: BuildDocsOptions, outDir: string, { texts, manifestText, redoc, pipeline }: Started, t0: number): Promise<DocsReport> {
  const log = opts.log ?? ((): void => {});
  const previous = opts.previous ?? EMPTY_DOCS_RECORD;
  const writer = new SiteWriter(outDir);
  const { assets, redocVersion } = await readSiteAssets();
  const specs = await parseAll(texts);
  const model = buildPortalModel(specs, JSON.parse(manifestText) as PortalManifest);
  const index = buildSearchIndex(model);
  const changedPages = await writeStaticSite({ specs, model, index, assets, writer });
  const views = await redoc.finish(specs, servicesById(model), assets, writer, redocVersion);
  for (const rel of views.rendered) log(`docs: rendered ${rel} (${((performance.now() - t0) / 1000).toFixed(2)} s into the build)`);
  await writer.settle();

  const ok = views.error === undefined;
  if (ok) await writer.removeStale(Object.keys(previous.files));
  // After a failure, remember the earlier files too (still to clean up).
  const files = ok ? writer.files() : { ...previous.files, ...writer.files() };
  const record: DocsRecord = { files, state: { pipeline, views: views.keys, viewSpecs: views.specKeys, indexed: index.entries.length } };
  if (!ok) throw new DocsBuildError(views.error, record);

  const pageOf = (s: { service: string; version: string }): string => sitePaths.page(s.service, s.version);
  const pages = specs.filter((s) => writer.has(pageOf(s))).map(pageOf).sort();
  const built = specs.filter((s) => changedPages.has(pageOf(s)) || views.rendered.includes(redocViewOf(s))).length;
  const report: DocsReport = { pagesBuilt: built, pagesSkipped: pages.length - built, pages, totalBytes: await siteBytes(outDir, files), ms: Math.round(performance.now() - t0), record };
  log(`docs: ${built} pages built, ${report.pagesSkipped} skipped (unchanged); ${index.entries.length} operations indexed; site ${formatBytes(report.totalBytes)} in ${(report.ms / 1000).toFixed(1)} s → ${outDir}`);
  return report;
}
