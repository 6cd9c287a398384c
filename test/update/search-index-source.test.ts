/**
 * The search index as a discovery source: URL scheme, streaming the stored documents out of a
 * MiniSearch v2 document, splitting them into per-service files (the search-index contract), and
 * loading it over HTTP (stopping once the stored documents are read) or from a directory.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createIndexCollector, IndexFormatError, type IndexDocument } from '../../scripts/update/discover/index-stream.ts';
import { IndexUnavailable, loadSearchIndex, type IndexSource } from '../../scripts/update/discover/load-index.ts';
import { classifyRef, guessSlug, servicePathsIn } from '../../scripts/update/discover/site-paths.ts';
import { splitSearchIndex } from '../../scripts/update/discover/split-index.ts';
import { startSiteServer, type SiteServer } from './site-server.ts';

const SITE = 'https://docs.e.samsungsdscloud.com';

/** A MiniSearch v2 `toJSON()` document for these pages, with a term index of `indexTerms` entries after the stored fields. */
function miniSearchJson(docs: readonly Partial<IndexDocument>[], indexTerms = 10): string {
  const documentIds: Record<string, string> = {};
  const storedFields: Record<string, unknown> = {};
  docs.forEach((d, i) => {
    documentIds[i] = d.ref ?? `/nowhere/${i}/`;
    storedFields[i] = d;
  });
  const index = Array.from({ length: indexTerms }, (_, t) => [`term${t}`, { 0: { 0: 1, 1: 2 }, 1: { 1: 1 } }]);
  return JSON.stringify({ documentCount: docs.length, nextId: docs.length, documentIds, fieldIds: { title: 0, body: 1 }, fieldLength: {}, averageFieldLength: [1, 2], storedFields, dirtCount: 0, index, serializationVersion: 2 });
}

const page = (ref: string, title: string, body: string, lang = 'ko'): IndexDocument => ({ ref, title, body, lang, categories: [] });
const DOCS: IndexDocument[] = [
  page('/apireference/data-analytics/', 'Data Analytics', ''),
  page('/apireference/data-analytics/data-flow/', 'Data Flow', 'Overview\nData Flow …'),
  page('/apireference/data-analytics/data-flow/apis/', 'APIs', ''),
  page('/apireference/data-analytics/data-flow/apis/createdataflow/', 'CreateDataFlow', ''),
  page('/apireference/data-analytics/data-flow/apis/createdataflow/1.1/', '1.1', 'post /v1/data-flows\nDescription 생성'),
  page('/apireference/data-analytics/data-flow/apis/createdataflow/1.2/', 'CreateDataFlow', 'post /v1/data-flows\nDescription 생성 "quoted"\nline'),
  page('/apireference/data-analytics/data-flow/models/Tag/', 'Tag', 'Name Description Schema key'),
  page('/en/apireference/data-analytics/data-flow/apis/createdataflow/1.2/', 'CreateDataFlow', 'post /v1/data-flows Description Create', 'en'),
  page('/apireference/compute/virtual-server/', 'Virtual Server', 'Overview'),
  page('/apireference/compute/virtual-server/apis/listservers/1.0/', 'ListServers', 'get /v1/servers Description'),
  page('/apireference/api-common/version/', 'Version', 'CURRENT SUPPORTED'),
  page('/apireference/contents-list/', 'Contents', ''),
  page('/userguide/intro/', 'Intro', ''),
];

