/**
 * End to end: `runUpdate` against a local Docsy-like site (test/fixtures/site) served over HTTP,
 * on a throw-away project root whose specs were built from the v1 pages by the real build.
 */
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runBuild, type Stage } from '../../scripts/build.ts';
import type { ChangeReportJson } from '../../scripts/diff/render.ts';
import { runUpdateCommand } from '../../scripts/update/command.ts';
import { formatUpdateResult } from '../../scripts/update/print.ts';
import { runUpdate, type PageOutcome, type UpdateOptions, type UpdateResult } from '../../scripts/update/update.ts';
import { makeProject, OPERATION_PATH, PRINT_PATH, SITE_DIR, startSiteServer, treeHashes, type SiteServer } from './site-server.ts';

const PAD = 60_000; // navigation weight injected before the content of the per-operation page
const TAIL = 20_000;
const STAGES: readonly Stage[] = ['specs', 'types'];
const NOW = (): Date => new Date('2026-11-23T09:30:00Z');

let template: string;
let server: SiteServer;
const roots: string[] = [];

beforeAll(async () => {
  template = await makeProject('v1', PAD);
  roots.push(template);
  const build = await runBuild({ root: template, stages: STAGES });
  expect(build.ok).toBe(true);
  expect(build.specsWritten).toContain('specs/data-flow/1.0.yaml');
  server = await startSiteServer({ padBytes: PAD });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await Promise.all(roots.map((r) => rm(r, { recursive: true, force: true })));
});

afterEach(() => {
  Object.assign(server.options, { version: 'v1', etag: true, honourRange: true });
  server.options.faults.clear();
  server.options.broken.clear();
  delete server.options.transform;
  server.requests.length = 0;
});

async function project(): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'scp-update-test-'));
  roots.push(root);
  await cp(template, root, { recursive: true });
  return root;
}

function update(root: string, extra: Partial<UpdateOptions> = {}): Promise<UpdateResult> {
  return runUpdate({ root, from: server.url, stages: STAGES, tailBytes: TAIL, retryBaseMs: 1, progress: false, now: NOW, ...extra });
}

const entries = (r: UpdateResult) => r.reports.flatMap((x) => x.changes);

async function liveTrees(root: string): Promise<Record<string, Record<string, string>>> {
  return { sources: await treeHashes(path.join(root, 'sources')), specs: await treeHashes(path.join(root, 'specs')), generated: await treeHashes(path.join(root, 'generated')) };
}

async function leftovers(root: string): Promise<string[]> {
  return (await readdir(path.join(root, '.cache'))).filter((n) => n.startsWith('update-') || n === 'update.lock');
}

function sha(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}

