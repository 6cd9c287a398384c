/**
 * Discovery end to end: `runUpdate` against a local site whose /search-index.json (made from the
 * fixture pages by the test tools' renderer, serialised by MiniSearch) brings a new version, a new
 * operation and two new services; the contents-list + print-page fallback; filters; the floor gate.
 */
import { readFile, readdir } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { runBuild, type Stage } from '../../scripts/build.ts';
import { buildPortalModel } from '../../scripts/docs/portal-model.ts';
import { readSpecsDir } from '../../scripts/docs/spec-files.ts';
import { sha256 } from '../../scripts/hash.ts';
import { parseManifest, type Manifest } from '../../scripts/manifest.ts';
import { runUpdate, type UpdateOptions, type UpdateResult } from '../../scripts/update/update.ts';
import { type IndexEntry } from '../tools/site/from-html.ts';
import { searchIndexFile } from '../tools/site/index-files.ts';
import { dataFlowEntries, deleteDataFlow, miniSearchIndex, productEntries, showDataFlow11, streamFlowEntries } from './helpers/fixture-index.ts';
import { Projects } from './helpers/projects.ts';
import { makeProject, OPERATION_PATH, startSiteServer, treeHashes, type SiteServer } from './site-server.ts';

const SITE = 'https://docs.e.samsungsdscloud.com';
const STAGES: readonly Stage[] = ['specs', 'types'];
const NOW = (): Date => new Date('2026-11-30T08:00:00Z');
const SHOW_10 = '/apireference/data-analytics/data-flow/apis/showdataflow/1.0/';

let template: string;
let server: SiteServer;
const projects = new Projects('scp-discover-');

/** The updated site: ShowDataFlow moved to 1.1 (its 1.0 page is no longer indexed but still served), DeleteDataFlow added, two new services. */
function updatedSite(): IndexEntry[] {
  const dataFlow = dataFlowEntries('v1');
  return [...dataFlow.filter((e) => e.ref !== SHOW_10), showDataFlow11(dataFlow), ...deleteDataFlow(dataFlow), ...streamFlowEntries(dataFlow), ...productEntries()];
}

beforeAll(async () => {
  template = projects.track(await makeProject('v1'));
  expect((await runBuild({ root: template, stages: STAGES })).ok).toBe(true);
  server = await startSiteServer({ version: 'v1' });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await projects.disposeAll();
});

afterEach(() => {
  server.options.extra.clear();
  server.requests.length = 0;
});

function project(): Promise<string> {
  return projects.copyOf(template);
}

function update(root: string, extra: Partial<UpdateOptions> = {}): Promise<UpdateResult> {
  return runUpdate({ root, from: server.url, stages: STAGES, tailBytes: 20_000, retryBaseMs: 1, progress: false, now: NOW, ...extra });
}

async function manifestOf(root: string): Promise<Manifest> {
  return parseManifest(await readFile(path.join(root, 'sources', 'manifest.json'), 'utf8'), 'manifest.json');
}

async function specOps(root: string, service: string, version: string): Promise<string[]> {
  const doc = parseYaml(await readFile(path.join(root, 'specs', service, `${version}.yaml`), 'utf8')) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([p, item]) => Object.keys(item).filter((k) => k !== 'parameters').map((m) => `${m.toUpperCase()} ${p}`)).sort();
}

const specsOf = async (root: string, service: string): Promise<string[]> => (await readdir(path.join(root, 'specs', service)).catch(() => [] as string[])).sort();

