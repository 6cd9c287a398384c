/**
 * The search-index reader on its own: file and page handling, located diagnostics, row splitting
 * (ambiguity, known model names), damaged pages, and a property test that it never throws.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SourceDoc } from '../../scripts/model.ts';
import { parseManifest } from '../../scripts/manifest.ts';
import { sha256 } from '../../scripts/hash.ts';
import { readSource } from '../../scripts/read-source.ts';
import { readSearchIndexPages } from '../../scripts/readers/search-index.ts';
import type { IndexEntry } from '../tools/site/from-html.ts';
import { searchIndexFile } from '../tools/site/index-files.ts';

const BASE = '/apireference/data-analytics/data-flow';
const HEADERS = '"Scp-Accesskey = k", "Scp-Signature = s", "Scp-Timestamp = 1605290625682", "Scp-ClientType = Openapi", "Accept-Language = ko-KR", "Scp-Api-Version = data-flow 1.1"';
const OP_BODY =
  'get /v1/data-flows/{data_flow_id}\nDescription show data flow\n상태 ACTIVE (CURRENT)\n 버전 최소 지원 보장일 1.1 - ' +
  'Parameters Type Name Description Schema Default path data_flow_id\nrequired Data Flow ID\nExample : 2a9be string None ' +
  'query size\noptional size\nExample : 20 any of [integer, null] 20 ' +
  'Responses HTTP Code Description Schema 200 OK DataFlowDetailResponse 400 Bad Request None 404 Not Found None ' +
  `Example HTTP request Request path /v1/data-flows/{data_flow_id} Request header ${HEADERS} ` +
  'Example HTTP response Response 200 { "data_flow_id": "", "tags": [ { "tag_key": "a b" } ] } ';
const MODEL_BODY =
  'Name Description Schema Default data_flow_id\nrequired Data Flow ID\nExample : 2a9be string cpu\noptional Example : CPU object CPU ' +
  'tags\noptional Tags array[Tag] ';
const TAG_BODY = 'Name Description Schema Default tag_key\nrequired tag_key\nExample :\nMaximum length : 128 string ';

function page(ref: string, title: string, body: string, lang: 'ko' | 'en' = 'ko'): IndexEntry {
  return { ref, title, lang, categories: [], body };
}

function read(entries: readonly IndexEntry[], service = 'data-flow'): SourceDoc {
  const text = searchIndexFile({ origin: 'https://docs.e.samsungsdscloud.com/search-index.json', category: 'data-analytics', service, lang: 'ko' }, entries);
  return readSearchIndexPages(text, `si_${service}.json`);
}

const codes = (doc: SourceDoc, severities = ['error', 'warning']): string[] => doc.diagnostics.filter((d) => severities.includes(d.severity)).map((d) => d.code);

describe('readSearchIndexPages', () => {
  it('reads an operation page, resolving names from the section page and models from the model pages', () => {
    const doc = read([
      page(`${BASE}/apis/showdataflow/`, 'ShowDataFlow', ''),
      page(`${BASE}/apis/showdataflow/1.1/`, '1.1', OP_BODY),
      page(`${BASE}/models/DataFlowDetailResponse/`, 'DataFlowDetailResponse', MODEL_BODY),
      page(`${BASE}/models/Tag/`, 'Tag', TAG_BODY),
    ]);
    expect(codes(doc)).toEqual([]);
    const [service] = doc.services;
    const op = service?.operations[0];
    expect(op).toMatchObject({ name: 'ShowDataFlow', version: '1.1', method: 'get', path: '/v1/data-flows/{data_flow_id}', status: 'CURRENT', supportedUntil: '-', serviceId: 'data-flow' });
    expect(op?.parameters.map((p) => [p.in, p.name, p.required, p.description, p.schemaText, p.default, p.constraints.map((c) => `${c.key}=${c.value}`)])).toEqual([
      ['path', 'data_flow_id', true, 'Data Flow ID', 'string', 'None', ['Example=2a9be']],
      ['query', 'size', false, 'size', 'any of [integer, null]', '20', ['Example=20']],
    ]);
    expect(op?.responses.map((r) => `${r.code} ${r.description} ${r.schemaText}`)).toEqual(['200 OK DataFlowDetailResponse', '400 Bad Request None', '404 Not Found None']);
    expect(op?.example.responseBody).toEqual({ data_flow_id: '', tags: [{ tag_key: 'a b' }] });
    expect(op?.example.headers).toHaveLength(6);
    // `CPU` is no model of the site, so it is the default of an `object` field.
    expect(service?.models[0]?.fields.map((f) => [f.name, f.schemaText, f.default ?? null])).toEqual([
      ['data_flow_id', 'string', null],
      ['cpu', 'object', 'CPU'],
      ['tags', 'array[Tag]', null],
    ]);
  });

  it('names file, line and page of every diagnostic (one page entry per line)', () => {
    const damaged = OP_BODY.replace(/Responses HTTP Code Description Schema .*? Example HTTP request/, 'Example HTTP request');
    const doc = read([page(`${BASE}/apis/listdataflows/1.1/`, 'ListDataFlows', OP_BODY), page(`${BASE}/apis/showdataflow/1.1/`, 'ShowDataFlow', damaged)]);
    const d = doc.diagnostics.find((x) => x.code === 'missing-responses');
    expect(d).toMatchObject({ severity: 'warning', source: { file: 'si_data-flow.json', line: 3 }, operation: 'ShowDataFlow 1.1' });
    expect(d?.message).toContain(`page ${BASE}/apis/showdataflow/1.1/`);
  });

  it('reports a row end that reads two ways, and which reading it used', () => {
    const body = OP_BODY.replace('Example : 2a9be string None', 'Example : string string');
    const doc = read([page(`${BASE}/apis/showdataflow/1.1/`, 'ShowDataFlow', body)]);
    const d = doc.diagnostics.find((x) => x.code === 'ambiguous-row');
    expect(d?.message).toContain('schema "string" no default (used)');
    expect(d?.message).toContain('schema "string" default "string"');
    expect(doc.stats?.['ambiguousRows']).toBe(1);
  });

  it('reports a page cut off mid-example and keeps what it could read', () => {
    const cut = OP_BODY.slice(0, OP_BODY.indexOf('"tags"'));
    const doc = read([page(`${BASE}/apis/showdataflow/1.1/`, 'ShowDataFlow', cut)]);
    expect(doc.diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual(['error truncated-page']);
    expect(doc.services[0]?.operations[0]?.responses).toHaveLength(3);
  });

  it('reports an operation whose example names another service, and a model no page defines', () => {
    const other = OP_BODY.replace('data-flow 1.1', 'data-ops 1.1').replace('400 Bad Request None', '400 Bad Request ErrorResponse');
    const doc = read([
      page(`${BASE}/apis/listdataflows/1.1/`, 'ListDataFlows', OP_BODY),
      page(`${BASE}/apis/showdataflow/1.1/`, 'ShowDataFlow', OP_BODY),
      page(`${BASE}/apis/updatedataflow/1.1/`, 'UpdateDataFlow', other),
      page(`${BASE}/models/DataFlowDetailResponse/`, 'DataFlowDetailResponse', MODEL_BODY),
    ]);
    expect(doc.services[0]?.id).toBe('data-flow');
    expect(doc.diagnostics.map((d) => `${d.source.line} ${d.code} ${d.operation}`)).toEqual([
      '4 unknown-model UpdateDataFlow 1.1',
      '5 unknown-model DataFlowDetailResponse',
      '4 service-mismatch UpdateDataFlow 1.1',
    ]);
    expect(doc.diagnostics[0]?.message).toBe('response 400 references model ErrorResponse, which no model page of the service defines');
  });

  it('reports a page whose body is not an operation at all, and skips it', () => {
    const doc = read([page(`${BASE}/apis/showdataflow/1.1/`, 'ShowDataFlow', 'Page not found')]);
    expect(codes(doc, ['error'])).toEqual(['missing-method-line']);
    expect(doc.services[0]?.operations).toEqual([]);
  });

  it('reads the service overview in Korean or English labels', () => {
    const overview = 'Overview 첫 문단\n둘째 문단\nVersion Version Status Not Before 1.1 CURRENT - 1.0 DEPRECATED 20251231 OpenAPI URL https://product.{environment}.samsungsdscloud.com\nEnvironment and Region List environment region s kr-west1 e kr-west1 API Version History 1.1 [신규] GET /products - ListProducts API가 추가되었습니다.';
    const korean = overview.replace('Overview', '개요').replace('Version Version Status', '버전 버전 상태');
    for (const body of [overview, korean]) {
      const s = read([page(`${BASE}/`, 'Data Flow', body)]).services[0];
      expect(s).toMatchObject({ title: 'Data Flow', overview: '첫 문단\n\n둘째 문단', baseUrl: 'https://product.{environment}.samsungsdscloud.com' });
      expect(s?.environments).toEqual([{ environment: 's', region: 'kr-west1' }, { environment: 'e', region: 'kr-west1' }]);
      expect(s?.versionTable).toEqual([{ version: '1.1', status: 'CURRENT', supportedUntil: '-' }, { version: '1.0', status: 'DEPRECATED', supportedUntil: '20251231' }]);
    }
  });

  it('splits the API Version History into its entries, each under its version', () => {
    const history = '1.2 [New] GET /products - ListProducts API have been added. [Changed] GET /products - The tags query parameter has been added. 1.1 [신규] GET /products - ListProducts API가 추가되었습니다.';
    const doc = read([page(`${BASE}/`, 'Data Flow', `Overview 첫 문단 API Version History ${history}`)]);
    const entries = doc.services[0]?.versionHistory?.map(({ version, change, method, path, operation }) => ({ version, change, method, path, operation }));
    expect(entries).toEqual([
      { version: '1.2', change: 'new', method: 'get', path: '/products', operation: 'ListProducts' },
      { version: '1.2', change: 'changed', method: 'get', path: '/products', operation: undefined },
      { version: '1.1', change: 'new', method: 'get', path: '/products', operation: 'ListProducts' },
    ]);
  });

  it('reads only its own service and language, and says what it left out', () => {
    const doc = read([
      page(`${BASE}/apis/showdataflow/1.1/`, 'ShowDataFlow', OP_BODY),
      page('/apireference/data-analytics/data-ops/apis/showdataops/1.1/', 'ShowDataOps', OP_BODY),
      page(`/en${BASE}/apis/showdataflow/1.1/`, 'ShowDataFlow', OP_BODY, 'en'),
      page('/apireference/', 'API Reference', 'x'),
    ]);
    expect(doc.services[0]?.operations).toHaveLength(1);
    expect(doc.diagnostics.map((d) => `${d.severity} ${d.code}`).sort()).toEqual(['info not-a-service-page', 'info other-language', 'warning foreign-page']);
    expect(doc.stats?.['skippedPages']).toBe(3);
  });

  it('reads a whole MiniSearch document (pages under storedFields)', () => {
    const stored = { 1: page(`${BASE}/apis/showdataflow/1.1/`, 'ShowDataFlow', OP_BODY), 2: page(`${BASE}/models/DataFlowDetailResponse/`, 'DataFlowDetailResponse', MODEL_BODY), 3: page(`${BASE}/models/Tag/`, 'Tag', TAG_BODY) };
    const doc = readSearchIndexPages(JSON.stringify({ documentCount: 2, storedFields: stored }), 'search-index.json');
    expect(codes(doc)).toEqual([]);
    expect(doc.services[0]?.operations).toHaveLength(1);
    expect(doc.services[0]?.models).toHaveLength(2);
  });

  it('gives a located error for a file that is not JSON or not an index, and for an empty one', () => {
    const text = searchIndexFile({ origin: 'o', category: 'c', service: 'data-flow', lang: 'ko' }, [page(`${BASE}/`, 'T', 'x'), page(`${BASE}/models/Tag/`, 'Tag', 'y')]).replace('"Tag","lang"', '"Tag" "lang"');
    expect(readSearchIndexPages(text, 'si.json').diagnostics).toMatchObject([{ severity: 'error', code: 'bad-json', source: { line: 3 } }]);
    expect(readSearchIndexPages('[]', 'si.json').diagnostics[0]?.code).toBe('bad-index-file');
    expect(readSearchIndexPages('', 'si.json').diagnostics[0]?.code).toBe('empty-input');
  });

  it('never throws, whatever the bodies hold', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.integer({ min: 0, max: OP_BODY.length }), fc.integer({ min: 0, max: OP_BODY.length }), (junk, a, b) => {
        const mutated = OP_BODY.slice(0, Math.min(a, b)) + junk + OP_BODY.slice(Math.max(a, b));
        const doc = read([page(`${BASE}/apis/showdataflow/1.1/`, 'ShowDataFlow', mutated), page(`${BASE}/models/Tag/`, 'Tag', junk + MODEL_BODY)]);
        expect(doc.diagnostics.every((d) => d.code !== 'internal-error')).toBe(true);
      }),
      { numRuns: 300, seed: 8 },
    );
  });

  it('is what readSource runs for a manifest entry of layout search-index', () => {
    const text = searchIndexFile({ origin: 'o', category: 'data-analytics', service: 'data-flow', lang: 'ko' }, [page(`${BASE}/apis/showdataflow/1.1/`, 'ShowDataFlow', OP_BODY)]);
    const entry = { file: 'si_data-flow.json', origin: `https://docs.e.samsungsdscloud.com/search-index.json#${BASE}/`, layout: 'search-index', sha256: sha256(text), category: 'data-analytics' };
    const manifest = parseManifest(JSON.stringify({ files: [entry] }), 'manifest.json');
    const doc = readSource(manifest.files[0] as (typeof manifest.files)[number], text);
    expect(doc.layout).toBe('search-index');
    expect(doc.diagnostics).toEqual([]);
    expect(doc.services[0]?.operations[0]?.name).toBe('ShowDataFlow');
  });
});