describe('site paths', () => {
  it('classifies every page of a service section', () => {
    expect(classifyRef('/apireference/data-analytics/data-flow/')).toEqual({ kind: 'overview', lang: 'ko', category: 'data-analytics', service: 'data-flow' });
    expect(classifyRef('/apireference/data-analytics/data-flow/apis/')).toMatchObject({ kind: 'api-list' });
    expect(classifyRef('/apireference/data-analytics/data-flow/apis/createdataflow/')).toMatchObject({ kind: 'operation-section', slug: 'createdataflow' });
    expect(classifyRef('/apireference/data-analytics/data-flow/apis/createdataflow/1.10/')).toMatchObject({ kind: 'operation', slug: 'createdataflow', version: '1.10' });
    expect(classifyRef('/en/apireference/ai-ml/aimlops-platform/models/Tag/')).toEqual({ kind: 'model', lang: 'en', category: 'ai-ml', service: 'aimlops-platform', model: 'Tag' });
    expect(classifyRef('/apireference/data-analytics/data-flow/apis/x/latest/')).toMatchObject({ kind: 'other' });
    expect(classifyRef('/apireference/data-analytics/_print/')).toBeUndefined();
    expect(classifyRef('/apireference/data-analytics/')).toBeUndefined();
    expect(classifyRef('/userguide/x/y/')).toBeUndefined();
  });

  it('finds service sections in any text and guesses slugs from names', () => {
    const html = '<a href="/apireference/compute/virtual-server/">VS</a> <a href="https://x/apireference/compute/virtual-server/apis/">APIs</a> /en/apireference/ai-ml/aimlops-platform/ "/apireference/compute/_print/"';
    expect(servicePathsIn(html)).toEqual([
      { category: 'compute', service: 'virtual-server' },
      { category: 'ai-ml', service: 'aimlops-platform' },
    ]);
    expect(guessSlug('Add Instances')).toBe('addinstances');
    expect(guessSlug('CheckAIMLOpsPlatformVersionV1')).toBe('checkaimlopsplatformversionv1');
  });
});

describe('createIndexCollector', () => {
  it('reads the stored documents whatever the chunking, taking refs from documentIds when needed, and knows when they are whole', () => {
    const text = miniSearchJson([{ title: 'B', body: 'bb', lang: 'ko', categories: [] }, { ref: '/a/', title: 'A', body: 'aa' }]);
    for (const size of [1, 7, 64, text.length]) {
      const c = createIndexCollector();
      let completeAt = -1;
      for (let i = 0; i < text.length; i += size) {
        c.write(text.slice(i, i + size));
        if (c.complete && completeAt < 0) completeAt = i + size;
      }
      expect(completeAt).toBeLessThan(text.indexOf('"index"') + size + 20);
      expect(c.finish()).toEqual([
        { ref: '/a/', title: 'A', body: 'aa', categories: [] },
        { ref: '/nowhere/0/', title: 'B', body: 'bb', lang: 'ko', categories: [] },
      ]);
    }
  });

  it('refuses what is not a usable MiniSearch document, saying why', () => {
    const fail = (text: string): string => {
      const c = createIndexCollector();
      try {
        c.write(text);
        c.finish();
      } catch (e) {
        expect(e).toBeInstanceOf(IndexFormatError);
        return (e as Error).message;
      }
      return 'accepted';
    };
    expect(fail('<html><body>Service Unavailable</body></html>')).toMatch(/^not a JSON document/);
    const whole = miniSearchJson(DOCS);
    expect(fail(whole.slice(0, whole.indexOf('"dirtCount"') - 200))).toBe('the document ends before its storedFields are complete (truncated?)');
    expect(fail('{"documentCount":0,"storedFields":{},"index":[]}')).toBe('no "storedFields" documents (not a MiniSearch index?)');
    expect(fail(miniSearchJson([{ title: 'x' }, { title: 'y' }, { ref: '/a/', body: 'b' }]))).toBe('2 of 3 stored documents lack a ref or a body');
  });
});