describe('discovery from the search index', () => {
  it('adds the new services and versions to the manifest and the specs, and reports them', async () => {
    const root = await project();
    server.options.extra.set('/search-index.json', miniSearchIndex(updatedSite()));
    const r = await update(root);
    expect(r.error).toBeUndefined();
    expect(r.discovery).toBe('search-index');

    // One source file per service, as the contract lays it out, each in the manifest with its sha256.
    const m = await manifestOf(root);
    const si = m.files.filter((f) => f.layout === 'search-index');
    expect(si.map((f) => [f.file, f.origin, f.category])).toEqual([
      ['si_data-flow.json', `${SITE}/search-index.json#/apireference/data-analytics/data-flow/`, 'data-analytics'],
      ['si_product.json', `${SITE}/search-index.json#/apireference/management/product/`, 'management'],
      ['si_stream-flow.json', `${SITE}/search-index.json#/apireference/data-analytics/stream-flow/`, 'data-analytics'],
    ]);
    for (const f of si) expect(sha256(await readFile(path.join(root, 'sources', f.file)))).toBe(f.sha256);
    const expected = searchIndexFile(
      { origin: `${SITE}/search-index.json`, category: 'management', service: 'product', lang: 'ko' },
      productEntries().filter((e) => e.ref.startsWith('/apireference/management/product/')),
    );
    expect(await readFile(path.join(root, 'sources', 'si_product.json'), 'utf8')).toBe(expected);

    // The old print page is superseded; ShowDataFlow 1.0, no longer indexed but still served, stays as its own page.
    expect(m.files.map((f) => f.file).sort()).toEqual(['001_showdataflow-1.0.html', 'si_data-flow.json', 'si_product.json', 'si_stream-flow.json']);
    expect(await readdir(path.join(root, 'sources'))).not.toContain('000_data-analytics-print.html');
    expect(r.pages.find((p) => p.url.endsWith(OPERATION_PATH))).toMatchObject({ kind: 'operation', partial: true });

    // Service facts from the overview pages, citing them; categories with their titles.
    expect(m.services['product']).toMatchObject({
      category: 'management',
      origin: `${SITE}/apireference/management/product/`,
      title: { value: 'Product', cite: `${SITE}/apireference/management/product/` },
      baseUrl: { cite: `${SITE}/apireference/management/product/` },
    });
    expect(m.services['product']?.versionTable?.value.map((v) => v.version)).toEqual(['1.2', '1.1', '1.0']);
    expect(m.services['stream-flow']).toMatchObject({ category: 'data-analytics', title: { value: 'Stream Flow' }, baseUrl: { value: 'https://stream-flow.{region}.{environment}.samsungsdscloud.com' } });
    expect(m.services['stream-flow']?.environments?.value.length).toBeGreaterThan(0);
    expect(m.categories['management']).toEqual({ title: 'Management', origin: `${SITE}/apireference/management/` });

    // Specs for every new service and version, latest included; the new operation is in data-flow 1.0.
    expect(await specsOf(root, 'product')).toEqual(['1.0.yaml', '1.1.yaml', '1.2.yaml', 'latest.yaml']);
    expect(await specsOf(root, 'stream-flow')).toEqual(['1.0.yaml', 'latest.yaml']);
    expect(await specsOf(root, 'data-flow')).toEqual(['1.0.yaml', '1.1.yaml', 'latest.yaml']);
    expect(await specOps(root, 'data-flow', '1.0')).toEqual(['DELETE /v1/data-flows/{data_flow_id}', 'GET /v1/data-flows', 'GET /v1/data-flows/{data_flow_id}', 'POST /v1/data-flows']);
    expect(await specOps(root, 'data-flow', '1.1')).toEqual(['GET /v1/data-flows/{data_flow_id}']);
    expect(await specOps(root, 'stream-flow', '1.0')).toEqual(['GET /v1/stream-flows', 'GET /v1/stream-flows/{data_flow_id}', 'POST /v1/stream-flows']);

    // Types and the registry follow, with no code change.
    const registry = await readFile(path.join(root, 'generated', 'registry.ts'), 'utf8');
    for (const s of ['product', 'stream-flow']) expect(registry).toContain(`"${s}"`);
    expect((await readdir(path.join(root, 'generated', 'product'))).sort()).toEqual(['1.0.ts', '1.1.ts', '1.2.ts', 'index.ts', 'latest.ts', 'registry.ts']);

    // The docs portal lists them under their categories, from the specs and the manifest alone.
    const portal = buildPortalModel(await readSpecsDir(path.join(root, 'specs')), m);
    expect(portal.categories.map((c) => [c.id, c.title, c.services.map((x) => `${x.id}:${x.title}:${x.versions.map((v) => v.version).join('/')}`)])).toEqual([
      ['data-analytics', 'Data Analytics', ['data-flow:Data Flow:1.1/1.0', 'stream-flow:Stream Flow:1.0']],
      ['management', 'Management', ['product:Product:1.2/1.1/1.0']],
    ]);

    // The change report names the new operation and versions.
    const changes = await readFile(path.join(root, 'CHANGES.md'), 'utf8');
    expect(changes).toContain('## 2026-11-30');
    expect(changes).toMatch(/### data-flow 1\.0\n\n- `DELETE \/v1\/data-flows\/\{data_flow_id\}` \(deleteDataFlow\): operation added/);
    for (const v of ['data-flow 1.1', 'product 1.2', 'product 1.0', 'stream-flow 1.0']) expect(changes).toContain(`### ${v} (new version)`);
    // Read from the index, the unchanged operations give the same spec as from the print page: the only change to 1.0 is the new operation.
    expect(r.reports.find((x) => x.service === 'data-flow' && x.version === '1.0')?.changes.map((c) => `${c.kind} ${c.method} ${c.path}`)).toEqual(['operation-added delete /v1/data-flows/{data_flow_id}']);
  });

  it('a second run over the same site changes nothing', async () => {
    const root = await project();
    server.options.extra.set('/search-index.json', miniSearchIndex(updatedSite()));
    expect((await update(root)).ok).toBe(true);
    const before = await treeHashes(path.join(root, 'sources'));
    const again = await update(root);
    expect(again.ok).toBe(true);
    expect(again.markdown).toBe('## 2026-11-30\n\nNo changes.\n');
    expect(again.sourcesWritten).toEqual([]);
    expect(await treeHashes(path.join(root, 'sources'))).toEqual(before);
  });

  it('--services and --category leave every other service as it was', async () => {
    server.options.extra.set('/search-index.json', miniSearchIndex(updatedSite()));
    for (const filter of [{ services: ['product'] }, { category: 'management' }]) {
      const root = await project();
      const dataFlowSpecs = await treeHashes(path.join(root, 'specs', 'data-flow'));
      const r = await update(root, filter);
      expect(r.error).toBeUndefined();
      const m = await manifestOf(root);
      expect(m.files.map((f) => f.file).sort()).toEqual(['000_data-analytics-print.html', '001_showdataflow-1.0.html', 'si_product.json']);
      expect(m.services['stream-flow']).toBeUndefined();
      expect(await treeHashes(path.join(root, 'specs', 'data-flow'))).toEqual(dataFlowSpecs);
      expect(await specsOf(root, 'product')).toEqual(['1.0.yaml', '1.1.yaml', '1.2.yaml', 'latest.yaml']);
    }
    const root = await project();
    const r = await update(root, { services: ['nonesuch'] });
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/^--services: no service named nonesuch on the site or in the snapshot \(known: .*data-flow.*\)$/);
  });
});

