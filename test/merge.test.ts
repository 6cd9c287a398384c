import { describe, expect, it } from 'vitest';
import type { Manifest } from '../scripts/manifest.ts';
import { firstDifference, mergeSources } from '../scripts/merge.ts';
import { compareVersionsDesc } from '../src/version-order.ts';
import type { OperationDoc, SourceDoc } from '../scripts/model.ts';

const manifest: Manifest = {
  files: [],
  categories: { 'data-analytics': { title: 'Data Analytics' } },
  services: {
    'data-ops': {
      category: 'data-analytics',
      title: { value: 'Data Ops', cite: 'test' },
      baseUrl: { value: 'https://data-ops.{region}.{environment}.samsungsdscloud.com', cite: 'test' },
    },
    'aimlops-platform': {
      baseUrl: { value: 'https://aimlops-platform.{region}.{environment}.samsungsdscloud.com', cite: 'https://docs.e.samsungsdscloud.com/apireference/ai-ml/' },
    },
  },
};

function op(file: string, line: number, over: Partial<OperationDoc> = {}): OperationDoc {
  return {
    name: 'UpdateDataOpsService',
    version: '1.1',
    method: 'put',
    path: '/v1/data-ops-services/{data_ops_service_id}',
    description: 'update data ops service',
    state: 'ACTIVE',
    status: 'CURRENT',
    supportedUntil: '-',
    parameters: [],
    responses: [{ code: '202', description: 'Accepted', schemaText: 'DataOpsServiceUpdateResponse', schema: { kind: 'ref', model: 'DataOpsServiceUpdateResponse' }, source: { file, line: line + 5 } }],
    example: { headers: [{ name: 'Scp-Api-Version', value: 'data-ops 1.1' }] },
    serviceId: 'data-ops',
    source: { file, line },
    ...over,
  };
}

function source(file: string, ops: OperationDoc[], layout: SourceDoc['layout'] = 'markdown'): SourceDoc {
  return { file, layout, services: [{ id: undefined, operations: ops, models: [], source: { file, line: 1 } }], diagnostics: [] };
}

