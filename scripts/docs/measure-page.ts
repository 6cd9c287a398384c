/**
 * Measuring a served docs site in Chromium (playwright-core): how long until the first operation of a
 * reference page is visible, and how many bytes a visit and a version switch transfer. Used by the
 * browser test (which reports the figures) and by the portal benchmark (which compares them with the
 * targets). Targets are not asserted here: timings depend on the machine's load.
 *
 * The slow profile is Chrome DevTools' "Fast 3G" preset (1.6 Mbps × 0.9 down, 750 kbps × 0.9 up,
 * 150 ms × 3.75 = 562.5 ms latency) with 4× CPU slowdown, applied through CDP.
 */
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';

export interface NetworkProfile {
  readonly name: string;
  /** CPU slowdown factor (1 = none). */
  readonly cpuSlowdown: number;
  /** Bytes per second, or -1 for no limit. */
  readonly downloadBps: number;
  readonly uploadBps: number;
  readonly latencyMs: number;
}

/** DevTools' Fast 3G, as front_end/core/sdk/NetworkManager.ts defines it, plus 4× CPU slowdown. */
export const SLOW_PROFILE: NetworkProfile = {
  name: 'slow (4x CPU, Fast 3G)',
  cpuSlowdown: 4,
  downloadBps: ((1.6 * 1000 * 1000) / 8) * 0.9,
  uploadBps: ((750 * 1000) / 8) * 0.9,
  latencyMs: 150 * 3.75,
};

export const FAST_PROFILE: NetworkProfile = { name: 'fast (no throttling)', cpuSlowdown: 1, downloadBps: -1, uploadBps: -1, latencyMs: 0 };

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] as const;

/**
 * Runs in the page from its first script on: notes when the operation the URL points at became
 * visible. The hash names it: `#/<tag>/<operation>` is a Redoc route (`[data-section-id]`), `#<id>`
 * an element id; without a hash, the first pre-rendered `[data-operation]` section counts. When its
 * heading carries `elementtiming`, the browser's own paint time of that heading is used (Element
 * Timing); otherwise the first animation frame in which the operation has a box, a visible heading
 * and is not hidden (what Redoc's client-side rendering allows).
 */
const OBSERVER = `(() => {
  const find = () => {
    let hash = location.hash.slice(1);
    try { hash = decodeURIComponent(hash); } catch (e) {}
    if (hash.startsWith('/')) return document.querySelector('[data-section-id="' + CSS.escape(hash) + '"]');
    if (hash) return document.getElementById(hash);
    return document.querySelector('[data-operation]');
  };
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    const heading = el.querySelector('h2, h3');
    return r.height > 0 && r.width > 0 && (!el.checkVisibility || el.checkVisibility({ visibilityProperty: true })) && !!heading && heading.getBoundingClientRect().height > 0;
  };
  if (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes && PerformanceObserver.supportedEntryTypes.includes('element')) {
    new PerformanceObserver((list) => {
      const el = find();
      for (const e of list.getEntries()) {
        if (el && e.element && el.contains(e.element) && window.__scpFirstOperationMs === undefined) window.__scpFirstOperationMs = e.renderTime || e.loadTime;
      }
    }).observe({ type: 'element', buffered: true });
  }
  // Asks for layout (getBoundingClientRect) only where Element Timing cannot answer, so measuring
  // a pre-rendered page adds no forced layout to its frames.
  const tick = () => {
    if (window.__scpFirstOperationMs !== undefined) return;
    const el = find();
    if (el && !el.querySelector('[elementtiming]') && shown(el)) { window.__scpFirstOperationMs = performance.now(); return; }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  document.addEventListener('DOMContentLoaded', tick);
})();`;

export interface PageVisit {
  readonly url: string;
  /** performance.now() (ms from navigation start) when the first operation was visible; undefined if never. */
  readonly firstOperationMs?: number;
  readonly firstContentfulPaintMs?: number;
  /** Bytes on the wire (headers + possibly compressed bodies) for every request of the visit. */
  readonly transferBytes: number;
  readonly requests: number;
  /** Per URL path: bytes on the wire (for the report). */
  readonly byResource: Readonly<Record<string, number>>;
}

/** Counts the bytes Chromium received per request (CDP `encodedDataLength`, headers included). */
class WireMeter {
  private readonly sizes = new Map<string, { url: string; bytes: number }>();
  constructor(private readonly cdp: CDPSession) {
    cdp.on('Network.requestWillBeSent', (e) => {
      if (/^https?:/.test(e.request.url)) this.sizes.set(e.requestId, { url: e.request.url, bytes: 0 });
    });
    cdp.on('Network.loadingFinished', (e) => {
      const s = this.sizes.get(e.requestId);
      if (s) s.bytes = e.encodedDataLength;
    });
  }

  reset(): void {
    this.sizes.clear();
  }

  totals(): { transferBytes: number; requests: number; byResource: Record<string, number> } {
    const byResource: Record<string, number> = {};
    let transferBytes = 0;
    for (const { url, bytes } of this.sizes.values()) {
      const key = new URL(url).pathname;
      byResource[key] = (byResource[key] ?? 0) + bytes;
      transferBytes += bytes;
    }
    return { transferBytes, requests: this.sizes.size, byResource };
  }
}

async function applyProfile(cdp: CDPSession, profile: NetworkProfile): Promise<void> {
  await cdp.send('Network.enable');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpuSlowdown });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: profile.latencyMs,
    downloadThroughput: profile.downloadBps,
    uploadThroughput: profile.uploadBps,
  });
}

