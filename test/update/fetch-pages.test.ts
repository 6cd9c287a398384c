import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDirectoryFetcher, createHttpFetcher, FetchError, rebaseUrl, type FetchPolicy } from '../../scripts/update/fetch-pages.ts';
import { OPERATION_PATH, PRINT_PATH, SITE_DIR, startSiteServer, type SiteServer } from './site-server.ts';

let site: SiteServer;
const sleeps: number[] = [];
const fast: FetchPolicy = { retries: 3, baseDelayMs: 100, maxDelayMs: 1000, random: () => 1, sleep: async (ms) => void sleeps.push(ms) };

beforeAll(async () => {
  site = await startSiteServer({ padBytes: 40_000 });
});
afterAll(async () => {
  await site.close();
});
afterEach(() => {
  site.requests.length = 0;
  sleeps.length = 0;
  site.options.faults.clear();
  site.options.broken.clear();
  site.options.honourRange = true;
  site.options.etag = true;
});

describe('createHttpFetcher', () => {
  it('retries a 503 with exponential backoff and then returns the page', async () => {
    site.options.faults.set(PRINT_PATH, [503, 503]);
    const r = await createHttpFetcher(fast)({ url: site.url + PRINT_PATH });
    expect(r.kind).toBe('body');
    if (r.kind !== 'body') return;
    expect(r.attempts).toBe(3);
    expect(r.body.equals(await site.page(PRINT_PATH))).toBe(true);
    expect(site.requests.map((q) => q.status)).toEqual([503, 503, 200]);
    expect(sleeps).toEqual([100, 200]);
  });

  it('gives up after the configured retries with a FetchError naming the status', async () => {
    site.options.broken.add(PRINT_PATH);
    const err = await createHttpFetcher(fast)({ url: site.url + PRINT_PATH }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchError);
    expect(err).toMatchObject({ attempts: 4, status: 500 });
    expect(site.requests).toHaveLength(4);
    expect(sleeps).toEqual([100, 200, 400]);
  });

  it('does not retry a 404', async () => {
    const err = await createHttpFetcher(fast)({ url: `${site.url}/apireference/nope/` }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 404, attempts: 1 });
    expect(site.requests).toHaveLength(1);
  });

  it('waits at least what Retry-After asks on a 429', async () => {
    let calls = 0;
    const throttled: typeof fetch = async (input, init) => {
      calls++;
      return calls === 1 ? new Response('slow down', { status: 429, headers: { 'retry-after': '3' } }) : fetch(input, init);
    };
    const r = await createHttpFetcher({ ...fast, maxDelayMs: 60_000, fetch: throttled })({ url: site.url + PRINT_PATH });
    expect(r).toMatchObject({ kind: 'body', attempts: 2 });
    expect(sleeps).toEqual([3000]);
  });

  it('retries network errors', async () => {
    let calls = 0;
    const flaky: typeof fetch = async (input, init) => {
      calls++;
      if (calls === 1) throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
      return fetch(input, init);
    };
    const r = await createHttpFetcher({ ...fast, fetch: flaky })({ url: site.url + PRINT_PATH });
    expect(r).toMatchObject({ kind: 'body', attempts: 2 });
    expect(calls).toBe(2);
  });

  it('sends validators and reports 304 without a body', async () => {
    const fetcher = createHttpFetcher(fast);
    const first = await fetcher({ url: site.url + PRINT_PATH });
    if (first.kind !== 'body') throw new Error('expected a body');
    expect(first.etag).toMatch(/^"[0-9a-f]{40}"$/);
    const second = await fetcher({ url: site.url + PRINT_PATH, etag: first.etag });
    expect(second).toMatchObject({ kind: 'not-modified', status: 304, etag: first.etag });
    expect(site.requests.map((q) => [q.status, q.ifNoneMatch])).toEqual([
      [200, undefined],
      [304, first.etag],
    ]);
  });

  it('asks for the tail only; a server honouring Range sends 206 with the last bytes', async () => {
    const page = await site.page(OPERATION_PATH);
    const r = await createHttpFetcher(fast)({ url: site.url + OPERATION_PATH, tailBytes: 10_000 });
    expect(r).toMatchObject({ kind: 'body', status: 206, partial: true });
    if (r.kind !== 'body') return;
    expect(r.body.equals(page.subarray(page.length - 10_000))).toBe(true);
    expect(site.requests[0]?.range).toBe('bytes=-10000');
  });

  it('a server ignoring Range sends the whole page (200, not partial)', async () => {
    site.options.honourRange = false;
    const page = await site.page(OPERATION_PATH);
    const r = await createHttpFetcher(fast)({ url: site.url + OPERATION_PATH, tailBytes: 10_000 });
    expect(r).toMatchObject({ kind: 'body', status: 200, partial: false });
    if (r.kind === 'body') expect(r.body.length).toBe(page.length);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const counting: typeof fetch = async (input, init) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 10));
      try {
        return await fetch(input, init);
      } finally {
        inFlight--;
      }
    };
    const fetcher = createHttpFetcher({ ...fast, concurrency: 3, fetch: counting });
    const results = await Promise.all(Array.from({ length: 10 }, () => fetcher({ url: site.url + PRINT_PATH })));
    expect(results.every((r) => r.kind === 'body')).toBe(true);
    expect(peak).toBe(3);
  });
});

describe('timeouts', () => {
  let hang: Server;
  let url: string;
  beforeAll(async () => {
    hang = createServer(() => {
      /* never answers */
    });
    await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(hang.address() as AddressInfo).port}/slow/`;
  });
  afterAll(async () => {
    hang.closeAllConnections();
    await new Promise<void>((r) => hang.close(() => r()));
  });

  it('a request that does not answer in time is retried, then fails naming the timeout', async () => {
    const err = await createHttpFetcher({ ...fast, retries: 1, timeoutMs: 150 })({ url }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchError);
    expect((err as Error).message).toContain('timed out after 150 ms after 2 attempts');
  });
});

describe('helpers', () => {
  it('rebaseUrl keeps the origin path under the base (with its prefix)', () => {
    const origin = 'https://docs.e.samsungsdscloud.com/apireference/data-analytics/_print/';
    expect(rebaseUrl(origin, 'http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080/apireference/data-analytics/_print/');
    expect(rebaseUrl(origin, 'http://mirror.local/docs/')).toBe('http://mirror.local/docs/apireference/data-analytics/_print/');
  });

  it('createDirectoryFetcher finds pages saved by URL path and fails clearly on a missing one', async () => {
    const dir = path.join(SITE_DIR, 'v1');
    const r = await createDirectoryFetcher(dir)({ url: `https://docs.e.samsungsdscloud.com${PRINT_PATH}`, tailBytes: 10 });
    expect(r).toMatchObject({ kind: 'body', status: 200, partial: false });
    const err = await createDirectoryFetcher(dir)({ url: 'https://docs.e.samsungsdscloud.com/apireference/missing/_print/' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchError);
    expect((err as Error).message).toContain('apireference/missing/_print/index.html');
  });
});
