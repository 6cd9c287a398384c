/**
 * `update`: fetch the docs pages the manifest names, write the new snapshot, rebuild what changed and
 * report the semantic API changes. Everything up to the final rename happens in a staging root, so a
 * failure (fetch after retries, unreadable page, build error) leaves sources/, specs/ and generated/
 * as they were.
 */
import { appendFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runBuild, type BuildResult, type Stage } from '../build.ts';
import { changeReportJson, renderChangeJson, renderChangeMarkdown, type ChangeReportJson } from '../diff/render.ts';
import { diffSpecDirectories } from '../diff/spec-tree.ts';
import type { ChangeReport } from '../diff/types.ts';
import { parseManifest } from '../manifest.ts';
import { describeFailure } from '../summary.ts';
import type { Diagnostic, SourceDoc } from '../model.ts';
import { readDocsyHtml } from '../readers/docsy-html.ts';
import { createDirectoryFetcher, createHttpFetcher, FetchError, rebaseUrl, type PageFetcher, type PageResponse } from './fetch-pages.ts';
import { DEFAULT_TAIL_BYTES, planPages, type PageKind, type PagePlan } from './plan.ts';
import { createProgress } from './progress.ts';
import { applyFetchedPages, type FetchedPage } from './snapshot.ts';
import { acquireUpdateLock, createStage } from './stage.ts';

export interface UpdateOptions {
  readonly root: string;
  /** Base URL of the docs site (e.g. `https://docs.e.samsungsdscloud.com`) or a directory of saved pages. */
  readonly from: string;
  readonly concurrency?: number;
  readonly timeoutMs?: number;
  readonly retries?: number;
  /** First backoff step in ms (default 500). */
  readonly retryBaseMs?: number;
  /** Suffix bytes requested for single pages (default 320000). */
  readonly tailBytes?: number;
  /** Show a progress bar; default: when stdout is a TTY. */
  readonly progress?: boolean;
  readonly log?: (line: string) => void;
  readonly fetch?: typeof fetch;
  readonly now?: () => Date;
  /** Build stages to run (default: the build's defaults). */
  readonly stages?: readonly Stage[];
  readonly strict?: boolean;
}

