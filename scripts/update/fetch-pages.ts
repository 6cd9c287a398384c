/**
 * HTTP page fetching for `update`: a concurrency limit, a timeout per request, retries with
 * exponential backoff and full jitter on 429/5xx/network errors (the docs gateway answers
 * intermittent 503s), conditional requests (ETag / Last-Modified → 304) and suffix Range requests
 * (a Docsy page is ~4 MB of navigation with the content at the end).
 * Also serves pages from a local directory of saved pages (offline runs) with the same interface.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

export interface PageRequest {
  readonly url: string;
  /** Validators from the previous fetch; sent as If-None-Match / If-Modified-Since. */
  readonly etag?: string;
  readonly lastModified?: string;
  /** Ask for only the last N bytes (`Range: bytes=-N`). */
  readonly tailBytes?: number;
}

export type PageResponse =
  | {
      readonly kind: 'not-modified';
      readonly url: string;
      readonly status: 304;
      readonly attempts: number;
      readonly etag?: string;
      readonly lastModified?: string;
    }
  | {
      readonly kind: 'body';
      readonly url: string;
      /** 200 (whole page) or 206 (the requested tail). */
      readonly status: number;
      readonly body: Buffer;
      /** True when the body is only the tail of the page (206). */
      readonly partial: boolean;
      readonly attempts: number;
      readonly etag?: string;
      readonly lastModified?: string;
    };

export class FetchError extends Error {
  constructor(
    message: string,
    readonly url: string,
    readonly attempts: number,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

export interface FetchPolicy {
  readonly concurrency?: number;
  readonly timeoutMs?: number;
  /** Retries after the first attempt (so `retries + 1` attempts at most). */
  readonly retries?: number;
  /** First backoff step; attempt n waits a random time in [0, min(maxDelayMs, baseDelayMs·2^n)]. */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly fetch?: typeof fetch;
  readonly random?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly log?: (line: string) => void;
}

export type PageFetcher = (req: PageRequest) => Promise<PageResponse>;

export const DEFAULT_POLICY = { concurrency: 4, timeoutMs: 60_000, retries: 4, baseDelayMs: 500, maxDelayMs: 15_000 } as const;

/** Run at most `n` tasks at once, in submission order. */
export function createLimiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  const limit = Math.max(1, Math.floor(n));
  let active = 0;
  const queue: (() => void)[] = [];
  const next = (): void => {
    if (active >= limit) return;
    const start = queue.shift();
    if (start) {
      active++;
      start();
    }
  };
  return <T>(task: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      queue.push(() => {
        task()
          .then(resolve, reject)
          .finally(() => {
            active--;
            next();
          });
      });
      next();
    });
}

/** Backoff before retry number `attempt` (0-based): full jitter, so that parallel clients spread out. */
export function backoffDelay(attempt: number, base: number, max: number, random: () => number, retryAfterMs?: number): number {
  const cap = Math.min(max, base * 2 ** attempt);
  const jittered = random() * cap;
  return retryAfterMs !== undefined ? Math.min(max, Math.max(jittered, retryAfterMs)) : jittered;
}

