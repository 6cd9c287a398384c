/**
 * The docs portal in headless Chromium, as a reader meets it: build the site from specs/ (the
 * fixture specs when the build has not produced any), serve it with docs:serve's server, and
 * - with JavaScript off, read a data-flow 1.1 operation: its summary, Scp-Api-Version value and a
 *   createScpClient sample;
 * - with JavaScript on, search the portal (`생성` lists operations), follow a result, switch versions,
 *   open a Redoc view, and use the site from file://;
 * - run axe-core: no critical or serious violation on the portal with search results open, nor on a
 *   reference page;
 * - measure and report the first-operation time and the bytes per page and per version switch,
 *   unthrottled and under the slow profile (targets are in `npm run bench`, not asserted here).
 * Every page must load without console errors and without a single request leaving localhost.
 * Screenshots and figures go to test-results/portal/.
 *
 * Needs Debian's chromium at /usr/bin/chromium; without it the test is skipped locally, never in CI.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as cheerio from 'cheerio';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickPages } from '../../scripts/docs/bench-portal.ts';
import { type DocsReport, buildDocsSite } from '../../scripts/docs/build-site.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH, FAST_PROFILE, SLOW_PROFILE, type SiteFigures, describeFigures, measureSite } from '../../scripts/docs/measure-page.ts';
import type { SearchEntry, SearchIndex } from '../../scripts/docs/search-index.ts';
import { type DocsServer, serveDocs } from '../../scripts/docs/serve.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const REAL_SPECS = path.join(ROOT, 'specs');
const HAS_REAL = existsSync(path.join(REAL_SPECS, 'data-flow', '1.1.yaml'));
const SPECS = HAS_REAL ? REAL_SPECS : path.join(ROOT, 'test/fixtures/docs-specs');
/** A word of the Korean field descriptions of the real specs (the fixtures are English only). */
const KOREAN_QUERY = HAS_REAL ? '생성' : 'data';
const SHOTS = path.join(ROOT, 'test-results', 'portal');
const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const canRun = existsSync(CHROMIUM_PATH) || Boolean(process.env.CI);
if (!canRun) console.warn(`[portal e2e] skipped: ${CHROMIUM_PATH} not found (install Debian's chromium; in CI this test always runs)`);

/** Requests and console problems seen by any page of the context. */
interface Watch {
  external: string[];
  errors: string[];
}

