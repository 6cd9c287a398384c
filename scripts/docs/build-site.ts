/**
 * Builds the hosted docs site from specs/: one Redoc reference page per service and version (via
 * `redocly build-docs`, run concurrently, skipped when the spec, template and version bar are
 * unchanged and the page still exists), the portal home page, the search index, raw YAML/JSON spec
 * copies and the shared assets (one local Redoc bundle; no remote requests at view time).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { contentKey, loadBuildState, saveBuildState } from './build-cache.ts';
import { LATEST, type PortalManifest, type PortalService, buildPortalModel, sitePaths } from './portal-model.ts';
import { renderPortalPage } from './portal-page.ts';
import { bundleVersion, findRedocBundle, toClassicScript } from './redoc-bundle.ts';
import { redoclyVersion, runBuildDocs } from './redocly-runner.ts';
import { finishReferencePage } from './reference-page.ts';
import { buildSearchIndex } from './search-index.ts';
import { type SpecFile, readSpecsDir, specAsJson } from './spec-files.ts';
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
  concurrency?: number;
  log?: (line: string) => void;
}

const HERE = import.meta.dirname;
const PROJECT_ROOT = path.resolve(HERE, '../..');
const TEMPLATE = path.join(HERE, 'templates/reference.hbs');
/** Files copied verbatim into site/assets/. */
const STATIC_ASSETS = ['portal.css', 'portal.js', 'search-core.js', 'reference.css', 'favicon.svg'];
const BUNDLE_ASSET = 'assets/redoc.standalone.js';

interface PageJob {
  readonly rel: string;
  readonly spec: SpecFile;
  readonly service: PortalService;
  readonly bar: string;
  readonly key: string;
}

/** Run `fn` over `items` with at most `limit` in flight; rejects with the first error after all settle. */
async function pool<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const errors: unknown[] = [];
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      try {
        await fn(item);
      } catch (e) {
        errors.push(e);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (errors.length > 0) throw errors[0];
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

export async function buildDocsSite(opts: BuildDocsOptions): Promise<DocsReport> {
  const t0 = performance.now();
  const log = opts.log ?? ((): void => {});
  const outDir = path.resolve(opts.outDir);
  const cacheDir = path.resolve(opts.cacheDir ?? path.join(path.dirname(outDir), '.cache', 'docs'));
  const concurrency = opts.concurrency ?? availableParallelism();

  const manifest = JSON.parse(await readFile(opts.manifestPath, 'utf8')) as PortalManifest;
  const specs = await readSpecsDir(opts.specsDir);
  const model = buildPortalModel(specs, manifest);
  const index = buildSearchIndex(model);
  const services = new Map(model.categories.flatMap((c) => c.services).map((s) => [s.id, s]));

  const previous = await loadBuildState(cacheDir, outDir);
  const written = new Set<string>();
  const put = async (rel: string, content: string | Buffer): Promise<void> => {
    written.add(rel);
    await writeIfChanged(path.join(outDir, rel), content);
  };

  // Shared assets: the one local Redoc bundle plus the portal's own files.
  const bundleSource = await readFile(findRedocBundle(PROJECT_ROOT), 'utf8');
  const redocVersion = bundleVersion(bundleSource);
  await put(BUNDLE_ASSET, toClassicScript(bundleSource));
  for (const a of STATIC_ASSETS) await put(`assets/${a}`, await readFile(path.join(HERE, 'assets', a)));

  // Raw specs, downloadable as YAML (verbatim) and JSON.
  for (const spec of specs) {
    await put(sitePaths.spec(spec.service, spec.version, 'yaml'), spec.text);
    await put(sitePaths.spec(spec.service, spec.version, 'json'), specAsJson(spec));
  }

  // Reference pages: key = spec + template + page pipeline + version bar + toolchain versions.
  const pipeline = [
    await readFile(TEMPLATE, 'utf8'),
    await readFile(path.join(HERE, 'reference-page.ts'), 'utf8'),
    redoclyVersion(PROJECT_ROOT),
    redocVersion ?? '',
    BUNDLE_ASSET,
  ];
  const jobs: PageJob[] = [];
  const pages: string[] = [];
  let skipped = 0;
  for (const spec of specs) {
    const service = services.get(spec.service);
    if (!service) continue;
    const rel = sitePaths.page(spec.service, spec.version);
    const bar = renderVersionBar(service, spec.version);
    const key = contentKey([spec.text, ...pipeline, bar]);
    pages.push(rel);
    written.add(rel);
    if (previous.pages[rel] === key && existsSync(path.join(outDir, rel))) skipped++;
    else jobs.push({ rel, spec, service, bar, key });
  }
  const keys: Record<string, string> = {};
  for (const rel of pages) if (!jobs.some((j) => j.rel === rel)) keys[rel] = previous.pages[rel] as string;

  const scratch = path.join(cacheDir, 'raw');
  await mkdir(scratch, { recursive: true });
  await pool(jobs, concurrency, async (job) => {
    const t = performance.now();
    const raw = path.join(scratch, `${job.spec.service}@${job.spec.version}.${process.pid}.html`);
    await runBuildDocs({
      projectRoot: PROJECT_ROOT,
      spec: job.spec.file,
      output: raw,
      template: TEMPLATE,
      title: `${job.service.title} API ${job.spec.version === LATEST ? '(latest)' : job.spec.version} · SCP API Reference`,
    });
    const finished = finishReferencePage(await readFile(raw, 'utf8'), { bundleHref: `../${BUNDLE_ASSET}`, versionBar: job.bar });
    await rm(raw, { force: true });
    if (redocVersion && finished.redocVersion !== redocVersion) {
      throw new Error(`${job.rel}: prerendered with Redoc ${finished.redocVersion} but the local bundle is ${redocVersion}`);
    }
    await writeIfChanged(path.join(outDir, job.rel), finished.html);
    keys[job.rel] = job.key;
    log(`docs: rendered ${job.rel} (${((performance.now() - t) / 1000).toFixed(2)} s)`);
  });

  await put('search-index.json', `${JSON.stringify(index, null, 1)}\n`);
  await put('index.html', renderPortalPage(model, index));

  // Files an earlier build wrote that this one did not (e.g. a removed spec version).
  for (const rel of previous.files) {
    if (written.has(rel)) continue;
    await rm(path.join(outDir, rel), { force: true });
    await rmdir(path.dirname(path.join(outDir, rel))).catch(() => undefined); // only succeeds once empty
  }
  await saveBuildState(cacheDir, { format: 1, outDir, pages: keys, files: [...written].sort() });

  const report: DocsReport = {
    pagesBuilt: jobs.length,
    pagesSkipped: skipped,
    totalBytes: await treeSize(outDir),
    ms: Math.round(performance.now() - t0),
    pages: pages.sort(),
  };
  log(
    `docs: ${report.pagesBuilt} pages built, ${report.pagesSkipped} skipped (unchanged); ${index.entries.length} operations indexed; ` +
      `site ${formatBytes(report.totalBytes)} in ${(report.ms / 1000).toFixed(1)} s → ${outDir}`,
  );
  return report;
}
