/**
 * HTTP page fetching for `update`: a concurrency limit (p-limit), a timeout per request, retries
 * on 429/5xx/network errors by the update loop's retry policy (retry.ts; the docs gateway answers
 * intermittent 503s), conditional requests (ETag / Last-Modified → 304) and suffix Range requests
 * (a Docsy page is ~4 MB of navigation with the content at the end).
 * Also serves pages from a local directory of saved pages (offline runs) with the same interface.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import { DEFAULT_RETRY, isRetryableStatus, logRetries, parseRetryAfter, RetriesExhaustedError, RetryableError, withRetry, type RetryPolicy } from './retry.ts';

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

export interface FetchPolicy extends Partial<RetryPolicy> {
  readonly concurrency?: number;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
  readonly log?: (line: string) => void;
}

export type PageFetcher = (req: PageRequest) => Promise<PageResponse>;

export const DEFAULT_POLICY = { concurrency: 4, timeoutMs: 60_000, ...DEFAULT_RETRY } as const;

/** Request headers for one page request: validators for a conditional request, Range for a tail. */
function requestHeaders(req: PageRequest): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': 'scp-openapi-update', accept: 'text/html,application/json,*/*' };
  if (req.etag) headers['if-none-match'] = req.etag;
  if (req.lastModified) headers['if-modified-since'] = req.lastModified;
  if (req.tailBytes !== undefined) headers.range = `bytes=-${req.tailBytes}`;
  return headers;
}

function validatorsOf(res: Response): { etag?: string; lastModified?: string } {
  const etag = res.headers.get('etag');
  const lastModified = res.headers.get('last-modified');
  return { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
}

/** An HTTP fetcher with the policy applied; each call is one page, retried as needed. */
export function createHttpFetcher(policy: FetchPolicy = {}): PageFetcher {
  const p = { ...DEFAULT_POLICY, ...policy };
  const doFetch = policy.fetch ?? fetch;
  const limit = pLimit(Math.max(1, Math.floor(p.concurrency)));
  const retry: RetryPolicy = { ...p, onRetry: logRetries(policy.log) };

  const once = async (req: PageRequest, attempt: number): Promise<PageResponse> => {
    let res: Response;
    try {
      res = await doFetch(req.url, { headers: requestHeaders(req), signal: AbortSignal.timeout(p.timeoutMs), redirect: 'follow' });
    } catch (e) {
      throw new RetryableError(`${req.url}: ${describeError(e, p.timeoutMs)}`);
    }
    if (res.status === 304) {
      await res.body?.cancel().catch(() => undefined);
      return { kind: 'not-modified', url: req.url, status: 304, attempts: attempt, ...validatorsOf(res) };
    }
    if (res.status === 200 || res.status === 206) {
      let body: Buffer;
      try {
        body = Buffer.from(await res.arrayBuffer());
      } catch (e) {
        throw new RetryableError(`${req.url}: body: ${describeError(e, p.timeoutMs)}`);
      }
      return { kind: 'body', url: req.url, status: res.status, body, partial: res.status === 206, attempts: attempt, ...validatorsOf(res) };
    }
    await res.body?.cancel().catch(() => undefined);
    if (isRetryableStatus(res.status)) throw new RetryableError(`${req.url}: HTTP ${res.status}`, res.status, parseRetryAfter(res.headers.get('retry-after')));
    // 416: the server cannot serve the tail; the caller falls back to the whole page.
    throw new FetchError(`HTTP ${res.status} for ${req.url}`, req.url, attempt, res.status);
  };

  return (req) =>
    limit(async () => {
      try {
        return await withRetry((attempt) => once(req, attempt), retry);
      } catch (e) {
        if (e instanceof RetriesExhaustedError) throw new FetchError(e.message, req.url, e.attempts, e.last.status);
        throw e;
      }
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