/** `Retry-After` as milliseconds (seconds or an HTTP date); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const secs = Number(value);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || status >= 500;
}

const sleepReal = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** An HTTP fetcher with the policy applied; each call is one page, retried as needed. */
export function createHttpFetcher(policy: FetchPolicy = {}): PageFetcher {
  const p = { ...DEFAULT_POLICY, ...policy };
  const doFetch = policy.fetch ?? fetch;
  const random = policy.random ?? Math.random;
  const sleep = policy.sleep ?? sleepReal;
  const limit = createLimiter(p.concurrency);

  const once = async (req: PageRequest, attempt: number): Promise<PageResponse | { retry: string; retryAfterMs?: number; status?: number }> => {
    const headers: Record<string, string> = { 'user-agent': 'scp-openapi-update', accept: 'text/html,*/*' };
    if (req.etag) headers['if-none-match'] = req.etag;
    if (req.lastModified) headers['if-modified-since'] = req.lastModified;
    if (req.tailBytes !== undefined) headers.range = `bytes=-${req.tailBytes}`;
    const signal = AbortSignal.timeout(p.timeoutMs);
    let res: Response;
    try {
      res = await doFetch(req.url, { headers, signal, redirect: 'follow' });
    } catch (e) {
      return { retry: describeError(e, p.timeoutMs) };
    }
    const validators = {
      ...(res.headers.get('etag') ? { etag: res.headers.get('etag') as string } : {}),
      ...(res.headers.get('last-modified') ? { lastModified: res.headers.get('last-modified') as string } : {}),
    };
    if (res.status === 304) {
      await res.body?.cancel().catch(() => undefined);
      return { kind: 'not-modified', url: req.url, status: 304, attempts: attempt + 1, ...validators };
    }
    if (res.status === 200 || res.status === 206) {
      let body: Buffer;
      try {
        body = Buffer.from(await res.arrayBuffer());
      } catch (e) {
        return { retry: `body: ${describeError(e, p.timeoutMs)}` };
      }
      return { kind: 'body', url: req.url, status: res.status, body, partial: res.status === 206, attempts: attempt + 1, ...validators };
    }
    await res.body?.cancel().catch(() => undefined);
    if (isRetryableStatus(res.status)) {
      const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
      return { retry: `HTTP ${res.status}`, status: res.status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
    }
    // 416: the server cannot serve the tail; the caller falls back to the whole page.
    throw new FetchError(`HTTP ${res.status} for ${req.url}`, req.url, attempt + 1, res.status);
  };

  return (req) =>
    limit(async () => {
      let last = '';
      let lastStatus: number | undefined;
      for (let attempt = 0; attempt <= p.retries; attempt++) {
        const r = await once(req, attempt);
        if (!('retry' in r)) return r;
        last = r.retry;
        lastStatus = r.status;
        if (attempt === p.retries) break;
        const delay = backoffDelay(attempt, p.baseDelayMs, p.maxDelayMs, random, r.retryAfterMs);
        policy.log?.(`  ${req.url}: ${r.retry}; retry ${attempt + 1}/${p.retries} in ${Math.round(delay)} ms`);
        await sleep(delay);
      }
      throw new FetchError(`${req.url}: ${last} after ${p.retries + 1} attempts`, req.url, p.retries + 1, lastStatus);
    });
}

function describeError(e: unknown, timeoutMs: number): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return `timed out after ${timeoutMs} ms`;
  const cause = err.cause?.code ?? err.cause?.message;
  return `network error: ${err.message ?? String(e)}${cause ? ` (${cause})` : ''}`;
}

/**
 * Pages from a directory of saved pages named by URL path: `/a/b/_print/` is looked up as
 * `<dir>/a/b/_print/index.html`, `<dir>/a/b/_print.html`, then `<dir>/a/b/_print`.
 * Validators are never returned (every page is compared by content).
 */
export function createDirectoryFetcher(dir: string): PageFetcher {
  return async (req) => {
    const urlPath = decodeURIComponent(new URL(req.url, 'file:///').pathname);
    const rel = urlPath.replace(/^\/+/, '');
    const trimmed = rel.replace(/\/+$/, '');
    const candidates = [path.join(dir, rel, 'index.html'), path.join(dir, `${trimmed}.html`), path.join(dir, trimmed)];
    for (const file of candidates) {
      const st = await stat(file).catch(() => undefined);
      if (st?.isFile()) return { kind: 'body', url: req.url, status: 200, body: await readFile(file), partial: false, attempts: 1 };
    }
    throw new FetchError(`no saved page for ${urlPath} in ${dir} (looked for ${candidates.map((c) => path.relative(dir, c)).join(', ')})`, req.url, 1);
  };
}

/** Put an origin URL's path (and query) under `from` (a base URL, possibly with a path prefix). */
export function rebaseUrl(origin: string, from: string): string {
  const o = new URL(origin);
  const base = new URL(from);
  const prefix = base.pathname.replace(/\/+$/, '');
  return `${base.origin}${prefix}${o.pathname}${o.search}`;
}