describe('mergeSources', () => {
  it('deduplicates identical op-versions from several files and records every place', () => {
    const m = mergeSources([source('000.txt', [op('000.txt', 40)]), source('001.txt', [op('001.txt', 900)], 'flat')], manifest);
    expect(m.diagnostics).toEqual([]);
    const svc = m.services[0];
    expect(svc?.id).toBe('data-ops');
    expect(svc?.categoryTitle).toBe('Data Analytics');
    expect(svc?.operations).toHaveLength(1);
    expect(svc?.operations[0]?.sources).toEqual([{ file: '000.txt', line: 40 }, { file: '001.txt', line: 900 }]);
    expect(svc?.sourceFiles).toEqual(['000.txt', '001.txt']);
  });

  it('reports a real disagreement naming both places and the differing field; equally complete copies keep the first', () => {
    const m = mergeSources([source('000.txt', [op('000.txt', 40)]), source('001.txt', [op('001.txt', 900, { description: 'changed' })])], manifest);
    const d = m.diagnostics.filter((x) => x.code === 'disagreement');
    expect(d).toHaveLength(1);
    expect(d[0]?.message).toBe('UpdateDataOpsService 1.1 differs at description between 000.txt:40 and 001.txt:900; equally complete; keeping the first');
    expect(d[0]?.operation).toBe('UpdateDataOpsService 1.1');
    expect(m.services[0]?.operations[0]?.description).toBe('update data ops service');
  });

  it('keeps the more complete of two disagreeing copies, whichever comes first, and says so', () => {
    const parameter = { in: 'path' as const, name: 'data_ops_service_id', required: true, description: 'id', constraints: [], schemaText: 'string', schema: { kind: 'primitive' as const, type: 'string' as const }, source: { file: 'x', line: 1 } };
    const damaged = op('000.txt', 40);
    const whole = op('001.txt', 900, { parameters: [parameter] });
    for (const order of [[damaged, whole], [whole, damaged]]) {
      const m = mergeSources(order.map((o) => source(o.source.file, [o])), manifest);
      expect(m.services[0]?.operations[0]?.parameters).toEqual([parameter]);
      expect(m.services[0]?.operations[0]?.sources.map((s) => s.file)).toEqual(order.map((o) => o.source.file));
      expect(m.diagnostics.map((x) => [x.severity, x.code])).toEqual([['warning', 'disagreement']]);
      expect(m.diagnostics[0]?.message).toMatch(/keeping the more complete 001\.txt:900 \(\d+ values against \d+\)$/);
    }
  });

  it('a model that operations reference but no source of a service that defines models defines: an error at the reference', () => {
    const withModels: SourceDoc = {
      file: '001.txt',
      layout: 'flat',
      services: [{ id: 'data-ops', operations: [op('001.txt', 900)], models: [{ name: 'Other', fields: [], source: { file: '001.txt', line: 5000 } }], source: { file: '001.txt', line: 1 } }],
      diagnostics: [],
    };
    const m = mergeSources([withModels], manifest);
    expect(m.diagnostics.map((d) => [d.severity, d.code, d.operation, d.source.line])).toEqual([['error', 'model-not-defined', 'UpdateDataOpsService 1.1', 905]]);
    expect(m.diagnostics[0]?.message).toBe('response 202 references model DataOpsServiceUpdateResponse, which no source of data-ops defines: its model section or page is lost');
    // A service that defines no model at all (AI&MLOps) gets inferred schemas instead: no error here.
    expect(mergeSources([source('000.txt', [op('000.txt', 40)])], manifest).diagnostics).toEqual([]);
  });

  it('merges the API Version History of several pages, each line once', () => {
    const entry = (file: string, line: number, text: string) => ({ version: '1.1', change: 'new' as const, text, source: { file, line } });
    const page = (file: string, history: ReturnType<typeof entry>[]): SourceDoc => ({
      file,
      layout: 'html',
      services: [{ id: 'data-ops', operations: [op(file, 40)], models: [], versionHistory: history, source: { file, line: 1 } }],
      diagnostics: [],
    });
    const m = mergeSources([page('a.html', [entry('a.html', 7, 'one'), entry('a.html', 8, 'two')]), page('b.html', [entry('b.html', 3, 'two'), entry('b.html', 4, 'three')])], manifest);
    expect(m.services[0]?.versionHistory?.map((h) => `${h.text} ${h.source.file}:${h.source.line}`)).toEqual(['one a.html:7', 'two a.html:8', 'three b.html:4']);
  });

  it('names a heading-less fragment by method, path and version', () => {
    const m = mergeSources([source('000.txt', [op('000.txt', 40)]), source('002.txt', [op('002.txt', 3, { name: undefined })], 'fragment')], manifest);
    expect(m.diagnostics).toEqual([]);
    expect(m.services[0]?.operations[0]?.sources.map((s) => s.file)).toEqual(['000.txt', '002.txt']);
  });

  it('keeps an unidentifiable fragment under a visible name, with a warning', () => {
    const m = mergeSources([source('002.txt', [op('002.txt', 3, { name: undefined, path: '/v1/other' })], 'fragment')], manifest);
    expect(m.diagnostics.map((d) => d.code)).toEqual(['unidentified-fragment']);
    expect(m.services[0]?.operations).toHaveLength(1);
  });

  it('reports an operation duplicated within one file', () => {
    const m = mergeSources([source('000.txt', [op('000.txt', 40), op('000.txt', 140)])], manifest);
    expect(m.diagnostics.map((d) => [d.code, d.source.line])).toEqual([['duplicate-operation', 140]]);
    expect(m.services[0]?.operations).toHaveLength(1);
  });

  it('fills service facts the dumps lack from the manifest, with their citation', () => {
    const m = mergeSources([source('004.txt', [op('004.txt', 10, { name: 'Delete AI&MLOps Platform', serviceId: 'aimlops-platform', version: '1.0' })])], manifest);
    const svc = m.services[0];
    expect(svc?.baseUrl).toEqual(manifest.services['aimlops-platform']?.baseUrl);
    expect(m.diagnostics.map((d) => d.code)).toEqual(['missing-title']);
  });

  it('reports a section with no service id instead of dropping it silently', () => {
    const m = mergeSources([source('x.txt', [op('x.txt', 5, { serviceId: undefined })])], manifest);
    expect(m.diagnostics.map((d) => [d.code, d.source.file])).toEqual([['unknown-service', 'x.txt']]);
    expect(m.services).toEqual([]);
  });
});

describe('helpers', () => {
  it('orders versions numerically, newest first', () => {
    expect(['1.9', '1.10', '1.0', '2.0'].sort(compareVersionsDesc)).toEqual(['2.0', '1.10', '1.9', '1.0']);
  });
  it('finds the first differing path, ignoring source refs', () => {
    expect(firstDifference({ a: 1, source: 1, b: [1, 2] }, { a: 1, source: 2, b: [1, 3] })).toBe('b.1');
    expect(firstDifference({ a: 1, source: 1 }, { a: 1, source: 2 })).toBeUndefined();
  });
});