describe('floor gate', () => {
  const withoutList = (): IndexEntry[] => updatedSite().filter((e) => !e.ref.includes('/data-flow/apis/listdataflows/'));

  it('refuses a site that lost an operation-version, names it, and leaves the tree as it was', async () => {
    const root = await project();
    const before = await treeHashes(root);
    server.options.extra.set('/search-index.json', miniSearchIndex(withoutList()));
    const r = await update(root);
    expect(r.ok).toBe(false);
    expect(r.error).toContain('0 of 1 services and 1 of 3 operation-versions vanished');
    expect(r.error).toContain('  vanished: data-flow 1.0 GET /v1/data-flows (ListDataFlows)');
    expect(r.floor?.lostOperations.map((o) => o.name)).toEqual(['ListDataFlows']);
    const after = await treeHashes(root);
    expect(Object.keys(after).filter((k) => !k.startsWith('.cache/update'))).toEqual(Object.keys(before).filter((k) => !k.startsWith('.cache/update')));
    for (const k of Object.keys(before).filter((x) => !x.startsWith('.cache/'))) expect(after[k], k).toBe(before[k]);
  });

  it('--allow-shrink commits it and reports the removal as breaking', async () => {
    const root = await project();
    server.options.extra.set('/search-index.json', miniSearchIndex(withoutList()));
    const r = await update(root, { allowShrink: true });
    expect(r.error).toBeUndefined();
    expect(await specOps(root, 'data-flow', '1.0')).not.toContain('GET /v1/data-flows');
    expect(await readFile(path.join(root, 'CHANGES.md'), 'utf8')).toContain('- **BREAKING** `GET /v1/data-flows` (listDataFlows): operation removed');
  });
});

describe('fallbacks when the search index is missing or unreadable', () => {
  it('the contents list names the services and their print pages give the content', async () => {
    const root = await project();
    server.options.extra.set('/search-index.json', '{"documentCount": 3, "storedFields": {"1": {"ref": "/apireference/x/');
    server.options.extra.set('/apireference/contents-list/', '<ul><li><a href="/apireference/data-analytics/data-flow/">Data Flow</a></li><li><a href="/apireference/management/product/">Product</a></li></ul>');
    server.options.extra.set('/apireference/data-analytics/data-flow/_print/', readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'site', 'v1', 'apireference', 'data-analytics', '_print', 'index.html')));
    server.options.extra.set('/apireference/management/product/_print/', readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'html', 'variants-product-print.html')));
    const r = await update(root);
    expect(r.error).toBeUndefined();
    expect(r.discovery).toBe('contents-list');
    const m = await manifestOf(root);
    // The print page holds ShowDataFlow 1.0 too: its own page is superseded.
    expect(m.files.map((f) => [f.file, f.layout, f.origin])).toEqual([
      ['print_data-flow.html', 'html', `${SITE}/apireference/data-analytics/data-flow/_print/`],
      ['print_product.html', 'html', `${SITE}/apireference/management/product/_print/`],
    ]);
    expect(m.services['product']).toMatchObject({ category: 'management', origin: `${SITE}/apireference/management/product/` });
    expect(await specsOf(root, 'product')).toEqual(['1.0.yaml', '1.1.yaml', '1.2.yaml', 'latest.yaml']);
    expect(r.reports.filter((x) => x.service === 'data-flow').every((x) => x.changes.length === 0)).toBe(true);
  });
});
