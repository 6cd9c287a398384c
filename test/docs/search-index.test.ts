import { beforeAll, describe, expect, it } from 'vitest';
import { buildPortalModel } from '../../scripts/docs/portal-model.ts';
import { type SearchIndex, buildSearchIndex } from '../../scripts/docs/search-index.ts';
import { type SpecFile, readSpecsDir } from '../../scripts/docs/spec-files.ts';
import { viewSpec } from '../../scripts/docs/openapi-view.ts';
import { FIXTURE_SPECS, REAL_SPECS, type ScpSearchApi, loadManifest, loadSearchCore } from './helpers.ts';

let specs: SpecFile[];
let index: SearchIndex;
let core: ScpSearchApi;
beforeAll(async () => {
  specs = await readSpecsDir(FIXTURE_SPECS);
  index = buildSearchIndex(buildPortalModel(specs, loadManifest()));
  core = loadSearchCore();
});

describe('search index', () => {
  it('has one entry per operation of every numbered version, none from latest.yaml', () => {
    const numbered = specs.filter((s) => s.version !== 'latest');
    const expected = numbered.flatMap((s) => viewSpec(s.doc).operations.map((o) => `${s.service} ${s.version} ${o.method} ${o.path}`));
    expect(index.entries.map((e) => `${e.service} ${e.version} ${e.method} ${e.path}`).sort()).toEqual(expected.sort());
    expect(index.entries.some((e) => e.version === 'latest')).toBe(false);
  });

  it('carries what a result shows and where it links', () => {
    const e = index.entries.find((x) => x.operationId === 'ListDataFlows' && x.version === '1.0');
    expect(e).toEqual({
      service: 'data-flow',
      serviceTitle: 'Data Flow',
      category: 'Data Analytics',
      version: '1.0',
      isDefault: false,
      operationId: 'ListDataFlows',
      summary: 'List data flows',
      description: 'get dataflow list console v1.0',
      text: '',
      method: 'GET',
      path: '/v1/data-flows',
      status: 'SUPPORTED',
      deprecated: false,
      href: 'data-flow/1.0.html#op-ListDataFlows',
    });
  });

  it('carries the descriptions of parameters and of body fields, following named models', () => {
    const doc = {
      paths: {
        '/v1/things': {
          post: {
            operationId: 'CreateThing',
            parameters: [{ name: 'dry_run', in: 'query', description: '검증만 수행' }],
            requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
            responses: { '200': { description: 'OK', content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Thing' } } } } } },
          },
        },
      },
      components: { schemas: { Thing: { type: 'object', properties: { created_dt: { type: 'string', description: '생성 시간' }, owner: { $ref: '#/components/schemas/Owner' } } }, Owner: { type: 'object', properties: { name: { description: 'Owner name' } } } } },
    };
    const [entry] = buildSearchIndex(buildPortalModel([{ service: 'x', version: '1.0', doc }], {})).entries;
    expect(entry?.text).toBe('검증만 수행 · 생성 시간 · Owner name');
  });

  it('is ordered by category, service, newest version, then path', () => {
    const keys = index.entries.map((e) => `${e.category}|${e.service}|${e.version}`);
    expect([...new Set(keys)]).toEqual(['Data Analytics|data-flow|1.1', 'Data Analytics|data-flow|1.0', 'AI-ML|aimlops-platform|1.0']);
  });
});

describe('search-core.js (the browser search)', () => {
  it('finds operations by Korean field descriptions and returns every match, not the first 30', async () => {
    const real = buildSearchIndex(buildPortalModel(await readSpecsDir(REAL_SPECS), loadManifest()));
    const korean = core.group(core.search(real.entries, '생성'));
    expect(korean.length).toBeGreaterThan(0);
    for (const hit of korean) expect(`${hit.entry.description} ${hit.entry.text}`, hit.entry.operationId).toContain('생성');
    const cluster = real.entries.filter((e) => `${e.operationId} ${e.summary} ${e.path} ${e.description} ${e.text}`.toLowerCase().includes('cluster'));
    expect(cluster.length).toBeGreaterThan(30);
    expect(core.search(real.entries, 'cluster')).toHaveLength(cluster.length);
  });

  it('shows the description words that matched when the name does not contain the query', () => {
    const e = { ...index.entries[0], operationId: 'ListThings', summary: 'List things', path: '/v1/things', description: '', text: 'Page size · 생성 시간 · 수정 시간' } as (typeof index.entries)[number];
    expect(core.snippet(e, '생성')).toBe('Page size · 생성 시간 · 수정 시간');
    expect(core.snippet(e, 'things')).toBe('');
  });

  it('ranks name matches above matches in descriptions only', () => {
    const entries = [
      { ...index.entries[0], operationId: 'DescribeOnly', summary: 'Other', path: '/a', description: 'mentions widget', text: '' },
      { ...index.entries[0], operationId: 'TextOnly', summary: 'Other', path: '/b', description: '', text: 'a widget field' },
      { ...index.entries[0], operationId: 'GetWidget', summary: 'Get widget', path: '/c', description: '', text: '' },
    ] as typeof index.entries;
    expect(core.search(entries, 'widget').map((e) => e.operationId)).toEqual(['GetWidget', 'DescribeOnly', 'TextOnly']);
  });

  it('finds an operation by operationId, case and spacing aside, default version first', () => {
    for (const q of ['ListDataFlows', 'listdataflows', 'list data flows', 'list-data-flows']) {
      const hits = core.search(index.entries, q);
      expect(hits[0]?.operationId, q).toBe('ListDataFlows');
      expect(hits[0]?.version, q).toBe('1.1');
    }
  });

  it('finds by path and by words of the summary', () => {
    expect(new Set(core.search(index.entries, '/v1/data-flows/{data_flow_id}').map((e) => e.operationId))).toEqual(
      new Set(['ShowDataFlow', 'DeleteDataFlow']),
    );
    expect(core.search(index.entries, 'platform version').map((e) => e.operationId)).toEqual(['CheckAimlopsPlatformVersionV1']);
    expect(core.search(index.entries, 'no such operation')).toEqual([]);
    expect(core.search(index.entries, '   ')).toEqual([]);
  });

  it('ranks an exact operationId above partial matches, and closer partial matches first', () => {
    expect(core.search(index.entries, 'deletedataflow')[0]?.operationId).toBe('DeleteDataFlow');
    // "dataflow" covers 8 of ShowDataFlow's 12 letters, more than of ListDataFlows or DeleteDataFlow.
    expect(core.search(index.entries, 'dataflow')[0]?.operationId).toBe('ShowDataFlow');
  });

  it('groups the versions of one operation into one hit', () => {
    const hits = core.group(core.search(index.entries, 'ListDataFlows'));
    expect(hits).toHaveLength(1);
    expect(hits[0]?.entry.version).toBe('1.1');
    expect(hits[0]?.others.map((e) => e.version)).toEqual(['1.0']);
  });

  it('squashes to letters and digits, keeping non-Latin scripts', () => {
    expect(core.squash('List-Data Flows_v1.1')).toBe('listdataflowsv11');
    expect(core.squash('데이터 플로우')).toBe('데이터플로우');
  });
});
