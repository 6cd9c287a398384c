/**
 * The docs portal in headless Chromium: build the site from specs/ (the fixture specs when the build
 * has not produced any), serve it with serveDocs, search an operation, follow the result into the
 * rendered page, switch versions with the version bar, and open the site from file://. Every page
 * must load without console errors and without a single request leaving localhost. Screenshots go
 * to test-results/portal/.
 *
 * Needs Debian's chromium at /usr/bin/chromium; without it the test is skipped locally, never in CI.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type DocsReport, buildDocsSite } from '../../scripts/docs/build-site.ts';
import type { SearchEntry, SearchIndex } from '../../scripts/docs/search-index.ts';
import { type DocsServer, serveDocs } from '../../scripts/docs/serve.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CHROMIUM = '/usr/bin/chromium';
const REAL_SPECS = path.join(ROOT, 'specs');
const SPECS = existsSync(path.join(REAL_SPECS, 'data-flow', '1.1.yaml')) ? REAL_SPECS : path.join(ROOT, 'test/fixtures/docs-specs');
const SHOTS = path.join(ROOT, 'test-results', 'portal');
const SEARCH_FOR = 'ListDataFlows';

const canRun = existsSync(CHROMIUM) || Boolean(process.env.CI);
if (!canRun) console.warn(`[portal e2e] skipped: ${CHROMIUM} not found (install Debian's chromium; in CI this test always runs)`);

/** Requests and console problems seen by any page of the context. */
interface Watch {
  external: string[];
  errors: string[];
}

