/**
 * Fetching and reading the pages an update plans: a single page's tail first (a suffix Range
 * request; the whole page when the tail does not hold the content), every page through the reader
 * layer, all pages in parallel under the fetcher's limit with a progress bar.
 */
import type { SourceDoc } from '../model.ts';
import { sha256 } from '../hash.ts';
import { readSource } from '../read-source.ts';
import { FetchError, type PageFetcher, type PageResponse } from './fetch-pages.ts';
import type { PageKind, PagePlan } from './plan.ts';
import { createProgress } from './progress.ts';
import type { FetchedPage } from './snapshot.ts';

export interface PageOutcome {
  readonly origin: string;
  readonly url: string;
  readonly kind: PageKind;
  /** File in sources/ holding this page after the update. */
  readonly file: string;
  /**
   * `changed`: new bytes saved; `unchanged`: downloaded, same bytes; `not-modified`: 304, not
   * downloaded; `missing`: 404 for a page that may be gone (an operation-version no longer served).
   */
  readonly result: 'changed' | 'unchanged' | 'not-modified' | 'missing' | 'failed';
  readonly status?: number;
  /** Bytes downloaded for this page (all requests). */
  readonly bytes: number;
  /** True when only the page's tail was saved (206 to a Range request). */
  readonly partial: boolean;
  /** Why a Range request ended with the whole page: the server ignored Range (200), refused it (416), or the tail lacked the content. */
  readonly rangeFallback?: 'ignored' | 'refused' | 'incomplete';
  readonly attempts: number;
  readonly error?: string;
}

export interface FetchedOne {
  readonly page: FetchedPage;
  readonly outcome: PageOutcome;
  /** The page as read (absent for 304 and 404). */
  readonly doc?: SourceDoc;
}

function countContent(doc: SourceDoc): number {
  return doc.services.reduce((n, s) => n + s.operations.length + s.models.length, 0);
}

function readHtml(plan: PagePlan, body: Buffer): SourceDoc {
  return readSource({ file: plan.file, origin: plan.origin, layout: 'html', sha256: sha256(body) }, body.toString('utf8'));
}

/**
 * Fetch one page and read it; throws on a fetch failure or an unreadable page. With `missingOk`,
 * a 404 is an outcome (`missing`) rather than a failure.
 */
async function fetchAndRead(plan: PagePlan, fetcher: PageFetcher, missingOk = false): Promise<FetchedOne> {
  let attempts = 0;
  let bytes = 0;
  let rangeFallback: PageOutcome['rangeFallback'];
  const note = (r: PageResponse): PageResponse => {
    attempts += r.attempts;
    if (r.kind === 'body') bytes += r.body.length;
    return r;
  };
  const whole = async (): Promise<PageResponse> => note(await fetcher({ url: plan.url }));
  const base = { origin: plan.origin, url: plan.url, kind: plan.kind, file: plan.file };

  let r: PageResponse;
  try {
    r = note(await fetcher({ url: plan.url, etag: plan.etag, lastModified: plan.lastModified, tailBytes: plan.tailBytes }));
  } catch (e) {
    if (missingOk && e instanceof FetchError && e.status === 404) {
      return { page: { plan }, outcome: { ...base, result: 'missing', status: 404, bytes, partial: false, attempts: attempts + e.attempts } };
    }
    if (!(e instanceof FetchError && e.status === 416 && plan.tailBytes !== undefined)) throw e;
    attempts += e.attempts;
    rangeFallback = 'refused';
    r = await whole();
  }
  if (r.kind === 'not-modified') {
    return {
      page: { plan, ...(r.etag ? { etag: r.etag } : {}), ...(r.lastModified ? { lastModified: r.lastModified } : {}) },
      outcome: { ...base, result: 'not-modified', status: 304, bytes, partial: false, attempts },
    };
  }
  if (plan.tailBytes !== undefined && !r.partial && rangeFallback === undefined) rangeFallback = 'ignored';
  let doc = readHtml(plan, r.body);
  if (r.partial && (countContent(doc) === 0 || doc.diagnostics.some((d) => d.severity === 'error'))) {
    // The tail did not hold the whole content (or none of it): take the whole page.
    rangeFallback = 'incomplete';
    r = await whole();
    if (r.kind !== 'body') throw new Error(`${plan.url}: unexpected ${r.status} to an unconditional request`);
    doc = readHtml(plan, r.body);
  }
  if (countContent(doc) === 0) {
    const why = doc.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.message).slice(0, 3).join('; ');
    throw new Error(`${plan.url}: no operation or model could be read from the page${why ? ` (${why})` : ''}`);
  }
  return {
    page: { plan, body: r.body, ...(r.etag ? { etag: r.etag } : {}), ...(r.lastModified ? { lastModified: r.lastModified } : {}) },
    outcome: { ...base, result: 'unchanged', status: r.status, bytes, partial: r.partial, ...(rangeFallback ? { rangeFallback } : {}), attempts },
    doc,
  };
}

export interface FetchAll {
  readonly fetched: readonly FetchedOne[];
  /** One per plan, in plan order (failed ones included). */
  readonly outcomes: readonly PageOutcome[];
  readonly errors: readonly string[];
}

/** Every plan fetched and read, in parallel (the fetcher limits concurrency). */
export async function fetchAll(plans: readonly PagePlan[], fetcher: PageFetcher, opts: { progress: boolean; missingOk: ReadonlySet<string> }): Promise<FetchAll> {
  const progress = createProgress(plans.length, opts.progress);
  const settled = await Promise.allSettled(
    plans.map(async (plan) => {
      try {
        return await fetchAndRead(plan, fetcher, opts.missingOk.has(plan.origin));
      } finally {
        progress.tick(new URL(plan.url, 'file:///').pathname);
      }
    }),
  );
  progress.stop();
  const fetched: FetchedOne[] = [];
  const errors: string[] = [];
  const outcomes = settled.map((s, i): PageOutcome => {
    if (s.status === 'fulfilled') {
      fetched.push(s.value);
      return s.value.outcome;
    }
    const plan = plans[i] as PagePlan;
    const e = s.reason as Error & { attempts?: number; status?: number };
    errors.push(e.message);
    return { origin: plan.origin, url: plan.url, kind: plan.kind, file: plan.file, result: 'failed', ...(e.status ? { status: e.status } : {}), bytes: 0, partial: false, attempts: e.attempts ?? 1, error: e.message };
  });
  return { fetched, outcomes, errors };
}

/** One log line per page: its result, URL, bytes and how it was fetched. */
export function pageLogLine(p: PageOutcome): string {
  const extra = [p.partial ? 'tail' : '', p.rangeFallback ? `whole page: Range ${p.rangeFallback}` : '', p.attempts > 1 ? `${p.attempts} attempts` : ''].filter(Boolean).join(', ');
  return `  ${p.result.padEnd(12)} ${p.url}${p.bytes ? ` (${p.bytes} bytes${extra ? `, ${extra}` : ''})` : extra ? ` (${extra})` : ''}`;
}