/**
 * A value the page holds in a global, read over CDP. Playwright's own evaluate/waitForFunction
 * first inject its utility script into the page (~120 ms of main-thread work at 4× CPU, landing
 * right after the first paint), so they are not used while a visit is being timed.
 */
async function readGlobal(cdp: CDPSession, expression: string): Promise<number | undefined> {
  const r = await cdp.send('Runtime.evaluate', { expression, returnByValue: true });
  return typeof r.result.value === 'number' ? r.result.value : undefined;
}

/** Poll `expression` (a number once known) until it is known or the time is up. */
async function waitForGlobal(cdp: CDPSession, expression: string, timeoutMs: number): Promise<number | undefined> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await readGlobal(cdp, expression).catch(() => undefined);
    if (v !== undefined || Date.now() > until) return v;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const FIRST_OPERATION = 'window.__scpFirstOperationMs';
const FIRST_CONTENTFUL_PAINT = "performance.getEntriesByName('first-contentful-paint')[0]?.startTime";

/** A page under a profile whose visits are measured one after the other (the HTTP cache carries over). */
export class MeasuredTab {
  private constructor(
    readonly page: Page,
    private readonly meter: WireMeter,
    private readonly cdp: CDPSession,
  ) {}

  static async open(context: BrowserContext, profile: NetworkProfile): Promise<MeasuredTab> {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const meter = new WireMeter(cdp);
    await applyProfile(cdp, profile);
    await page.addInitScript(OBSERVER);
    return new MeasuredTab(page, meter, cdp);
  }

  /**
   * Load `url` and wait until an operation shows (unless `operation` is false: a control page
   * without one, measured for its first contentful paint only).
   */
  async visit(url: string, opts: { timeoutMs?: number; operation?: boolean } = {}): Promise<PageVisit> {
    this.meter.reset();
    const timeout = opts.timeoutMs ?? 120_000;
    await this.page.goto(url, { timeout, waitUntil: 'commit' });
    if (opts.operation !== false) await waitForGlobal(this.cdp, FIRST_OPERATION, timeout);
    await this.page.waitForLoadState('load', { timeout }).catch(() => undefined);
    await this.page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
    const first = await readGlobal(this.cdp, FIRST_OPERATION);
    const fcp = await readGlobal(this.cdp, FIRST_CONTENTFUL_PAINT);
    return { url, firstOperationMs: first, firstContentfulPaintMs: fcp, ...this.meter.totals() };
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}

export interface SiteFigures {
  readonly profile: string;
  /** Cold cache: the heavy page. */
  readonly heavyPage: PageVisit;
  /** Warm cache: from the heavy page to a sibling version of the same service. */
  readonly versionSwitch: PageVisit;
  /** Warm cache: another service's page. */
  readonly otherPage: PageVisit;
}

export interface SiteUrls {
  readonly heavy: string;
  readonly sibling: string;
  readonly other: string;
}

/** The three visits in one fresh context under `profile`. */
export async function measureSite(browser: Browser, urls: SiteUrls, profile: NetworkProfile, javaScript = true): Promise<SiteFigures> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: javaScript });
  try {
    const tab = await MeasuredTab.open(context, profile);
    const heavyPage = await tab.visit(urls.heavy);
    const versionSwitch = await tab.visit(urls.sibling);
    const otherPage = await tab.visit(urls.other);
    return { profile: profile.name, heavyPage, versionSwitch, otherPage };
  } finally {
    await context.close();
  }
}

function kb(n: number): string {
  return `${(n / 1024).toFixed(1)} KB`;
}

function ms(n: number | undefined): string {
  return n === undefined ? 'never' : `${(n / 1000).toFixed(2)} s`;
}

/** Lines for a report: first operation visible, FCP and bytes per visit. */
export function describeFigures(f: SiteFigures): string[] {
  const row = (label: string, v: PageVisit): string =>
    `  ${label.padEnd(16)} first operation ${ms(v.firstOperationMs).padStart(8)}, FCP ${ms(v.firstContentfulPaintMs).padStart(8)}, ${kb(v.transferBytes).padStart(10)} in ${v.requests} requests`;
  return [`${f.profile}:`, row('heavy page', f.heavyPage), row('version switch', f.versionSwitch), row('other page', f.otherPage)];
}

/** The median, NaN values left out (no figure); an infinite median (mostly "never") is undefined. */
export function median(values: readonly number[]): number | undefined {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const m = sorted[Math.floor((sorted.length - 1) / 2)];
  return m !== undefined && Number.isFinite(m) ? m : undefined;
}

/** Per visit, the median over several runs of the same profile (a loaded machine makes single runs noisy). */
export function medianFigures(runs: readonly SiteFigures[]): SiteFigures {
  const first = runs[0];
  if (!first) throw new Error('medianFigures needs at least one run');
  const visit = (pick: (f: SiteFigures) => PageVisit): PageVisit => {
    const all = runs.map(pick);
    const v = pick(first);
    return {
      ...v,
      firstOperationMs: median(all.map((x) => x.firstOperationMs ?? Number.POSITIVE_INFINITY)),
      firstContentfulPaintMs: median(all.map((x) => x.firstContentfulPaintMs ?? Number.NaN)),
      transferBytes: median(all.map((x) => x.transferBytes)) ?? v.transferBytes,
    };
  };
  return { profile: `${first.profile}, median of ${runs.length}`, heavyPage: visit((f) => f.heavyPage), versionSwitch: visit((f) => f.versionSwitch), otherPage: visit((f) => f.otherPage) };
}