function watch(context: BrowserContext): Watch {
  const w: Watch = { external: [], errors: [] };
  context.on('request', (req) => {
    const url = new URL(req.url());
    if (['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol) && !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
      w.external.push(req.url());
    }
  });
  context.on('page', (page) => trackPage(page, w));
  return w;
}

function trackPage(page: Page, w: Watch): void {
  page.on('console', (m) => {
    if (m.type() === 'error') w.errors.push(`${page.url()}: console.error ${m.text()}`);
  });
  page.on('pageerror', (e) => w.errors.push(`${page.url()}: ${e.message}`));
  page.on('requestfailed', (r) => {
    // Navigating away aborts in-flight loads (e.g. Redoc's search worker blobs); that is not a failure.
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') w.errors.push(`${page.url()}: request failed ${r.url()} (${r.failure()?.errorText})`);
  });
}

/**
 * Open a tag route and return the operation routes Redoc links from the page once the tag's group
 * is expanded in its sidebar (operations render lazily, so links are the reliable inventory). Waits
 * until every expected route is linked, or gives up after a while and returns what is there.
 */
async function linkedRoutes(page: Page, tagRoute: string, expected: readonly string[]): Promise<Set<string>> {
  await page.evaluate((r) => {
    location.hash = r;
  }, tagRoute);
  const collect = (): Promise<string[]> =>
    page.$$eval('a[href^="#/"]', (as) => as.map((a) => (a.getAttribute('href') ?? '').slice(1).split('#')[0] ?? ''));
  await page
    .waitForFunction((want) => {
      const have = new Set(Array.from(document.querySelectorAll('a[href^="#/"]'), (a) => (a.getAttribute('href') ?? '').slice(1).split('#')[0]));
      return want.every((r) => have.has(r));
    }, expected, { timeout: 4_000 })
    .catch(() => undefined);
  return new Set(await collect());
}

function routeOf(href: string): string {
  return href.slice(href.indexOf('#') + 1);
}

async function visibleText(page: Page, selector: string): Promise<string> {
  const loc = page.locator(selector).first();
  await loc.waitFor({ state: 'visible', timeout: 15_000 });
  return (await loc.innerText()).trim();
}

interface SpecOperation {
  operationId?: string;
  parameters?: { name?: unknown; in?: unknown }[];
  'x-scp-supported-until'?: string;
}

/** An operation as the spec file has it (what Redoc must show). */
async function specOperation(specFile: string, operationId: string): Promise<SpecOperation> {
  const doc = parse(await readFile(specFile, 'utf8')) as { paths: Record<string, Record<string, SpecOperation>> };
  for (const item of Object.values(doc.paths)) {
    for (const op of Object.values(item)) if (op && typeof op === 'object' && op.operationId === operationId) return op;
  }
  throw new Error(`${specFile}: no operation ${operationId}`);
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
    report = await buildDocsSite({
      specsDir: SPECS,
      outDir: site,
      manifestPath: path.join(ROOT, 'sources', 'manifest.json'),
      cacheDir: path.join(work, 'cache'),
    });
    index = JSON.parse(await readFile(path.join(site, 'search-index.json'), 'utf8')) as SearchIndex;
    server = await serveDocs({ siteDir: site, port: 0 });
    await mkdir(SHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    context = await browser.newContext({ viewport: { width: 1440, height: 960 } });
    w = watch(context);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('built a page per spec, all of them', () => {
    expect(report.pages.length).toBeGreaterThan(0);
    expect(report.pagesBuilt).toBe(report.pages.length);
    for (const p of report.pages) expect(existsSync(path.join(site, p)), p).toBe(true);
  });

  it('finds an operation from the portal, opens it with its parameters, and switches version', async () => {
    const page = await context.newPage();
    await page.goto(server.url);
    const categories = await page.locator('.category-head h2').allInnerTexts();
    expect(categories).toContain('Data Analytics');
    await page.screenshot({ path: path.join(SHOTS, '01-portal.png'), fullPage: true });

    // The entry the search should surface: the default version of data-flow's ListDataFlows.
    const entry = index.entries.find((e) => e.service === 'data-flow' && e.isDefault && e.operationId.toLowerCase() === SEARCH_FOR.toLowerCase());
    if (!entry) throw new Error(`search index has no default data-flow ${SEARCH_FOR}`);

    await page.fill('#search', SEARCH_FOR);
    expect(await visibleText(page, '#search-results .result .result-id')).toBe(entry.operationId);
    await page.screenshot({ path: path.join(SHOTS, '02-search.png') });

    await page.locator('#search-results a.result-main').first().click();
    await page.waitForURL((u) => u.href === new URL(entry.href, server.url).href);
    const section = `[data-section-id="${routeOf(entry.href)}"]`;
    expect(await visibleText(page, `${section} h2`)).toBe(entry.summary || entry.operationId);
    const op = await specOperation(path.join(SPECS, 'data-flow', `${entry.version}.yaml`), entry.operationId);
    const names = (op.parameters ?? []).filter((p) => p.in === 'query' || p.in === 'path').map((p) => String(p.name));
    expect(names.length).toBeGreaterThan(0);
    const shown = await page.locator(section).first().innerText();
    for (const name of names) expect(shown.split('\n').map((l) => l.trim()), `parameter ${name}`).toContain(name);
    await page.screenshot({ path: path.join(SHOTS, '03-operation.png') });

    // Switch to another version with the bar; the same operation stays in view.
    const other = index.entries.find((e) => e.service === 'data-flow' && e.operationId === entry.operationId && e.version !== entry.version);
    if (!other) throw new Error(`${SEARCH_FOR} exists in only one data-flow version`);
    await page.locator(`.scp-bar a.scp-version[href="${other.version}.html"]`).click();
    await page.waitForURL((u) => u.href === new URL(other.href, server.url).href);
    expect(await visibleText(page, '.scp-bar [aria-current="page"]')).toContain(other.version);
    expect(await visibleText(page, `[data-section-id="${routeOf(other.href)}"] h2`)).toBe(other.summary || other.operationId);
    const until = (await specOperation(path.join(SPECS, 'data-flow', `${other.version}.yaml`), other.operationId))['x-scp-supported-until'];
    if (until) expect(await visibleText(page, '.scp-bar .support-date')).toContain(until);
    await page.screenshot({ path: path.join(SHOTS, '04-version-switch.png') });

    await page.close();
    expect(w.errors).toEqual([]);
    expect(w.external).toEqual([]);
  }, 180_000);

  it('every search result lands on an operation Redoc rendered, on every page, offline', async () => {
    w.errors.length = 0;
    const page = await context.newPage();
    const byPage = new Map<string, SearchEntry[]>();
    for (const e of index.entries) {
      const file = e.href.slice(0, e.href.indexOf('#'));
      byPage.set(file, [...(byPage.get(file) ?? []), e]);
    }
    const missing: string[] = [];
    for (const [file, entries] of byPage) {
      await page.goto(new URL(file, server.url).href);
      // Hydrated once Redoc has linked some operation (the server-rendered HTML links only tags).
      await page.waitForFunction(() => Array.from(document.querySelectorAll('a[href^="#/"]')).some((a) => (a.getAttribute('href') ?? '').split('/').length > 2));
      // Each tag route expands its group in Redoc's sidebar, listing the group's operation links.
      const byTag = new Map<string, string[]>();
      for (const e of entries) {
        const route = routeOf(e.href);
        const tag = route.replace(/\/[^/]*$/, '');
        byTag.set(tag, [...(byTag.get(tag) ?? []), route]);
      }
      for (const [tag, routes] of byTag) {
        const seen = await linkedRoutes(page, tag, routes);
        for (const r of routes) if (!seen.has(r)) missing.push(`${file}#${r}`);
      }
    }
    // The latest.yaml pages are not indexed; they still have to load cleanly.
    for (const p of report.pages.filter((x) => !byPage.has(x))) {
      await page.goto(new URL(p, server.url).href);
      await page.locator('[data-section-id]').first().waitFor({ state: 'attached' });
    }
    await page.close();
    expect(missing).toEqual([]);
    expect(w.errors).toEqual([]);
    expect(w.external).toEqual([]);
  }, 300_000);

  it('works from file:// (embedded search index, local Redoc bundle)', async () => {
    w.errors.length = 0;
    const page = await context.newPage();
    await page.goto(pathToFileURL(path.join(site, 'index.html')).href);
    await page.fill('#search', SEARCH_FOR.toLowerCase());
    const first = page.locator('#search-results a.result-main').first();
    await first.waitFor({ state: 'visible' });
    const href = (await first.getAttribute('href')) ?? '';
    await first.click();
    await page.waitForURL((u) => u.protocol === 'file:' && u.href.endsWith(href));
    await page.locator(`[data-section-id="${routeOf(href)}"]`).first().waitFor({ state: 'visible' });
    await page.screenshot({ path: path.join(SHOTS, '05-file-protocol.png') });
    await page.close();
    expect(w.errors).toEqual([]);
    expect(w.external).toEqual([]);
  }, 120_000);
});
