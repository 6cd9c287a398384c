/**
 * Builds the hosted docs site from specs/ and the manifest (services are discovered, never listed):
 * the static pages rendered in this process (static-site.ts: reference pages readable without
 * JavaScript, portal and search index, authentication guide, changelogs, 404, raw specs,
 * content-hashed assets) and one Redoc view per spec rendered by the published `redocly build-docs`
 * in a process pool (redoc-stage.ts). Text files get precompressed copies.
 *
 * A build whose inputs (spec texts, manifest, the docs code and assets, the CLI version) all match
 * the last build's, with every file it wrote untouched since, returns at once without parsing a spec.
 */
import { mkdir, readFile, readdir, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { type BuildState, contentKey, loadBuildState, sameStamp, saveBuildState, stampOf } from './build-cache.ts';
import { readCodeInputs, type CodeInput } from './code-inputs.ts';
import { type PortalManifest, buildPortalModel, sitePaths } from './portal-model.ts';
import { bundleVersion, findRedocBundle, toClassicScript } from './redoc-bundle.ts';
import { RedocStage, redocViewOf } from './redoc-stage.ts';
import { BuildDocsPool } from './redoc-views.ts';
import { redoclyVersion } from './redocly-runner.ts';
import { buildSearchIndex } from './search-index.ts';
import { type Asset, AssetTable } from './site-assets.ts';
import { SiteWriter } from './site-writer.ts';
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
}

export interface BuildDocsOptions {
  specsDir: string;
  outDir: string;
  manifestPath: string;
  cacheDir?: string;
  /** build-docs processes at once (default: available parallelism). */
  concurrency?: number;
  log?: (line: string) => void;
}

const HERE = import.meta.dirname;
const PROJECT_ROOT = path.resolve(HERE, '../..');
const TEMPLATE = path.join(HERE, 'templates/redoc-view.hbs');
/** Files under assets/ published with content-hashed names (reference.css is only inlined). */
const STATIC_ASSETS = ['portal.css', 'portal.js', 'search-core.js', 'reference.js', 'reference.css', 'bar.css', 'favicon.svg'];
/** Files (relative to HERE) a Redoc view depends on besides its spec, title, bar and assets. */
const REDOC_PIPELINE = ['templates/redoc-view.hbs', 'redoc-page.ts', 'redoc-views.ts', 'redocly-runner.ts', 'redoc-stage.ts'];

async function treeSize(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const p = path.join(dir, entry.name);
    total += entry.isDirectory() ? await treeSize(p) : (await stat(p)).size;
  }
  return total;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${(n / 1024).toFixed(0)} KB`;
}

/** True when every file the last build recorded is still there with the same size and mtime. */
async function filesIntact(outDir: string, files: BuildState['files']): Promise<boolean> {
  const entries = Object.entries(files);
  if (entries.length === 0) return false;
  const now = await Promise.all(entries.map(([rel]) => stampOf(path.join(outDir, rel))));
  return entries.every(([, was], i) => sameStamp(was, now[i]));
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

interface Inputs {
  readonly manifestText: string;
  readonly texts: SpecText[];
  readonly code: CodeInput[];
  readonly previous: BuildState;
  readonly siteKey: string;
  readonly toolchain: string;
}

async function readInputs(opts: BuildDocsOptions, outDir: string, cacheDir: string): Promise<Inputs> {
  const [manifestText, texts, code, previous] = await Promise.all([
    readFile(opts.manifestPath, 'utf8'),
    readSpecTexts(opts.specsDir),
    readCodeInputs(HERE),
    loadBuildState(cacheDir, outDir),
  ]);
  const toolchain = redoclyVersion(PROJECT_ROOT);
  const specRel = (s: SpecText): string => path.relative(opts.specsDir, s.file);
  const siteKey = contentKey([manifestText, toolchain, ...code.flatMap((c) => [c.rel, c.content]), ...texts.flatMap((s) => [specRel(s), s.text])]);
  return { manifestText, texts, code, previous, siteKey, toolchain };
}

export async function buildDocsSite(opts: BuildDocsOptions): Promise<DocsReport> {
  const t0 = performance.now();
  const log = opts.log ?? ((): void => {});
  const outDir = path.resolve(opts.outDir);
  const cacheDir = path.resolve(opts.cacheDir ?? path.join(path.dirname(outDir), '.cache', 'docs'));
  const finish = async (built: number, pages: string[], indexed: number): Promise<DocsReport> => {
    const report: DocsReport = { pagesBuilt: built, pagesSkipped: pages.length - built, pages, totalBytes: await treeSize(outDir), ms: Math.round(performance.now() - t0) };
    log(`docs: ${built} pages built, ${report.pagesSkipped} skipped (unchanged); ${indexed} operations indexed; site ${formatBytes(report.totalBytes)} in ${(report.ms / 1000).toFixed(1)} s → ${outDir}`);
    return report;
  };

  const inputs = await readInputs(opts, outDir, cacheDir);
  const { previous, texts } = inputs;
  const pageOf = (s: { service: string; version: string }): string => sitePaths.page(s.service, s.version);
  if (inputs.siteKey === previous.siteKey && (await filesIntact(outDir, previous.files))) {
    return finish(0, texts.map(pageOf).sort(), previous.indexed);
  }

  const pipeline = contentKey([inputs.toolchain, ...inputs.code.filter((c) => REDOC_PIPELINE.includes(c.rel)).flatMap((c) => [c.rel, c.content])]);
  const stamps = new Map(await Promise.all(texts.map(async (s) => [redocViewOf(s), await stampOf(path.join(outDir, redocViewOf(s)))] as const)));
  const scratchDir = path.join(cacheDir, 'raw');
  await mkdir(scratchDir, { recursive: true });
  const pool = new BuildDocsPool({ projectRoot: PROJECT_ROOT, scratchDir, concurrency: opts.concurrency ?? availableParallelism() });
  const { assets, redocVersion } = await readSiteAssets();
  const redoc = new RedocStage({ pool, template: TEMPLATE, pipeline, previous, stamps, bundleVersion: redocVersion });
  redoc.queueEarly(texts);

  const writer = new SiteWriter(outDir);
  const specs = await parseAll(texts);
  const model = buildPortalModel(specs, JSON.parse(inputs.manifestText) as PortalManifest);
  const index = buildSearchIndex(model);
  const changedPages = await writeStaticSite({ specs, model, index, assets, writer });
  const views = await redoc.finish(specs, servicesById(model), assets, writer);
  for (const rel of views.rendered) log(`docs: rendered ${rel} (${((performance.now() - t0) / 1000).toFixed(2)} s into the build)`);

  const ok = views.error === undefined;
  if (ok) await writer.removeStale(Object.keys(previous.files));
  // After a failure, remember the earlier files too (still to clean up) and no site key (so the next build works).
  const recorded = ok ? writer.files() : [...new Set([...writer.files(), ...Object.keys(previous.files)])];
  await saveBuildState(cacheDir, {
    format: 2,
    outDir,
    siteKey: ok ? inputs.siteKey : '',
    pipeline,
    pages: views.keys,
    specs: Object.fromEntries(Object.keys(views.keys).map((rel) => [rel, views.specKeys[rel] ?? ''])),
    files: await writer.stamps(recorded),
    indexed: index.entries.length,
  });
  if (!ok) throw views.error;
  const pages = specs.filter((s) => writer.has(pageOf(s))).map(pageOf).sort();
  const built = specs.filter((s) => changedPages.has(pageOf(s)) || views.rendered.includes(redocViewOf(s))).length;
  return finish(built, pages, index.entries.length);
}