function watch(context: BrowserContext): Watch {
  const w: Watch = { external: [], errors: [] };
  context.on('request', (req) => {
    const url = new URL(req.url());
    if (['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol) && !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) w.external.push(req.url());
  });
  context.on('page', (page) => {
    page.on('console', (m) => {
      if (m.type() === 'error') w.errors.push(`${page.url()}: console.error ${m.text()}`);
    });
    page.on('pageerror', (e) => w.errors.push(`${page.url()}: ${e.message}`));
    page.on('requestfailed', (r) => {
      // Navigating away aborts in-flight loads; that is not a failure.
      if (r.failure()?.errorText !== 'net::ERR_ABORTED') w.errors.push(`${page.url()}: request failed ${r.url()} (${r.failure()?.errorText})`);
    });
  });
  return w;
}

function expectClean(w: Watch): void {
  expect(w.errors).toEqual([]);
  expect(w.external).toEqual([]);
  w.errors.length = 0;
}

async function visibleText(page: Page, selector: string): Promise<string> {
  const loc = page.locator(selector).first();
  await loc.waitFor({ state: 'visible', timeout: 15_000 });
  return (await loc.innerText()).trim();
}

interface AxeViolation {
  id: string;
  impact?: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core's critical and serious violations on the page as it is now. Sections the page lets the
 * browser skip rendering while off-screen (`content-visibility: auto`) are rendered first: axe reads
 * colours from rendered boxes and would otherwise judge contrast on boxes that were never painted.
 */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addStyleTag({ content: '* { content-visibility: visible !important; }' });
  await page.addScriptTag({ content: await readFile(AXE_SOURCE, 'utf8') });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * Open a Redoc tag route and return the operation routes Redoc links once the tag's group is
 * expanded in its sidebar (operations render lazily, so links are the reliable inventory). Waits
 * until every expected route is linked, or gives up after a while and returns what is there.
 */
async function linkedRoutes(page: Page, tagRoute: string, expected: readonly string[]): Promise<Set<string>> {
  await page.evaluate((r) => {
    location.hash = r;
  }, tagRoute);
  const linked = (): string[] => Array.from(document.querySelectorAll('a[href^="#/"]'), (a) => (a.getAttribute('href') ?? '').slice(1).split('#')[0] ?? '');
  await page.waitForFunction((want) => want.every((r) => new Set(Array.from(document.querySelectorAll('a[href^="#/"]'), (a) => (a.getAttribute('href') ?? '').slice(1).split('#')[0])).has(r)), expected, { timeout: 15_000 }).catch(() => undefined);
  return new Set(await page.evaluate(linked));
}

const OPTION = '#search-results [role="option"]';

/** Open `url` (the portal), type `query` into the search and wait for the first result. */
async function search(page: Page, url: string, query: string): Promise<void> {
  await page.goto(url);
  await page.fill('#search', query);
  await page.locator(OPTION).first().waitFor({ state: 'visible' });
}

function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
}

describe.skipIf(!canRun)(`docs portal in Chromium (site built from ${path.relative(ROOT, SPECS)})`, () => {
  let work: string;
  let site: string;
  let report: DocsReport;
  let server: DocsServer;
  let browser: Browser;
  let context: BrowserContext;
  let w: Watch;
  let index: SearchIndex;

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'scp-portal-e2e-'));
    site = path.join(work, 'site');
    report = await buildDocsSite({ specsDir: SPECS, outDir: site, manifestPath: path.join(ROOT, 'sources', 'manifest.json') });
    index = JSON.parse(await readFile(path.join(site, 'search-index.json'), 'utf8')) as SearchIndex;
    server = await serveDocs({ siteDir: site, port: 0 });
    await mkdir(SHOTS, { recursive: true });
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1440, height: 960 } });
    w = watch(context);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('built a reference page per spec, all of them', () => {
    expect(report.pages.length).toBeGreaterThan(0);
    expect(report.pagesBuilt).toBe(report.pages.length);
    for (const p of report.pages) expect(existsSync(path.join(site, p)), p).toBe(true);
  });

  it('with JavaScript off, shows a data-flow 1.1 operation with its summary, version header value and a createScpClient sample', async () => {
    const off = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const offWatch = watch(off);
    const entry = index.entries.find((e) => e.service === 'data-flow' && e.version === '1.1' && e.method === 'GET' && e.path.includes('{'));
    if (!entry) throw new Error('no data-flow 1.1 GET operation with a path parameter');
    const page = await off.newPage();
    await page.goto(new URL(entry.href, server.url).href);
    const section = `[id="${entry.href.split('#')[1]}"]`;
    expect(await visibleText(page, `${section} h3`)).toBe(entry.summary);
    expect(await visibleText(page, `${section} .version-value`)).toBe('data-flow 1.1');
    const sample = await visibleText(page, `${section} code.language-ts`);
    expect(sample).toContain("createScpClient('data-flow', '1.1'");
    expect(sample).toContain(`client.GET('${entry.path}'`);
    await page.screenshot({ path: path.join(SHOTS, '01-reference-no-js.png') });
    // The portal lists every service without JavaScript too.
    await page.goto(server.url);
    expect(await page.locator('.card').count()).toBe(new Set(index.entries.map((e) => e.service)).size);
    await off.close();
    expectClean(offWatch);
  }, 120_000);

  it(`with JavaScript on, portal search for ${KOREAN_QUERY} lists operations in an accessible combobox (axe: no critical or serious violation)`, async () => {
    const page = await context.newPage();
    await search(page, server.url, KOREAN_QUERY);
    const shown = await page.locator(OPTION).count();
    expect(shown).toBeGreaterThan(0);
    expect(await page.getAttribute('#search', 'aria-expanded')).toBe('true');
    expect(await visibleText(page, '#search-count')).toMatch(/^\d+ operations? found\.$|^Showing \d+ of \d+ operations\./);
    await page.keyboard.press('ArrowDown');
    expect(await page.getAttribute('#search', 'aria-activedescendant')).toBe('search-option-0');
    await page.screenshot({ path: path.join(SHOTS, '02-search-korean.png') });
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
    expectClean(w);
  }, 120_000);

  it('shows the true number of matches and all of them on request', async () => {
    const page = await context.newPage();
    // "e" occurs in most operation names, paths or methods (GET, DELETE): far more matches than the first 30.
    await search(page, server.url, 'e');
    const count = await visibleText(page, '#search-count');
    const total = Number(/^Showing 30 of (\d+) operations\./.exec(count)?.[1]);
    expect(total, count).toBeGreaterThan(30);
    expect(await page.locator(OPTION).count()).toBe(30);
    await page.click('#search-count .show-all');
    expect(await page.locator(OPTION).count()).toBe(total);
    await page.close();
    expectClean(w);
  }, 120_000);

  it('follows a search result to its operation, switches version keeping it, and passes axe on the reference page', async () => {
    const page = await context.newPage();
    const entry = index.entries.find((e) => e.service === 'data-flow' && e.isDefault && e.operationId.toLowerCase() === 'listdataflows');
    if (!entry) throw new Error('search index has no default data-flow listDataFlows');
    await search(page, server.url, 'listdataflows');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.href === new URL(entry.href, server.url).href);
    expect(await visibleText(page, `[id="${entry.href.split('#')[1]}"] h3`)).toBe(entry.summary);
    await page.screenshot({ path: path.join(SHOTS, '03-operation.png') });
    expect(await seriousViolations(page)).toEqual([]);

    const other = index.entries.find((e) => e.service === 'data-flow' && e.operationId === entry.operationId && e.version !== entry.version);
    if (!other) throw new Error('listDataFlows exists in only one data-flow version');
    await page.locator(`.scp-bar a.scp-version[href="${other.version}.html"]`).click();
    await page.waitForURL((u) => u.href === new URL(other.href, server.url).href);
    expect(await visibleText(page, '.scp-bar [aria-current="page"]')).toContain(other.version);
    expect(await visibleText(page, `[id="${other.href.split('#')[1]}"] h3`)).toBe(other.summary);
    await page.screenshot({ path: path.join(SHOTS, '04-version-switch.png') });
    await page.close();
    expectClean(w);
  }, 120_000);

  it('links every search result to an operation its page has, and a Redoc view links the operation routes the bar computes', async () => {
    const missing: string[] = [];
    const pages = new Map<string, SearchEntry[]>();
    for (const e of index.entries) pages.set(e.href.split('#')[0] ?? '', [...(pages.get(e.href.split('#')[0] ?? '') ?? []), e]);
    for (const [file, entries] of pages) {
      const $ = cheerio.load(await readFile(path.join(site, file), 'utf8'));
      for (const e of entries) if ($(`[id="${e.href.split('#')[1]}"][data-operation]`).length !== 1) missing.push(e.href);
    }
    expect(missing).toEqual([]);
    const page = await context.newPage();
    const entry = index.entries.find((e) => e.service === 'data-flow' && e.isDefault);
    if (!entry) throw new Error('no default data-flow entry');
    await page.goto(new URL(`${entry.href.split('#')[0]?.replace(/\.html$/, '.redoc.html')}`, server.url).href);
    // The routes our bar computes for this view (redoc-anchor.ts) must be the ones Redoc links.
    const routes = JSON.parse((await page.getAttribute('.scp-bar [aria-current="page"]', 'data-keep')) ?? '[]') as string[];
    const byTag = new Map<string, string[]>();
    for (const r of routes.filter((x) => x.split('/').length > 2)) byTag.set(r.replace(/\/[^/]*$/, ''), [...(byTag.get(r.replace(/\/[^/]*$/, '')) ?? []), r]);
    expect(byTag.size).toBeGreaterThan(0);
    const unlinked: string[] = [];
    for (const [tag, want] of byTag) {
      const seen = await linkedRoutes(page, tag, want);
      unlinked.push(...want.filter((r) => !seen.has(r)));
    }
    expect(unlinked).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, '05-redoc-view.png') });
    await page.close();
    expectClean(w);
  }, 180_000);

  it('works from file:// (search index script, relative links)', async () => {
    const page = await context.newPage();
    await search(page, pathToFileURL(path.join(site, 'index.html')).href, 'listdataflows');
    const first = page.locator(OPTION).first();
    const href = (await first.getAttribute('data-href')) ?? '';
    await first.click();
    await page.waitForURL((u) => u.protocol === 'file:' && u.href.endsWith(href));
    await page.locator(`[id="${href.split('#')[1]}"]`).waitFor({ state: 'visible' });
    await page.screenshot({ path: path.join(SHOTS, '06-file-protocol.png') });
    await page.close();
    expectClean(w);
  }, 120_000);

  it('measures the heavy page: first operation visible and bytes per page and per version switch (reported)', async () => {
    const urls = await pickPages(site, SPECS, server.url);
    const figures: SiteFigures[] = [];
    for (const profile of [FAST_PROFILE, SLOW_PROFILE]) figures.push(await measureSite(browser, urls, profile));
    console.log(['[portal e2e] figures (targets in npm run bench):', ...figures.flatMap(describeFigures)].join('\n'));
    await writeFile(path.join(SHOTS, 'figures.json'), `${JSON.stringify({ urls, figures }, null, 1)}\n`);
    for (const f of figures) {
      expect(f.heavyPage.firstOperationMs, f.profile).toBeGreaterThan(0);
      // Compressed pages, and the hashed assets come from the browser cache on the next page.
      expect(f.heavyPage.transferBytes).toBeLessThan((await readFile(new URL(urls.heavy).pathname.replace(/^\//, `${site}/`))).length);
      expect(Object.keys(f.versionSwitch.byResource).filter((r) => r.startsWith('/assets/') && (f.versionSwitch.byResource[r] ?? 0) > 0)).toEqual([]);
    }
  }, 600_000);
});
