import { describe, expect, it } from 'vitest';
import type { ManifestFile } from '../../scripts/manifest.ts';
import type { OperationDoc, ServiceVersionRow, SourceDoc } from '../../scripts/model.ts';
import { composeManifest } from '../../scripts/update/compose.ts';
import type { Discovery, ServiceSource } from '../../scripts/update/discover/discover.ts';
import { planSnapshot, type OldSource, type PlanContext } from '../../scripts/update/plan-snapshot.ts';
import { serviceIdsOf } from '../../scripts/update/scope.ts';

const SITE = 'https://docs.e.samsungsdscloud.com';

function doc(file: string, service: string, ops: readonly string[], versionTable?: ServiceVersionRow[]): SourceDoc {
  const operations = ops.map((o) => {
    const [name, version, method, path] = o.split(' ') as [string, string, OperationDoc['method'], string];
    return { name, version, method, path, serviceId: service } as unknown as OperationDoc;
  });
  return { file, layout: 'html', services: [{ id: service, operations, models: [], source: { file, line: 1 }, ...(versionTable ? { versionTable } : {}) }], diagnostics: [] };
}

function old(file: string, origin: string, category: string, d: SourceDoc): OldSource {
  const entry: ManifestFile = { file, origin: `${SITE}${origin}`, layout: 'html', sha256: '0'.repeat(64), category };
  return { entry, doc: d, ids: serviceIdsOf(d) };
}

function source(service: string, category: string, ops: readonly string[], slugs: Record<string, string>, versionTable?: ServiceVersionRow[], sectionSlugs: readonly string[] = []): ServiceSource {
  const file = `si_${service}.json`;
  const d = doc(file, service, ops, versionTable);
  return {
    entry: { file, origin: `${SITE}/search-index.json#/apireference/${category}/${service}/`, layout: 'search-index', sha256: '1'.repeat(64), category },
    body: Buffer.from('{}'),
    doc: d,
    id: service,
    segment: service,
    category,
    overviewUrl: `${SITE}/apireference/${category}/${service}/`,
    operations: ops.map((o) => {
      const [name = '', version = ''] = o.split(' ');
      return { slug: slugs[name] ?? name.toLowerCase(), version, name };
    }),
    sectionSlugs,
  };
}

const ctx = (scope: PlanContext['scope'] = {}): PlanContext => ({ site: SITE, lang: 'ko', scope, namesOf: (id) => ({ id, category: 'data-analytics' }) });

