/**
 * Builds the hosted docs site from specs/: one Redoc reference page per service and version
 * (rendered by build-docs' own handler in worker threads, see redoc-renderer.ts; a page is rendered
 * again only when its spec, title, template, renderer or version bar changed or its file did), the
 * portal home page, the search index, raw YAML/JSON spec copies and the shared assets (one local
 * Redoc bundle; no remote requests at view time).
 *
 * A build whose inputs (spec texts, manifest, the docs code and assets, the CLI version) all match
 * the last build's, with every file it wrote untouched since, returns at once without parsing a spec
 * or loading the renderer.
 */
import { mkdir, readFile, readdir, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { type BuildState, type FileStamp, contentKey, loadBuildState, sameStamp, saveBuildState, stampOf } from './build-cache.ts';
import { readCodeInputs } from './code-inputs.ts';
import { LATEST, type PortalManifest, type PortalModel, type PortalService, buildPortalModel, sitePaths } from './portal-model.ts';
import { renderPortalPage } from './portal-page.ts';
import { bundleVersion, findRedocBundle, toClassicScript } from './redoc-bundle.ts';
import { PageRenderers } from './redoc-renderer.ts';
import { redoclyVersion } from './redocly-runner.ts';
import { TITLE_PLACEHOLDER, finishReferencePage } from './reference-page.ts';
import { type SearchIndex, buildSearchIndex } from './search-index.ts';
import { type SpecFile, type SpecText, parseSpecText, readSpecTexts, specAsJson } from './spec-files.ts';
import { renderVersionBar } from './version-bar.ts';

export interface DocsReport {
  pagesBuilt: number;
  pagesSkipped: number;
  totalBytes: number;
  ms: number;
  pages: string[];
}

export interface BuildDocsOptions {
  specsDir: string;
  outDir: string;
  manifestPath: string;
  cacheDir?: string;
  /** Render threads (default: available parallelism). */
  concurrency?: number;
  log?: (line: string) => void;
}

const HERE = import.meta.dirname;
const PROJECT_ROOT = path.resolve(HERE, '../..');
const TEMPLATE = path.join(HERE, 'templates/reference.hbs');
/** Files copied verbatim into site/assets/. */
const STATIC_ASSETS = ['portal.css', 'portal.js', 'search-core.js', 'reference.css', 'favicon.svg'];
const BUNDLE_ASSET = 'assets/redoc.standalone.js';
/** Files (relative to HERE) a rendered page depends on besides its spec, title, bar, bundle path and the CLI version. */
const PAGE_PIPELINE = ['templates/reference.hbs', 'reference-page.ts', 'redoc-renderer.ts', 'redoc-render-worker.mjs'];

/** Record a site file and write it if its content changed. */
type Put = (rel: string, content: string | Buffer) => Promise<void>;

interface PageJob {
  readonly rel: string;
  readonly spec: SpecFile;
  readonly service: PortalService;
  readonly bar: string;
  readonly key: string;
}

/** Write only when the content differs, so unchanged files keep their mtime. */
async function writeIfChanged(file: string, content: string | Buffer): Promise<void> {
  try {
    const old = await readFile(file);
    if (old.equals(typeof content === 'string' ? Buffer.from(content) : content)) return;
  } catch {
    // missing: write it
  }
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
}

async function treeSize(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
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

function pageTitle(serviceTitle: string, version: string): string {
  return `${serviceTitle} API ${version === LATEST ? '(latest)' : version} · SCP API Reference`;
}

/** Everything but the reference pages: shared assets, raw specs (YAML verbatim and JSON), search index, portal. */
async function writeOtherFiles(put: Put, bundle: string, specs: readonly SpecFile[], model: PortalModel, index: SearchIndex): Promise<void> {
  await put(BUNDLE_ASSET, bundle);
  for (const a of STATIC_ASSETS) await put(`assets/${a}`, await readFile(path.join(HERE, 'assets', a)));
  for (const spec of specs) {
    await put(sitePaths.spec(spec.service, spec.version, 'yaml'), spec.text);
    await put(sitePaths.spec(spec.service, spec.version, 'json'), specAsJson(spec));
  }
  await put('search-index.json', `${JSON.stringify(index, null, 1)}\n`);
  await put('index.html', renderPortalPage(model, index));
}

async function stampsOf(outDir: string, rels: readonly string[]): Promise<Record<string, FileStamp>> {
  const files: Record<string, FileStamp> = {};
  const stamps = await Promise.all(rels.map((rel) => stampOf(path.join(outDir, rel))));
  rels.forEach((rel, i) => {
    const s = stamps[i];
    if (s) files[rel] = s;
  });
  return files;
}

function bySizeDesc(a: SpecText, b: SpecText): number {
  return b.text.length - a.text.length;
}

export async function buildDocsSite(opts: BuildDocsOptions): Promise<DocsReport> {
  const t0 = performance.now();
  const log = opts.log ?? ((): void => {});
  const outDir = path.resolve(opts.outDir);
  const cacheDir = path.resolve(opts.cacheDir ?? path.join(path.dirname(outDir), '.cache', 'docs'));
  const threads = Math.max(1, opts.concurrency ?? availableParallelism());
  const finish = async (r: Omit<DocsReport, 'totalBytes' | 'ms'>, indexed: number): Promise<DocsReport> => {
    const report: DocsReport = { ...r, totalBytes: await treeSize(outDir), ms: Math.round(performance.now() - t0) };
    log(
      `docs: ${report.pagesBuilt} pages built, ${report.pagesSkipped} skipped (unchanged); ${indexed} operations indexed; ` +
        `site ${formatBytes(report.totalBytes)} in ${(report.ms / 1000).toFixed(1)} s → ${outDir}`,
    );
    return report;
  };

  // Everything the site depends on, as read from disk (no parsing yet).
  const [manifestText, texts, code, previous] = await Promise.all([
    readFile(opts.manifestPath, 'utf8'),
    readSpecTexts(opts.specsDir),
    readCodeInputs(HERE),
    loadBuildState(cacheDir, outDir),
  ]);
  const toolchain = redoclyVersion(PROJECT_ROOT);
  const specRel = (s: SpecText): string => path.relative(opts.specsDir, s.file);
  const siteKey = contentKey([manifestText, toolchain, ...code.flatMap((c) => [c.rel, c.content]), ...texts.flatMap((s) => [specRel(s), s.text])]);
  if (siteKey === previous.siteKey && (await filesIntact(outDir, previous.files))) {
    const pages = Object.keys(previous.pages).sort();
    return finish({ pagesBuilt: 0, pagesSkipped: pages.length, pages }, previous.indexed);
  }

  const pipeline = contentKey([toolchain, BUNDLE_ASSET, ...code.filter((c) => PAGE_PIPELINE.includes(c.rel)).flatMap((c) => [c.rel, c.content])]);
  const manifest = JSON.parse(manifestText) as PortalManifest;
  const pageOf = (s: SpecText): string => sitePaths.page(s.service, s.version);
  const pageStamps = new Map(await Promise.all(texts.map(async (s) => [pageOf(s), await stampOf(path.join(outDir, pageOf(s)))] as const)));
  const scratchDir = path.join(cacheDir, 'raw');
  await mkdir(scratchDir, { recursive: true });
  const renderers = new PageRenderers({ projectRoot: PROJECT_ROOT, scratchDir, threads });
  // Pages are rendered with a placeholder title (the real one needs every spec parsed) and finished
  // with the title, bar and local bundle on this thread.
  const render = (s: SpecText): Promise<string> => renderers.render({ spec: path.resolve(s.file), template: TEMPLATE, title: TITLE_PLACEHOLDER });

  // Pages rendered whatever their titles and version bars say (spec, renderer or page file
  // changed) are queued now, biggest first: the workers load the renderer and render while this
  // thread parses the specs. The rest is decided once titles and bars are known.
  const early = new Map<string, Promise<string>>();
  for (const s of [...texts].sort(bySizeDesc)) {
    const rel = pageOf(s);
    const changed = previous.pipeline !== pipeline || previous.specs[rel] !== contentKey([s.text]) || !sameStamp(previous.files[rel], pageStamps.get(rel));
    if (!changed) continue;
    const html = render(s);
    html.catch(() => undefined); // awaited below; this only stops an early failure counting as unhandled
    early.set(rel, html);
  }

  const written = new Set<string>();
  let indexed = 0;
  const keys: Record<string, string> = {};
  const specKeys: Record<string, string> = {};
  let ok = false;
  try {
    // One spec at a time, letting the event loop run in between: the workers get their next page
    // from this thread, and would sit idle through one long parse.
    const specs: SpecFile[] = [];
    for (const t of texts) {
      specs.push(parseSpecText(t));
      await yieldToEventLoop();
    }
    const model = buildPortalModel(specs, manifest);
    const index = buildSearchIndex(model);
    indexed = index.entries.length;
    const services = new Map(model.categories.flatMap((c) => c.services).map((s) => [s.id, s]));
    const put: Put = async (rel, content) => {
      written.add(rel);
      await writeIfChanged(path.join(outDir, rel), content);
    };

    // Reference pages: key = spec + title + page pipeline + version bar.
    const jobs: PageJob[] = [];
    const pages: string[] = [];
    for (const spec of [...specs].sort(bySizeDesc)) {
      const service = services.get(spec.service);
      if (!service) continue;
      const rel = pageOf(spec);
      const bar = renderVersionBar(service, spec.version);
      const key = contentKey([spec.text, pageTitle(service.title, spec.version), pipeline, bar]);
      pages.push(rel);
      written.add(rel);
      specKeys[rel] = contentKey([spec.text]);
      if (early.has(rel) || previous.pages[rel] !== key || !sameStamp(previous.files[rel], pageStamps.get(rel))) jobs.push({ rel, spec, service, bar, key });
      else keys[rel] = key;
    }

    const bundleSource = await readFile(findRedocBundle(PROJECT_ROOT), 'utf8');
    const redocVersion = bundleVersion(bundleSource);
    const rendered = Promise.allSettled(
      jobs.map(async (job) => {
        const raw = await (early.get(job.rel) ?? render(job.spec));
        const title = pageTitle(job.service.title, job.spec.version);
        const done = finishReferencePage(raw, { bundleHref: `../${BUNDLE_ASSET}`, versionBar: job.bar, title });
        if (redocVersion && done.redocVersion !== redocVersion) {
          throw new Error(`${job.rel}: prerendered with Redoc ${done.redocVersion} but the local bundle is ${redocVersion}`);
        }
        await writeIfChanged(path.join(outDir, job.rel), done.html);
        keys[job.rel] = job.key;
        log(`docs: rendered ${job.rel} (${((performance.now() - t0) / 1000).toFixed(2)} s into the build)`);
      }),
    );

    await writeOtherFiles(put, toClassicScript(bundleSource), specs, model, index); // while the workers render

    const failure = (await rendered).find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;

    // Files an earlier build wrote that this one did not (e.g. a removed spec version).
    for (const rel of Object.keys(previous.files)) {
      if (written.has(rel)) continue;
      await rm(path.join(outDir, rel), { force: true });
      await rmdir(path.dirname(path.join(outDir, rel))).catch(() => undefined); // only succeeds once empty
    }
    ok = true;
    return await finish({ pagesBuilt: jobs.length, pagesSkipped: pages.length - jobs.length, pages: pages.sort() }, index.entries.length);
  } finally {
    await renderers.close();
    // After a failure, keep what did succeed and remember the earlier files (still to clean up).
    const files = await stampsOf(outDir, ok ? [...written] : [...new Set([...written, ...Object.keys(previous.files)])]);
    await saveBuildState(cacheDir, {
      format: 2,
      outDir,
      siteKey: ok ? siteKey : '',
      pipeline,
      pages: keys,
      // Only for pages whose key is recorded: a page with a spec key is one rendered from that text.
      specs: Object.fromEntries(Object.keys(keys).map((rel) => [rel, specKeys[rel] ?? ''])),
      files,
      indexed,
    });
  }
}