export interface PageOutcome {
  readonly origin: string;
  readonly url: string;
  readonly kind: PageKind;
  /** File in sources/ holding this page after the update. */
  readonly file: string;
  /** `changed`: new bytes saved; `unchanged`: downloaded, same bytes; `not-modified`: 304, not downloaded. */
  readonly result: 'changed' | 'unchanged' | 'not-modified' | 'failed';
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

export interface UpdateResult {
  readonly ok: boolean;
  readonly error?: string;
  /** `yyyy-mm-dd` (UTC) of the CHANGES.md heading. */
  readonly date: string;
  readonly pages: readonly PageOutcome[];
  readonly sourcesWritten: readonly string[];
  readonly sourcesRemoved: readonly string[];
  readonly build?: BuildResult;
  /** Reader diagnostics of the fetched pages (info included). */
  readonly diagnostics: readonly Diagnostic[];
  readonly reports: readonly ChangeReport[];
  /** What was written to .cache/last-change-report.json (absent when the update failed). */
  readonly report?: ChangeReportJson;
  /** What was appended to CHANGES.md (absent when the update failed). */
  readonly markdown?: string;
  readonly timings: Readonly<Record<string, number>>;
}

const CHANGES_HEADER = '# API changes\n\nSemantic changes to the generated specs, one section per `scp-openapi update` run.\n\n';

function countContent(doc: SourceDoc): number {
  return doc.services.reduce((n, s) => n + s.operations.length + s.models.length, 0);
}

async function isDirectory(p: string): Promise<boolean> {
  if (/^https?:\/\//i.test(p)) return false;
  return stat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

interface FetchedOne {
  readonly page: FetchedPage;
  readonly outcome: PageOutcome;
  readonly doc?: SourceDoc;
}

/** Fetch one page (tail first for single pages) and read it; throws on fetch failure or an unreadable page. */
async function fetchAndRead(plan: PagePlan, fetcher: PageFetcher): Promise<FetchedOne> {
  let attempts = 0;
  let bytes = 0;
  let rangeFallback: PageOutcome['rangeFallback'];
  const note = (r: PageResponse): PageResponse => {
    attempts += r.attempts;
    if (r.kind === 'body') bytes += r.body.length;
    return r;
  };
  const whole = async (): Promise<PageResponse> => note(await fetcher({ url: plan.url }));

  let r: PageResponse;
  try {
    r = note(await fetcher({ url: plan.url, etag: plan.etag, lastModified: plan.lastModified, tailBytes: plan.tailBytes }));
  } catch (e) {
    if (!(e instanceof FetchError && e.status === 416 && plan.tailBytes !== undefined)) throw e;
    attempts += e.attempts;
    rangeFallback = 'refused';
    r = await whole();
  }
  const base = { origin: plan.origin, url: plan.url, kind: plan.kind, file: plan.file };
  if (r.kind === 'not-modified') {
    return {
      page: { plan, ...(r.etag ? { etag: r.etag } : {}), ...(r.lastModified ? { lastModified: r.lastModified } : {}) },
      outcome: { ...base, result: 'not-modified', status: 304, bytes, partial: false, attempts },
    };
  }
  if (plan.tailBytes !== undefined && !r.partial && rangeFallback === undefined) rangeFallback = 'ignored';
  let doc = readDocsyHtml(r.body.toString('utf8'), plan.file);
  if (r.partial && (countContent(doc) === 0 || doc.diagnostics.some((d) => d.severity === 'error'))) {
    // The tail did not hold the whole content (or none of it): take the whole page.
    rangeFallback = 'incomplete';
    r = await whole();
    if (r.kind !== 'body') throw new Error(`${plan.url}: unexpected ${r.status} to an unconditional request`);
    doc = readDocsyHtml(r.body.toString('utf8'), plan.file);
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

export async function runUpdate(opts: UpdateOptions): Promise<UpdateResult> {
  const root = path.resolve(opts.root);
  const log = opts.log ?? (() => {});
  const now = opts.now ?? (() => new Date());
  const date = now().toISOString().slice(0, 10);
  const timings: Record<string, number> = {};
  const t0 = performance.now();
  const lap = (name: string, since: number): void => {
    timings[name] = performance.now() - since;
  };
  const result = (r: Omit<UpdateResult, 'date' | 'timings'>): UpdateResult => {
    timings.total = performance.now() - t0;
    return { ...r, date, timings };
  };
  const failed = (error: string, rest: Partial<UpdateResult> = {}): UpdateResult => {
    log(`update failed: ${error}`);
    log('sources/, specs/ and generated/ were left as they were.');
    return result({ ok: false, error, pages: [], sourcesWritten: [], sourcesRemoved: [], diagnostics: [], reports: [], ...rest });
  };

  let release: () => Promise<void>;
  try {
    release = await acquireUpdateLock(root);
  } catch (e) {
    return failed((e as Error).message);
  }
  try {
    // --- plan -------------------------------------------------------------------------
    const manifestPath = path.join(root, 'sources', 'manifest.json');
    const manifestText = await readFile(manifestPath, 'utf8');
    const manifest = parseManifest(manifestText, manifestPath);
    const local = await isDirectory(opts.from);
    const plans = planPages(manifest, local ? (o) => o : (o) => rebaseUrl(o, opts.from), opts.tailBytes ?? DEFAULT_TAIL_BYTES);
    const fetcher = local
      ? createDirectoryFetcher(path.resolve(opts.from))
      : createHttpFetcher({
          ...(opts.concurrency !== undefined ? { concurrency: opts.concurrency } : {}),
          ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
          ...(opts.retries !== undefined ? { retries: opts.retries } : {}),
          ...(opts.retryBaseMs !== undefined ? { baseDelayMs: opts.retryBaseMs } : {}),
          ...(opts.fetch ? { fetch: opts.fetch } : {}),
          log,
        });
    log(`update from ${opts.from}: ${plans.length} page${plans.length === 1 ? '' : 's'}`);

    // --- fetch + read -----------------------------------------------------------------
    let t = performance.now();
    const progress = createProgress(plans.length, opts.progress ?? process.stdout.isTTY === true);
    const settled = await Promise.allSettled(
      plans.map(async (plan) => {
        try {
          return await fetchAndRead(plan, fetcher);
        } finally {
          progress.tick(new URL(plan.url, 'file:///').pathname);
        }
      }),
    );
    progress.stop();
    lap('fetch', t);
    const fetched: FetchedOne[] = [];
    const errors: string[] = [];
    const outcomes: (PageOutcome | FetchedOne)[] = settled.map((s, i) => {
      const plan = plans[i] as PagePlan;
      if (s.status === 'fulfilled') {
        fetched.push(s.value);
        return s.value;
      }
      const e = s.reason as Error & { attempts?: number; status?: number };
      errors.push(e.message);
      return { origin: plan.origin, url: plan.url, kind: plan.kind, file: plan.file, result: 'failed', ...(e.status ? { status: e.status } : {}), bytes: 0, partial: false, attempts: e.attempts ?? 1, error: e.message };
    });
    const diagnostics = fetched.flatMap((f) => f.doc?.diagnostics ?? []);
    const snapshot = applyFetchedPages(manifestText, fetched.map((f) => f.page));
    const changed = new Set(snapshot.changedOrigins);
    const pages: PageOutcome[] = outcomes.map((o) =>
      'outcome' in o ? (changed.has(o.outcome.origin) ? { ...o.outcome, result: 'changed' as const } : o.outcome) : o,
    );
    for (const p of pages) {
      const extra = [p.partial ? 'tail' : '', p.rangeFallback ? `whole page: Range ${p.rangeFallback}` : '', p.attempts > 1 ? `${p.attempts} attempts` : ''].filter(Boolean).join(', ');
      log(`  ${p.result.padEnd(12)} ${p.url}${p.bytes ? ` (${p.bytes} bytes${extra ? `, ${extra}` : ''})` : extra ? ` (${extra})` : ''}`);
    }
    const warnings = diagnostics.filter((d) => d.severity !== 'info');
    if (warnings.length > 0) log(`  reader: ${warnings.length} warning/error diagnostic${warnings.length === 1 ? '' : 's'} on the fetched pages`);
    if (errors.length > 0) return failed(`${errors.length} page${errors.length === 1 ? '' : 's'} could not be fetched or read: ${errors.join('; ')}`, { pages, diagnostics });

    // --- stage, build, diff -----------------------------------------------------------
    t = performance.now();
    const stamp = `${now().toISOString().replace(/[:.]/g, '-')}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    const stage = await createStage(root, stamp);
    try {
      const staged = path.join(stage.dir, 'sources');
      for (const w of snapshot.writes) await writeFile(path.join(staged, w.file), w.body);
      for (const f of snapshot.removes) await rm(path.join(staged, f), { force: true });
      if (snapshot.manifestText !== undefined) await writeFile(path.join(staged, 'manifest.json'), snapshot.manifestText);
      lap('stage', t);

      t = performance.now();
      let build: BuildResult;
      try {
        build = await runBuild({ root: stage.dir, ...(opts.stages ? { stages: opts.stages } : {}), ...(opts.strict ? { strict: true } : {}), log: (l) => log(`  build: ${l}`) });
      } catch (e) {
        return failed(`build failed: ${(e as Error).message}`, { pages, diagnostics });
      }
      lap('build', t);
      if (!build.ok) {
        const lint = build.lint && !build.lint.ok ? ` (redocly lint: ${build.lint.errors} errors: ${build.lint.problems.slice(0, 3).join('; ')})` : '';
        return failed(build.failures.length > 0 ? describeFailure(build, opts.strict ?? false) : `build failed${lint}`, { pages, diagnostics, build });
      }
      log(`  build: ran ${build.stagesRun.join(', ') || 'nothing'}; skipped ${build.stagesSkipped.join(', ') || 'nothing'}`);

      t = performance.now();
      const reports = await diffSpecDirectories(path.join(root, 'specs'), path.join(stage.dir, 'specs'));
      lap('diff', t);

      t = performance.now();
      await stage.commit();
      lap('commit', t);

      // --- report -----------------------------------------------------------------------
      const markdown = renderChangeMarkdown(reports, { date });
      const report = changeReportJson(reports, { date });
      const changesPath = path.join(root, 'CHANGES.md');
      const prev = await readFile(changesPath, 'utf8').catch(() => undefined);
      if (prev === undefined) await writeFile(changesPath, CHANGES_HEADER + markdown);
      else await appendFile(changesPath, `${prev.endsWith('\n\n') || prev === '' ? '' : prev.endsWith('\n') ? '\n' : '\n\n'}${markdown}`);
      await mkdir(path.join(root, '.cache'), { recursive: true });
      await writeFile(path.join(root, '.cache', 'last-change-report.json'), renderChangeJson(reports, { date }));
      log(report.changed ? `${report.totals.changes} API change(s), ${report.totals.breaking} breaking: see CHANGES.md` : 'no API changes');

      return result({
        ok: true,
        pages,
        sourcesWritten: snapshot.writes.map((w) => w.file),
        sourcesRemoved: [...snapshot.removes],
        build,
        diagnostics,
        reports,
        report,
        markdown,
      });
    } finally {
      await stage.dispose();
    }
  } catch (e) {
    return failed((e as Error).message);
  } finally {
    await release();
  }
}