describe('planSnapshot', () => {
  const print = old('001.txt', '/apireference/data-analytics/_print/', 'data-analytics', {
    ...doc('001.txt', 'data-flow', ['CreateDataFlow 1.0 post /v1/data-flows', 'CreateDataFlow 1.1 post /v1/data-flows', 'ShowDataFlow 1.0 get /v1/data-flows/{id}']),
    services: [...doc('001.txt', 'data-flow', ['CreateDataFlow 1.0 post /v1/data-flows', 'CreateDataFlow 1.1 post /v1/data-flows', 'ShowDataFlow 1.0 get /v1/data-flows/{id}']).services, ...doc('001.txt', 'vertica', ['ListVerticas 1.0 get /v1/verticas']).services],
  });
  const opPage = old('002.html', '/apireference/data-analytics/data-flow/apis/showdataflow/1.0/', 'data-analytics', doc('002.html', 'data-flow', ['ShowDataFlow 1.0 get /v1/data-flows/{id}']));
  const dataFlow = source('data-flow', 'data-analytics', ['CreateDataFlow 1.1 post /v1/data-flows', 'CreateDataFlow 1.2 post /v1/data-flows', 'ShowDataFlow 1.2 get /v1/data-flows/{id}'], { CreateDataFlow: 'createdataflow' }, [
    { version: '1.2', status: 'CURRENT', supportedUntil: '-' },
    { version: '1.1', status: 'SUPPORTED', supportedUntil: '20270101' },
    { version: '0.9', status: 'DEPRECATED', supportedUntil: '20261231' },
    { version: '2.0', status: 'PLANNED', supportedUntil: '-' },
  ], ['createdataflow', 'deletedataflow', 'showdataflow']);
  const vertica = source('vertica', 'data-analytics', ['ListVerticas 1.0 get /v1/verticas'], {});
  const discovery: Discovery = { method: 'search-index', services: [dataFlow, vertica], categoryTitles: {}, notes: [] };

  it('supersedes files whose services were all discovered, and looks for the operation-versions the index lacks on their own pages', () => {
    const plan = planSnapshot([print, opPage], discovery, ctx());
    expect(plan.drop.map((e) => e.file)).toEqual(['001.txt']);
    // ShowDataFlow 1.0 comes from its own page already: that entry is asked again (a 404 would mean it is gone).
    expect(plan.refetch.map((e) => e.file)).toEqual(['002.html']);
    expect(plan.missingOk.has(opPage.entry.origin)).toBe(true);
    // By origin: CreateDataFlow 1.0 because the snapshot had it and the index does not (its slug comes
    // from the index); 0.9 because the version table lists it but no indexed page has it (every
    // operation is probed, DeleteDataFlow too, which the index knows by its section page only; the
    // PLANNED 2.0 is not).
    expect(plan.newPages.map((p) => [p.reason, p.origin.replace(SITE, ''), p.file])).toEqual([
      ['version-table', '/apireference/data-analytics/data-flow/apis/createdataflow/0.9/', 'op_data-flow_createdataflow_0.9.html'],
      ['snapshot', '/apireference/data-analytics/data-flow/apis/createdataflow/1.0/', 'op_data-flow_createdataflow_1.0.html'],
      ['version-table', '/apireference/data-analytics/data-flow/apis/deletedataflow/0.9/', 'op_data-flow_deletedataflow_0.9.html'],
      ['version-table', '/apireference/data-analytics/data-flow/apis/showdataflow/0.9/', 'op_data-flow_showdataflow_0.9.html'],
    ]);
    expect(plan.newPages.every((p) => plan.missingOk.has(p.origin))).toBe(true);
  });

  it('with a filter, a file that also holds a service outside it is re-fetched, and files outside it are kept', () => {
    const onlyFlow = { ...discovery, services: [dataFlow] };
    const plan = planSnapshot([print, opPage], onlyFlow, ctx({ services: new Set(['data-flow']) }));
    expect(plan.refetch.map((e) => e.file)).toEqual(['001.txt', '002.html']);
    expect(plan.drop).toEqual([]);
    const verticaOnly = planSnapshot([opPage], { ...discovery, services: [vertica] }, ctx({ services: new Set(['vertica']) }));
    expect(verticaOnly.keep.map((e) => e.file)).toEqual(['002.html']);
  });

  it('looks for what last run\'s index file of a service had and its new index entry lacks on its own page', () => {
    // Last run read vertica from the index with two operations; this run's index has one of them.
    const lastRun = old('si_vertica.json', '/search-index.json#/apireference/data-analytics/vertica/', 'data-analytics', doc('si_vertica.json', 'vertica', ['ListVerticas 1.0 get /v1/verticas', 'ShowVertica 1.0 get /v1/verticas/{id}']));
    const plan = planSnapshot([lastRun], discovery, ctx());
    expect([...plan.drop, ...plan.refetch, ...plan.keep]).toEqual([]); // the file itself is rewritten by its new source
    expect(plan.newPages.filter((p) => p.service === 'vertica').map((p) => [p.reason, p.origin.replace(SITE, ''), p.file])).toEqual([
      ['snapshot', '/apireference/data-analytics/vertica/apis/showvertica/1.0/', 'op_vertica_showvertica_1.0.html'],
    ]);
    expect(plan.missingOk.has(`${SITE}/apireference/data-analytics/vertica/apis/showvertica/1.0/`)).toBe(true);
  });

  it('when nothing could be discovered, every file in scope is re-fetched as before', () => {
    const plan = planSnapshot([print, opPage], { method: 'manifest', services: [], categoryTitles: {}, notes: [] }, ctx());
    expect(plan.refetch.map((e) => e.file)).toEqual(['001.txt', '002.html']);
    expect(plan.newPages).toEqual([]);
  });
});

