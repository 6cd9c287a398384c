/**
 * Portal benchmark: builds specs/ into a temp directory (timed; or takes a built site with --site),
 * serves it with docs:serve's server and measures it in Chromium, unthrottled and under the slow
 * profile (4× CPU, DevTools Fast 3G): time until the heavy reference page shows its first
 * operation, and the bytes of a cold visit, a version switch and another service's page (medians of
 * several runs). Prints the figures next to the target of issue 10 (first operation ≤ 1 s under the
 * slow profile). Part of `npm run bench` (section `portal`).
 *
 *   npx tsx scripts/docs/bench-portal.ts [--site dir] [--runs n]
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type Browser, chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, FAST_PROFILE, MeasuredTab, SLOW_PROFILE, type SiteFigures, type SiteUrls, describeFigures, measureSite, median, medianFigures } from './measure-page.ts';
import { serveDocs } from './serve.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const SLOW_TARGET_MS = 1000;

interface IndexEntry {
  readonly service: string;
  readonly version: string;
  readonly operationId: string;
  readonly href: string;
}

/**
 * The reference pages to visit, each at an operation as the portal search links it: the first
 * operation of the biggest numbered-version spec, the same operation in a sibling version (what the
 * version bar does), and the first operation of another service.
 */
export async function pickPages(siteDir: string, specsDir: string, base: string): Promise<SiteUrls> {
  const { entries } = JSON.parse(await readFile(path.join(siteDir, 'search-index.json'), 'utf8')) as { entries: IndexEntry[] };
  const sizes = new Map<string, number>();
  for (const e of entries) {
    const key = `${e.service}/${e.version}`;
    if (!sizes.has(key)) sizes.set(key, (await stat(path.join(specsDir, e.service, `${e.version}.yaml`))).size);
  }
  const heavyKey = [...sizes].sort((a, b) => b[1] - a[1])[0]?.[0];
  const heavy = entries.find((e) => `${e.service}/${e.version}` === heavyKey);
  if (!heavy) throw new Error(`${siteDir}: the search index lists no operation`);
  const sibling = entries.find((e) => e.service === heavy.service && e.version !== heavy.version && e.operationId === heavy.operationId) ?? heavy;
  const other = entries.find((e) => e.service !== heavy.service) ?? heavy;
  const url = (e: IndexEntry): string => new URL(e.href, base).href;
  return { heavy: url(heavy), sibling: url(sibling), other: url(other) };
}

/**
 * First contentful paint of a one-line page with no subresources, served the same way, under the
 * slow profile (median of `runs`): the floor this machine sets (request latency, navigation start-up,
 * CPU load), against which the heavy page's figure can be read.
 */
async function controlPaint(browser: Browser, runs: number): Promise<number | undefined> {
  const dir = await mkdtemp(path.join(tmpdir(), 'scp-bench-control-'));
  await writeFile(path.join(dir, 'index.html'), '<!DOCTYPE html><html lang="en"><title>Control</title><h1>Control page</h1></html>\n');
  const server = await serveDocs({ siteDir: dir, port: 0 });
  const times: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const tab = await MeasuredTab.open(context, SLOW_PROFILE);
      const v = await tab.visit(server.url, { operation: false });
      if (v.firstContentfulPaintMs !== undefined) times.push(v.firstContentfulPaintMs);
      await context.close();
    }
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
  return median(times);
}

export interface PortalFigures {
  readonly figures: SiteFigures[];
  /** FCP of a one-line page under the slow profile (the machine's floor). */
  readonly controlMs?: number;
}

/** Median figures per profile over `runs` runs (each a fresh browser context, so a cold cache). */
export async function benchPortal(siteDir: string, specsDir: string, runs = 3): Promise<PortalFigures> {
  const server = await serveDocs({ siteDir, port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  try {
    const urls = await pickPages(siteDir, specsDir, server.url);
    const figures: SiteFigures[] = [];
    for (const profile of [FAST_PROFILE, SLOW_PROFILE]) {
      const all: SiteFigures[] = [];
      for (let i = 0; i < runs; i++) all.push(await measureSite(browser, urls, profile));
      figures.push(medianFigures(all));
    }
    return { figures, controlMs: await controlPaint(browser, runs) };
  } finally {
    await browser.close();
    await server.close();
  }
}

export interface PortalBenchOptions {
  /** A built site to measure; default: a fresh cold build of specs/ into a temp directory (also timed). */
  readonly site?: string;
  readonly runs?: number;
  readonly log?: (line: string) => void;
}

/** `npm run bench -- portal`: the cold docs build time, then the browser figures against the targets. */
export async function runPortalBench(root: string, opts: PortalBenchOptions = {}): Promise<void> {
  const log = opts.log ?? ((l: string): void => console.log(l));
  if (!existsSync(CHROMIUM_PATH)) {
    log(`portal: skipped (${CHROMIUM_PATH} not found; Debian's chromium package)`);
    return;
  }
  const specsDir = path.join(root, 'specs');
  let site = opts.site;
  const work = site ? undefined : await mkdtemp(path.join(tmpdir(), 'scp-bench-portal-'));
  try {
    if (work) {
      site = path.join(work, 'site');
      const { buildDocsSite } = await import('./build-site.ts');
      const r = await buildDocsSite({ specsDir, outDir: site, manifestPath: path.join(root, 'sources/manifest.json') });
      log(`docs build (cold, ${r.pages.length} specs, reference pages + Redoc views): ${(r.ms / 1000).toFixed(2)} s`);
    }
    const { figures, controlMs } = await benchPortal(site as string, specsDir, opts.runs ?? 3);
    log('portal in Chromium (JavaScript on), heavy page opened at its first operation:');
    for (const f of figures) for (const line of describeFigures(f)) log(line);
    if (controlMs !== undefined) log(`  control: a one-line page paints after ${(controlMs / 1000).toFixed(2)} s under the slow profile (this machine's floor)`);
    const slow = figures.find((f) => f.profile.startsWith(SLOW_PROFILE.name))?.heavyPage.firstOperationMs;
    log(`  target: first operation <= ${SLOW_TARGET_MS / 1000} s under the slow profile: ${slow !== undefined && slow <= SLOW_TARGET_MS ? 'met' : 'NOT met'}`);
  } finally {
    if (work) await rm(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { site: { type: 'string' }, runs: { type: 'string', default: '3' } } });
  await runPortalBench(ROOT, { site: values.site, runs: Number(values.runs) });
}