describe('splitSearchIndex', () => {
  const split = splitSearchIndex([...DOCS].sort((a, b) => (a.ref < b.ref ? -1 : 1)), SITE);

  it('writes one file per service with operation pages, in the contract form', () => {
    expect(split.services.map((s) => [s.file, s.category, s.service, s.origin, s.overviewUrl])).toEqual([
      ['si_data-flow.json', 'data-analytics', 'data-flow', `${SITE}/search-index.json#/apireference/data-analytics/data-flow/`, `${SITE}/apireference/data-analytics/data-flow/`],
      ['si_virtual-server.json', 'compute', 'virtual-server', `${SITE}/search-index.json#/apireference/compute/virtual-server/`, `${SITE}/apireference/compute/virtual-server/`],
    ]);
    const text = split.services[0]?.text ?? '';
    const lines = text.split('\n');
    expect(lines[0]).toBe(`{"origin":"${SITE}/search-index.json","category":"data-analytics","service":"data-flow","lang":"ko","pages":[`);
    expect(lines.slice(-2)).toEqual([']}', '']);
    const pages = lines.slice(1, -2).map((l) => JSON.parse(l.replace(/,$/, '')) as IndexDocument);
    // Every Korean page of the section, sorted by ref, one per line, keys in the contract order.
    expect(pages.map((p) => p.ref)).toEqual(DOCS.filter((d) => d.ref.startsWith('/apireference/data-analytics/data-flow/')).map((d) => d.ref).sort());
    expect(Object.keys(pages[0] as object)).toEqual(['ref', 'title', 'lang', 'categories', 'body']);
    expect(pages.find((p) => p.ref.endsWith('/1.2/'))?.body).toBe('post /v1/data-flows\nDescription 생성 "quoted"\nline');
    expect(JSON.parse(text)).toMatchObject({ service: 'data-flow', pages: expect.any(Array) });
  });

  it('names operations by title, or by their section title when the page is titled by its version', () => {
    expect(split.services[0]?.operations).toEqual([
      { slug: 'createdataflow', version: '1.1', name: 'CreateDataFlow' },
      { slug: 'createdataflow', version: '1.2', name: 'CreateDataFlow' },
    ]);
  });

  it('collects category titles, and sets aside sections without operations and pages outside sections', () => {
    expect(split.categoryTitles).toEqual({ 'data-analytics': 'Data Analytics' });
    expect(split.withoutOperations).toEqual(['api-common/version']);
    // /apireference/contents-list/ is a page of its own (like a category index); /userguide/ is not the reference.
    expect(split.otherPages).toBe(0);
  });

  it('another language takes only its own pages', () => {
    const en = splitSearchIndex(DOCS, SITE, 'en');
    expect(en.services.map((s) => s.file)).toEqual(['si_data-flow.json']);
    expect(en.services[0]?.text).toContain('"lang":"en","pages":[\n{"ref":"/en/apireference/data-analytics/data-flow/apis/createdataflow/1.2/"');
  });

  it('is deterministic: the same documents in another order give the same bytes', () => {
    const again = splitSearchIndex([...DOCS].reverse().sort((a, b) => (a.ref < b.ref ? -1 : 1)), SITE);
    expect(again.services.map((s) => s.text)).toEqual(split.services.map((s) => s.text));
  });
});

describe('loadSearchIndex', () => {
  let site: SiteServer;
  let dir: string;
  const sleeps: number[] = [];
  const source = (from: string, local = false): IndexSource => ({
    from,
    local,
    idleTimeoutMs: 30_000,
    retry: { retries: 2, baseDelayMs: 10, maxDelayMs: 100, random: () => 1, sleep: async (ms) => void sleeps.push(ms) },
  });

  beforeAll(async () => {
    site = await startSiteServer();
    dir = await mkdtemp(path.join(os.tmpdir(), 'scp-index-'));
  });
  afterAll(async () => {
    await site.close();
    await rm(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    site.options.extra.clear();
    site.options.faults.clear();
    site.requests.length = 0;
    sleeps.length = 0;
  });

  it('streams the stored documents and stops before the term index', async () => {
    const text = miniSearchJson(DOCS, 200_000); // a term index of several MB after the stored fields
    site.options.extra.set('/search-index.json', text);
    const r = await loadSearchIndex(source(site.url));
    expect(r.docs.map((d) => d.ref)).toEqual(DOCS.map((d) => d.ref).sort());
    expect(r.stoppedEarly).toBe(true);
    expect(r.bytes).toBeLessThan(text.length / 2);
  });

  it('retries a 503, and reports a missing or malformed index as unavailable', async () => {
    site.options.extra.set('/search-index.json', miniSearchJson(DOCS));
    site.options.faults.set('/search-index.json', [503]);
    expect((await loadSearchIndex(source(site.url))).docs).toHaveLength(DOCS.length);
    expect(sleeps).toEqual([10]);

    site.options.extra.clear();
    await expect(loadSearchIndex(source(site.url))).rejects.toThrow(new IndexUnavailable(`${site.url}/search-index.json: HTTP 404`));
    site.options.extra.set('/search-index.json', '<html>maintenance</html>');
    await expect(loadSearchIndex(source(site.url))).rejects.toThrow(/search-index\.json: not a JSON document/);
  });

  it('reads a saved index from a directory', async () => {
    await expect(loadSearchIndex(source(dir, true))).rejects.toBeInstanceOf(IndexUnavailable);
    await writeFile(path.join(dir, 'search-index.json'), miniSearchJson(DOCS));
    expect((await loadSearchIndex(source(dir, true))).docs).toHaveLength(DOCS.length);
  });
});