describe('runUpdate', () => {
  it('a required parameter added and a model property removed upstream give exactly those two breaking entries', async () => {
    const root = await project();
    server.options.version = 'v2';
    const r = await update(root);
    expect(r.error).toBeUndefined();
    expect(r.ok).toBe(true);
    expect(entries(r).map((e) => ({ kind: e.kind, target: e.target, breaking: e.breaking, method: e.method, path: e.path }))).toEqual([
      { kind: 'parameter-added', target: 'query cluster_id', breaking: true, method: 'get', path: '/v1/data-flows' },
      { kind: 'property-removed', target: 'DataFlowBodyCreate.description', breaking: true, method: 'post', path: '/v1/data-flows' },
    ]);

    // The snapshot moved: the fetched page is in sources/ under the manifest's sha256, and the specs follow it.
    const manifest = JSON.parse(await readFile(path.join(root, 'sources', 'manifest.json'), 'utf8')) as { files: { file: string; origin: string; sha256: string; etag?: string }[] };
    const print = manifest.files.find((f) => f.origin.endsWith(PRINT_PATH));
    const saved = await readFile(path.join(root, 'sources', print?.file ?? ''));
    expect(saved.equals(await server.page(PRINT_PATH))).toBe(true);
    expect(print?.sha256).toBe(sha(saved));
    expect(print?.etag).toMatch(/^"[0-9a-f]+"$/);
    expect(await readFile(path.join(root, 'specs', 'data-flow', '1.0.yaml'), 'utf8')).toContain('name: cluster_id');
    expect(r.build?.stagesRun).toEqual(['specs', 'types']);

    // Reported in CHANGES.md under the date and in .cache/last-change-report.json.
    const changes = await readFile(path.join(root, 'CHANGES.md'), 'utf8');
    expect(changes).toContain(`## 2026-11-23\n\n2 changes in 1 spec, 2 breaking.`);
    expect(changes).toContain('**BREAKING** `GET /v1/data-flows` (listDataFlows) `query cluster_id`: parameter added (required)');
    const json = JSON.parse(await readFile(path.join(root, '.cache', 'last-change-report.json'), 'utf8')) as ChangeReportJson;
    expect(json).toEqual(JSON.parse(JSON.stringify(r.report)));
    expect(json.totals).toEqual({ changes: 2, breaking: 2 });
    expect(await leftovers(root)).toEqual([]);
  });

  it('an update with no changes re-downloads nothing (ETag → 304), rebuilds nothing and reports "No changes"', async () => {
    const root = await project();
    const first = await update(root);
    expect(first.ok).toBe(true);
    expect(entries(first)).toEqual([]);
    const before = await liveTrees(root);
    server.requests.length = 0;

    const second = await update(root);
    expect(second.ok).toBe(true);
    // This fixture site has neither a search index nor a contents list: the manifest's pages are asked again.
    expect(second.discovery).toBe('manifest');
    expect(server.requests.slice(0, 2).map((q) => [q.path, q.status])).toEqual([
      ['/search-index.json', 404],
      ['/apireference/contents-list/', 404],
    ]);
    const pageRequests = server.requests.slice(2);
    expect(pageRequests.map((q) => q.status)).toEqual([304, 304]);
    expect(pageRequests.every((q) => q.ifNoneMatch !== undefined)).toBe(true);
    expect(second.pages.map((p) => [p.result, p.bytes])).toEqual([
      ['not-modified', 0],
      ['not-modified', 0],
    ]);
    expect(second.build?.stagesRun).toEqual([]);
    expect(second.build?.specsWritten).toEqual([]);
    expect(second.markdown).toBe('## 2026-11-23\n\nNo changes.\n');
    expect((await readFile(path.join(root, 'CHANGES.md'), 'utf8')).trimEnd().endsWith('## 2026-11-23\n\nNo changes.')).toBe(true);
    expect(await liveTrees(root)).toEqual(before);
  });

  describe('a failure part-way leaves sources/, specs/ and generated/ byte-identical', () => {
    it('a page that answers 500 on every retry', async () => {
      const root = await project();
      const before = await liveTrees(root);
      server.options.version = 'v2';
      server.options.broken.add(PRINT_PATH);
      const r = await update(root, { retries: 2 });
      expect(r.ok).toBe(false);
      expect(r.error).toContain('HTTP 500');
      expect(server.requests.filter((q) => q.path === PRINT_PATH).map((q) => q.status)).toEqual([500, 500, 500]);
      expect(await liveTrees(root)).toEqual(before);
      await expect(readFile(path.join(root, 'CHANGES.md'))).rejects.toThrow();
      expect(await leftovers(root)).toEqual([]);
    });

    it('a page that cannot be read (an error page served with 200)', async () => {
      const root = await project();
      const before = await liveTrees(root);
      server.options.version = 'v2';
      server.options.faults.set(PRINT_PATH, [200]);
      const r = await update(root);
      expect(r.ok).toBe(false);
      expect(r.error).toContain('no operation or model could be read');
      expect(await liveTrees(root)).toEqual(before);
      expect(await leftovers(root)).toEqual([]);
    });

    it('a build that fails in the staging root (strict mode, a page the reader warns about)', async () => {
      const root = await project();
      const before = await liveTrees(root);
      server.options.version = 'v2';
      // A table no reader knows, inside an operation: a warning, which fails a strict build.
      server.options.transform = (p, html) => (p === PRINT_PATH ? html.replace('<h2 id="responses">', '<table><thead><tr><th>Quota</th></tr></thead><tbody><tr><td>5</td></tr></tbody></table>\n<h2 id="responses">') : html);
      const r = await update(root, { strict: true });
      expect(r.ok).toBe(false);
      expect(r.error).toContain('build failed');
      expect(r.build?.stagesRun).toContain('specs'); // the build did run, in the staging root
      expect(r.diagnostics.some((d) => d.code === 'unknown-table')).toBe(true);
      expect(await liveTrees(root)).toEqual(before);
      expect(await leftovers(root)).toEqual([]);
    });
  });

  it('retries a 503 from the gateway and goes on', async () => {
    const root = await project();
    server.options.version = 'v2';
    server.options.faults.set(PRINT_PATH, [503]);
    const r = await update(root);
    expect(r.ok).toBe(true);
    expect(server.requests.filter((q) => q.path === PRINT_PATH).map((q) => q.status)).toEqual([503, 200]);
    expect(r.pages.find((p) => p.url.endsWith(PRINT_PATH))?.attempts).toBe(2);
    expect(entries(r)).toHaveLength(2);
  });

  describe('per-operation pages: suffix Range request', () => {
    it('honoured: only the tail is downloaded and saved', async () => {
      const root = await project();
      const page = await server.page(OPERATION_PATH);
      const r = await update(root);
      expect(r.ok).toBe(true);
      const op = r.pages.find((p) => p.url.endsWith(OPERATION_PATH));
      expect(op).toMatchObject({ status: 206, partial: true, bytes: TAIL });
      expect(op?.rangeFallback).toBeUndefined();
      expect(TAIL).toBeLessThan(page.length);
      expect(server.requests.find((q) => q.path === OPERATION_PATH)?.range).toBe(`bytes=-${TAIL}`);
      expect((await readFile(path.join(root, 'sources', op?.file ?? ''))).equals(page.subarray(page.length - TAIL))).toBe(true);
      expect(entries(r)).toEqual([]); // the tail reads to the same operation
    });

    it('ignored: the whole page (200) is used', async () => {
      const root = await project();
      server.options.honourRange = false;
      const page = await server.page(OPERATION_PATH);
      const r = await update(root);
      expect(r.ok).toBe(true);
      const op = r.pages.find((p) => p.url.endsWith(OPERATION_PATH));
      expect(op).toMatchObject({ status: 200, partial: false, rangeFallback: 'ignored', bytes: page.length });
      expect((await readFile(path.join(root, 'sources', op?.file ?? ''))).equals(page)).toBe(true);
      expect(entries(r)).toEqual([]);
    });

    it('a tail too short to hold the content falls back to the whole page', async () => {
      const root = await project();
      const page = await server.page(OPERATION_PATH);
      const r = await update(root, { tailBytes: 1000 });
      expect(r.ok).toBe(true);
      expect(server.requests.filter((q) => q.path === OPERATION_PATH).map((q) => [q.status, q.range])).toEqual([
        [206, 'bytes=-1000'],
        [200, undefined],
      ]);
      const op = r.pages.find((p) => p.url.endsWith(OPERATION_PATH));
      expect(op).toMatchObject({ rangeFallback: 'incomplete', partial: false, bytes: 1000 + page.length });
      expect((await readFile(path.join(root, 'sources', op?.file ?? ''))).equals(page)).toBe(true);
    });
  });

  it('reads saved pages from a local directory (offline run)', async () => {
    const root = await project();
    const r = await runUpdate({ root, from: path.join(SITE_DIR, 'v2'), stages: STAGES, progress: false, now: NOW });
    expect(r.ok).toBe(true);
    expect(server.requests).toEqual([]);
    expect(entries(r).map((e) => `${e.kind} ${e.target}`)).toEqual(['parameter-added query cluster_id', 'property-removed DataFlowBodyCreate.description']);
  });
});