describe('composeManifest', () => {
  const manifest = {
    $comment: 'kept',
    site: SITE,
    files: [
      { file: '001.txt', origin: `${SITE}/apireference/data-analytics/_print/`, layout: 'flat', sha256: 'a'.repeat(64), category: 'data-analytics' },
      { file: 'si_data-flow.json', origin: `${SITE}/search-index.json#/apireference/data-analytics/data-flow/`, layout: 'search-index', sha256: 'b'.repeat(64), category: 'data-analytics' },
    ],
    categories: { 'data-analytics': { title: 'Data Analytics', origin: `${SITE}/apireference/data-analytics/` } },
    services: { 'aimlops-platform': { category: 'ai-ml', baseUrl: { value: 'https://x', cite: 'c' } } },
  };
  const text = `${JSON.stringify(manifest, null, 2)}\n`;

  it('drops superseded files, replaces by origin in place, appends new files in name order, records facts and categories', () => {
    const add = (file: string, origin: string, sha: string, category: string) => ({ entry: { file, origin, layout: 'search-index' as const, sha256: sha.repeat(64), category }, body: Buffer.from(file) });
    const change = composeManifest(text, {
      drop: ['001.txt'],
      add: [
        add('si_product.json', `${SITE}/search-index.json#/apireference/management/product/`, 'd', 'management'),
        add('si_data-flow.json', `${SITE}/search-index.json#/apireference/data-analytics/data-flow/`, 'c', 'data-analytics'),
      ],
      services: [
        { id: 'product', category: 'management', origin: `${SITE}/apireference/management/product/`, doc: { id: 'product', title: 'Product', baseUrl: 'https://product.{environment}.samsungsdscloud.com', environments: [{ environment: 's', region: 'kr-west1' }], versionTable: [{ version: '1.2', status: 'CURRENT', supportedUntil: '-' }], operations: [], models: [], source: { file: 'si_product.json', line: 2 } } },
      ],
      categoryTitles: { management: 'Management' },
      site: SITE,
    });
    expect(change.writes.map((w) => w.file)).toEqual(['si_data-flow.json', 'si_product.json']);
    expect(change.removes).toEqual(['001.txt']);
    const next = JSON.parse(change.manifestText ?? '{}') as typeof manifest & { services: Record<string, unknown> };
    expect(next.$comment).toBe('kept');
    expect(next.files.map((f) => [f.file, f.sha256[0]])).toEqual([
      ['si_data-flow.json', 'c'],
      ['si_product.json', 'd'],
    ]);
    const cite = `${SITE}/apireference/management/product/`;
    expect(next.services).toEqual({
      'aimlops-platform': manifest.services['aimlops-platform'],
      product: {
        category: 'management',
        origin: cite,
        title: { value: 'Product', cite },
        baseUrl: { value: 'https://product.{environment}.samsungsdscloud.com', cite },
        environments: { value: [{ environment: 's', region: 'kr-west1' }], cite },
        versionTable: { value: [{ version: '1.2', status: 'CURRENT', supportedUntil: '-' }], cite },
      },
    });
    expect(Object.keys(next.categories)).toEqual(['data-analytics', 'management']);
    expect(next.categories['management' as 'data-analytics']).toEqual({ title: 'Management', origin: `${SITE}/apireference/management/` });
  });

  it('an unchanged file is neither written nor moved, and the text is kept when nothing changed', () => {
    const same = composeManifest(text, {
      drop: [],
      add: [{ entry: { ...manifest.files[1], layout: 'search-index' } as ManifestFile, body: Buffer.from('x') }],
      services: [],
      categoryTitles: {},
      site: SITE,
    });
    expect(same).toEqual({ writes: [], removes: [], changedOrigins: [] });
  });
});