describe('formatUpdateResult', () => {
  it('prints counts per code, every warning with file:line, the change summary and where the report went', async () => {
    const root = await project();
    server.options.version = 'v2';
    server.options.transform = (p, html) => (p === PRINT_PATH ? html.replace('<h2 id="responses">', '<table><thead><tr><th>Quota</th></tr></thead><tbody><tr><td>5</td></tr></tbody></table>\n<h2 id="responses">') : html);
    const r = await update(root);
    expect(r.ok).toBe(true);
    const text = formatUpdateResult(r);
    const warnings = (r.build?.diagnostics ?? []).filter((d) => d.severity === 'warning');
    expect(warnings.length).toBeGreaterThan(0);
    expect(text).toMatch(new RegExp(`^ +${warnings.filter((d) => d.code === 'unknown-table').length}  warning unknown-table$`, 'm'));
    for (const d of warnings) expect(text).toContain(`warning ${d.source.file}:${d.source.line}`);
    expect(text).toContain('pages: 2 pages (2 changed)'); // the print page, and the operation page now saved as its tail
    expect(text).toContain('changes: 2 changes in 1 spec, 2 breaking\n  data-flow 1.0: 2 changes, 2 breaking');
    expect(text).toContain('report: CHANGES.md (appended), .cache/last-change-report.json, .cache/last-change-report.md');
    expect(await readFile(path.join(root, '.cache', 'last-change-report.md'), 'utf8')).toBe(r.markdown);
  });

  it('counts the pages by result, pages gone from the site (404) included', () => {
    const page = (result: PageOutcome['result'], file: string): PageOutcome => ({ origin: `https://docs.e.samsungsdscloud.com/${file}`, url: `https://docs.e.samsungsdscloud.com/${file}`, kind: 'operation', file, result, bytes: 0, partial: false, attempts: 1 });
    const result: UpdateResult = { ok: true, date: '2026-12-01', pages: [page('changed', 'a.html'), page('missing', 'b.html'), page('missing', 'c.html')], sourcesWritten: [], sourcesRemoved: [], diagnostics: [], reports: [], timings: {} };
    expect(formatUpdateResult(result)).toContain('pages: 3 pages (1 changed, 2 missing)');
  });

  it('a failed update says why and that nothing was committed', async () => {
    const root = await project();
    server.options.broken.add(PRINT_PATH);
    const text = formatUpdateResult(await update(root, { retries: 0 }));
    expect(text).toContain('1 failed');
    expect(text).toMatch(/update failed: 1 page could not be fetched or read: .*HTTP 500/);
    expect(text).toContain('Nothing was committed');
  });
});

describe('runUpdateCommand', () => {
  it('rejects missing or malformed arguments with exit code 2', async () => {
    const root = await project();
    const errors: string[] = [];
    const original = console.error;
    console.error = (...a: unknown[]) => void errors.push(a.join(' '));
    try {
      expect(await runUpdateCommand([], root)).toBe(2);
      expect(await runUpdateCommand(['--from', server.url, '--concurrency', 'many'], root)).toBe(2);
    } finally {
      console.error = original;
    }
    expect(errors.join('\n')).toContain('--from is required');
    expect(errors.join('\n')).toContain('--concurrency must be a non-negative integer');
  });
});
