import { describe, expect, it } from 'vitest';
import { emitLatestOpenApi, emitOpenApi } from '../../scripts/emit/emit-openapi.ts';
import { isoSupportDate, operationIdFor, summaryFor } from '../../scripts/emit/naming.ts';
import { compareVersions } from '../../src/version-order.ts';
import type { MergedService, ParameterDoc } from '../../scripts/model.ts';
import { aimlopsExamples, inventory, schemaOf, serviceFromInventory } from './inventory-service.ts';

type Json = Record<string, unknown>;
type Op = MergedService['operations'][number];

const dataFlow = serviceFromInventory('data-flow');
const v10 = emitOpenApi(dataFlow, '1.0');
const v11 = emitOpenApi(dataFlow, '1.1');

function schemas(doc: Json): Record<string, Json> {
  return (doc.components as Json).schemas as Record<string, Json>;
}
function operation(doc: Json, path: string, method: string): Json {
  return ((doc.paths as Json)[path] as Json)[method] as Json;
}

/** A small synthetic operation for cases the docs do not contain. */
function op(name: string, version: string, extra: Partial<Op> = {}): Op {
  const source = { file: 'synthetic.txt', line: 10 };
  return {
    name,
    version,
    method: 'get',
    path: `/v1/things/${name.toLowerCase().replace(/\s+/g, '-')}`,
    description: `${name} ${version}`,
    state: 'ACTIVE',
    status: 'CURRENT',
    supportedUntil: '-',
    parameters: [],
    responses: [{ code: '200', description: 'OK', schemaText: 'None', source }],
    example: { headers: [{ name: 'Scp-Api-Version', value: `things ${version}` }], responseCode: '200' },
    source,
    sources: [source],
    ...extra,
  };
}
function service(operations: Op[], extra: Partial<MergedService> = {}): MergedService {
  return {
    id: 'things',
    title: 'Things',
    baseUrl: { value: 'https://things.{region}.{environment}.samsungsdscloud.com' },
    environments: [
      { environment: 's', region: 'kr-west1' },
      { environment: 'g', region: 'kr-south1' },
      { environment: 'e', region: 'kr-west1' },
    ],
    versionTable: [],
    operations,
    models: [],
    sourceFiles: ['synthetic.txt'],
    ...extra,
  };
}

describe('emitOpenApi on data-flow (operations and models from the seed inventory)', () => {
  it('is an OpenAPI 3.1 document for that version with every operation of it', () => {
    expect(v11.doc.openapi).toBe('3.1.0');
    expect(v11.doc.info).toMatchObject({ title: 'Data Flow', version: '1.1', 'x-scp-service': 'data-flow' });
    const inv = inventory().services['data-flow']?.versions['1.1'] ?? [];
    expect(v11.report.operations).toBe(inv.length);
    expect(v11.report.parameters).toBe(inv.reduce((n, o) => n + o.parameters.length, 0));
    expect(v11.report).toMatchObject({ service: 'data-flow', version: '1.1' });
  });

  it('includes exactly the models each version reaches: V1Dot1 models only in 1.1', () => {
    const models = inventory().services['data-flow']?.models ?? [];
    for (const [version, result] of [['1.0', v10], ['1.1', v11]] as const) {
      const expected = models.filter((m) => m.usedByVersions.includes(version)).map((m) => m.name).sort();
      expect(Object.keys(schemas(result.doc)).sort(), version).toEqual(expected);
      expect(result.report.models).toBe(expected.length);
    }
    expect(Object.keys(schemas(v10.doc)).some((n) => n.endsWith('V1Dot1'))).toBe(false);
    expect(schemas(v11.doc).DataFlowDetailResponseV1Dot1).toBeDefined();
  });

  it('emits DataFlowBodyCreate with its required list, constraints, nullability and converted examples', () => {
    const s = schemas(v11.doc).DataFlowBodyCreate as Json;
    const inv = inventory().services['data-flow']?.models?.find((m) => m.name === 'DataFlowBodyCreate');
    expect(s.required).toEqual(inv?.fields.filter((f) => f.required).map((f) => f.name));
    const props = s.properties as Record<string, Json>;
    expect(Object.keys(props)).toEqual(inv?.fields.map((f) => f.name));
    expect(props.data_flow_name).toMatchObject({ type: 'string', minLength: 3, maxLength: 30 });
    expect(props.data_flow_name?.minimum).toBeUndefined();
    expect(props.account).toMatchObject({ type: ['object', 'null'], additionalProperties: true, examples: [{ account_id: '', account_password: '' }] });
    expect(props.host_alias_list).toMatchObject({ type: 'array', items: { type: 'object', additionalProperties: true }, examples: [[{ hostnames: [''], ip: '' }]] });
    expect(props.tags).toMatchObject({ type: 'array', items: { $ref: '#/components/schemas/Tag' } });
    // `Example :` empty means no example (it would break Minimum length 3).
    expect(props.data_flow_name?.examples).toBeUndefined();
    expect(props.data_flow_name?.['x-scp-invalid-example']).toBeUndefined();
  });

  it('moves the `object` default CPU out of the way and says so', () => {
    const cpu = (schemas(v11.doc).ClusterResourceCheckResponse?.properties as Record<string, Json>).cpu as Json;
    expect(cpu.default).toBeUndefined();
    expect(cpu['x-scp-invalid-default']).toEqual({ value: 'CPU', message: 'default must be object' });
    expect(v11.report.invalidDefaults).toBe(2); // cpu and memory
    expect(v11.report.invalidExamples).toBe(2); // their `Example : CPU` / `Memory`: no valid example to publish
    expect(v11.report.examples).toMatchObject({ findings: 4, repaired: 0, removed: 4 });
    const d = v11.report.diagnostics.find((x) => x.code === 'invalid-default' && x.message.includes('/cpu'));
    expect(d?.operation).toBe('model ClusterResourceCheckResponse');
    expect(d?.source.line).toBeGreaterThan(1000);
  });

  it('carries version metadata on every operation', () => {
    const old = operation(v10.doc, '/v1/data-flows/{data_flow_name}/check-duplication', 'get');
    expect(old).toMatchObject({
      operationId: 'checkDataFlowNameDuplication',
      summary: 'Check Data Flow Name Duplication',
      'x-scp-status': 'SUPPORTED',
      'x-scp-supported-until': '2026-07-01',
      'x-scp-api-version': 'data-flow 1.0',
      tags: ['data-flows'],
    });
    expect(old.deprecated).toBeUndefined();
    const cur = operation(v11.doc, '/v1/data-flows/{data_flow_name}/check-duplication', 'get');
    expect(cur['x-scp-supported-until']).toBeUndefined();
    expect(cur['x-scp-api-version']).toBe('data-flow 1.1');
    const param = (cur.parameters as Json[]).find((p) => p.name === 'data_flow_name');
    expect(param).toMatchObject({ in: 'path', required: true, schema: { type: 'string' } });
    const size = (operation(v11.doc, '/v1/data-flow-services', 'get').parameters as Json[]).find((p) => p.name === 'size');
    expect(size?.schema).toEqual({ type: ['integer', 'null'], default: 20 });
  });

  it('has one server per environment that allows only that environment\'s regions, together the documented pairs', () => {
    const servers = v11.doc.servers as Json[];
    const pairs = inventory().services['data-flow']?.environments ?? [];
    expect(servers.map((s) => s.url)).toEqual(Array(3).fill('https://data-flow.{region}.{environment}.samsungsdscloud.com'));
    expect(servers.map((s) => s.variables)).toMatchObject([
      { environment: { enum: ['s'], default: 's' }, region: { enum: ['kr-west1', 'kr-east1'], default: 'kr-west1' } },
      { environment: { enum: ['g'], default: 'g' }, region: { enum: ['kr-south1', 'kr-south2', 'kr-south3'], default: 'kr-south1' } },
      { environment: { enum: ['e'], default: 'e' }, region: { enum: ['kr-west1', 'kr-east1'], default: 'kr-west1' } },
    ]);
    // Every (environment, region) a server entry allows is a documented pair, and every documented pair is allowed once.
    const allowed = servers.flatMap((s) => {
      const v = s.variables as Record<string, { enum: string[] }>;
      return (v.environment?.enum ?? []).flatMap((e) => (v.region?.enum ?? []).map((r) => ({ environment: e, region: r })));
    });
    expect(allowed).toEqual(pairs);
    expect(servers.flatMap((s) => s['x-scp-environments'] as unknown[])).toEqual(pairs);
    expect(servers[1]?.description).toBe('Environment g: kr-south1, kr-south2, kr-south3');
  });

  it('declares the signing headers, Scp-AccountId and X-Auth-Token, and the four ways they combine', () => {
    const schemes = (v11.doc.components as Json).securitySchemes as Record<string, Json>;
    expect(Object.entries(schemes).map(([k, s]) => [k, s.type, s.in, s.name])).toEqual([
      ['ScpAccessKey', 'apiKey', 'header', 'Scp-Accesskey'],
      ['ScpSignature', 'apiKey', 'header', 'Scp-Signature'],
      ['ScpTimestamp', 'apiKey', 'header', 'Scp-Timestamp'],
      ['ScpClientType', 'apiKey', 'header', 'Scp-ClientType'],
      ['ScpAccountId', 'apiKey', 'header', 'Scp-AccountId'],
      ['XAuthToken', 'apiKey', 'header', 'X-Auth-Token'],
    ]);
    expect(schemes.ScpSignature?.['x-scp-signature-algorithm']).toMatchObject({ signature: 'base64(HMAC-SHA256(key, message))' });
    const signed = { ScpAccessKey: [], ScpSignature: [], ScpTimestamp: [], ScpClientType: [] };
    expect(v11.doc.security).toEqual([signed, { ...signed, ScpAccountId: [] }, { ...signed, XAuthToken: [] }, { ...signed, ScpAccountId: [], XAuthToken: [] }]);
  });

  it('declares the Scp-Api-Version header on every operation: required, its one value pinned', () => {
    for (const [doc, version] of [[v10.doc, '1.0'], [v11.doc, '1.1']] as const) {
      for (const item of Object.values(doc.paths as Record<string, Record<string, Json>>)) {
        for (const o of Object.values(item)) {
          const header = (o.parameters as Json[]).filter((p) => p.in === 'header' && p.name === 'Scp-Api-Version');
          expect(header).toHaveLength(1);
          expect(header[0]).toMatchObject({ required: true, schema: { type: 'string', enum: [`data-flow ${version}`] }, example: `data-flow ${version}` });
          expect(o['x-scp-api-version']).toBe(`data-flow ${version}`);
        }
      }
    }
  });

  it('links every operation and the document to the docs pages the snapshot was read from', () => {
    expect(v11.doc.externalDocs).toEqual({ description: 'Data Flow in the SCP API reference', url: 'https://docs.e.samsungsdscloud.com/apireference/data-analytics/data-flow/' });
    const get = operation(v11.doc, '/v1/data-flows', 'get');
    // Read from the category print page (001) and data-flow's API print page (003): the narrower one.
    expect(get.externalDocs).toMatchObject({ url: 'https://docs.e.samsungsdscloud.com/apireference/data-analytics/data-flow/apis/_print/' });
  });

  it('lists a described tag for every tag used', () => {
    const tags = v11.doc.tags as Json[];
    expect(tags.map((t) => t.name)).toEqual(['data-flow-services', 'data-flows']);
    for (const t of tags) expect(typeof t.description).toBe('string');
  });
});

describe('AI&MLOps: no Models section, schemas inferred from the examples of sources/004', () => {
  const aiml: MergedService = {
    ...serviceFromInventory('aimlops-platform', aimlopsExamples()),
    title: 'AI&MLOps Platform',
    baseUrl: { value: 'https://aimlops-platform.{region}.{environment}.samsungsdscloud.com', cite: 'https://docs.e.samsungsdscloud.com/apireference/ai-ml/' },
    environments: inventory().services['data-flow']?.environments ?? [],
  };
  const r = emitOpenApi(aiml, '1.0');

  it('infers and marks every referenced model', () => {
    const names = (inventory().services['aimlops-platform']?.referencedModels ?? []).map((m) => m.name).sort();
    expect(names).toHaveLength(9);
    expect(r.report.inferredSchemas).toEqual(names);
    for (const n of names) expect(schemas(r.doc)[n]?.['x-scp-inferred'], n).toBe(true);
    expect(r.report.diagnostics.filter((d) => d.code === 'inferred-model')).toHaveLength(9);
    expect(r.report.diagnostics.filter((d) => d.code === 'undefined-model')).toHaveLength(0);
  });

  it('keeps the documented examples (they fit the inferred schemas) on the right response code', () => {
    const create = operation(r.doc, '/v1/aimlops-platform', 'post');
    const media = ((create.requestBody as Json).content as Json)['application/json'] as Json;
    expect(media.schema).toEqual({ $ref: '#/components/schemas/AiMlOpsPlatformCreateWithK8sEngineRequest' });
    expect((media.example as Json).node_pool_create_request).toMatchObject({ volume_size: 104 });
    const created = ((create.responses as Json)['201'] as Json).content as Json;
    expect((created['application/json'] as Json).example).toEqual(aimlopsExamples().get('Create AI&MLOps Platform')?.responseBody);
    expect(((create.responses as Json)['400'] as Json).content).toBeUndefined();
  });

  it('types what the docs say: true/false results, ISO timestamps, A | B | C choices as enums', () => {
    const check = schemas(r.doc).CheckResponse as Json;
    expect((check.properties as Record<string, Json>).result).toMatchObject({ type: 'boolean' });
    expect(check['x-scp-inferred']).toBe(true);
    const detail = (schemas(r.doc).AiMlOpsPlatformDetailResponse as Json).properties as Record<string, Json>;
    expect(detail.created_dt).toEqual({ type: 'string', format: 'date-time' });
    const update = (schemas(r.doc).AiMlOpsPlatformUpdateRequest as Json).properties as Record<string, Json>;
    expect(((update.ai_ml_ops_platform_domain_service as Json).properties as Record<string, Json>).operation_type).toEqual({ type: 'string', enum: ['CREATE', 'UPDATE', 'DELETE'] });
    // The placeholder request example is published with the first choice, the original kept.
    const put = operation(r.doc, '/v1/aimlops-platform/{release_id}', 'put');
    const media = ((put.requestBody as Json).content as Json)['application/json'] as Json;
    expect(media.example).toMatchObject({ ai_ml_ops_platform_domain_service: { operation_type: 'CREATE' }, ai_ml_ops_platform_endpoint_type: 'Public' });
    expect((media['x-scp-original-example'] as Json).repairs).toContainEqual({ at: '/ai_ml_ops_platform_domain_service/operation_type', from: 'CREATE | UPDATE | DELETE', to: 'CREATE', by: 'enum' });
    // {"result": ""} of a true/false result: nothing valid is documented for the optional field, so it is dropped.
    const dup = ((operation(r.doc, '/v1/aimlops-platform/check-duplication', 'get').responses as Json)['200'] as Json).content as Json;
    expect((dup['application/json'] as Json).example).toEqual({});
    expect(r.report.examples).toMatchObject({ findings: 5, repaired: 5, removed: 0 });
  });

  it('derives readable operationIds from headings with spaces and &', () => {
    expect(operation(r.doc, '/v1/aimlops-platform/check-duplication', 'get').operationId).toBe('checkDuplicationAiMlOpsPlatformName');
    const del = operation(r.doc, '/v1/aimlops-platform/{release_id}', 'delete');
    expect(del.operationId).toBe('deleteAiMlOpsPlatform');
    expect((del.parameters as Json[]).find((p) => p.name === 'with_k8s')?.schema).toEqual({ type: 'boolean', default: false });
  });
});

describe('operation names', () => {
  it('operationIdFor', () => {
    expect(operationIdFor('CheckDataFlowNameDuplication')).toBe('checkDataFlowNameDuplication');
    expect(operationIdFor('Add Instances')).toBe('addInstances');
    expect(operationIdFor('Check Duplication AI&MLOps Platform Name')).toBe('checkDuplicationAiMlOpsPlatformName');
    expect(operationIdFor('List StorageClasses')).toBe('listStorageClasses');
    expect(operationIdFor('Get AI&MLOps Platform details')).toBe('getAiMlOpsPlatformDetails');
    expect(operationIdFor('Create K8s Engine')).toBe('createK8sEngine');
    expect(operationIdFor('&&')).toBe('operation');
  });

  it('summaryFor', () => {
    expect(summaryFor('CheckClusterResourceSizeForDataFlowServiceCreate')).toBe('Check Cluster Resource Size For Data Flow Service Create');
    expect(summaryFor('Check Duplication AI&MLOps Platform Name')).toBe('Check Duplication AI&MLOps Platform Name');
  });

  it('every operationId of every inventory service is unique and URL-safe', () => {
    for (const id of Object.keys(inventory().services)) {
      const svc = serviceFromInventory(id);
      for (const v of new Set(svc.operations.map((o) => o.version))) {
        const { doc, report } = emitOpenApi(svc, v);
        const ids = Object.values(doc.paths as Record<string, Record<string, Json>>).flatMap((item) => Object.values(item).map((o) => o.operationId as string));
        expect(new Set(ids).size, `${id} ${v}`).toBe(ids.length);
        for (const x of ids) expect(x).toMatch(/^[a-z][A-Za-z0-9]*$/);
        expect(report.diagnostics.filter((d) => d.code === 'operation-id-collision')).toEqual([]);
      }
    }
  });

  it('renames colliding operationIds and reports the collision', () => {
    const svc = service([op('List Things', '1.0'), op('ListThings', '1.0', { path: '/v1/other' })]);
    const { doc, report } = emitOpenApi(svc, '1.0');
    const ids = Object.values(doc.paths as Record<string, Record<string, Json>>).map((item) => item.get?.operationId);
    expect(ids.sort()).toEqual(['listThings', 'listThings2']);
    expect(report.diagnostics.find((d) => d.code === 'operation-id-collision')?.operation).toMatch(/ 1\.0$/);
  });
});

describe('versions', () => {
  it('compareVersions is numeric', () => {
    expect(compareVersions('1.10', '1.9')).toBe(1);
    expect(compareVersions('1.0', '1.0')).toBe(0);
    expect(compareVersions('1', '1.1')).toBe(-1);
    expect(['1.0', '1.10', '1.9', '2.0'].sort((a, b) => compareVersions(b, a))).toEqual(['2.0', '1.10', '1.9', '1.0']);
  });

  it('isoSupportDate', () => {
    expect(isoSupportDate('20260701')).toEqual({ kind: 'date', value: '2026-07-01' });
    expect(isoSupportDate('2026-07-01')).toEqual({ kind: 'date', value: '2026-07-01' });
    expect(isoSupportDate('-')).toEqual({ kind: 'none' });
    expect(isoSupportDate(undefined)).toEqual({ kind: 'none' });
    expect(isoSupportDate('20261301')).toEqual({ kind: 'raw', value: '20261301' });
  });

  const svc = service([
    op('Get Thing', '1.9', { status: 'SUPPORTED', supportedUntil: '20270101' }),
    op('Get Thing', '1.10'),
    op('Get Thing', '2.0', { status: 'PLANNED', supportedUntil: '20280101' }),
    op('Old Thing', '1.0', { status: 'DEPRECATED', supportedUntil: '20260101' }),
    op('Future Thing', '2.0', { status: 'PLANNED' }),
  ]);

  it('latest picks, per operation, the newest version that is not PLANNED', () => {
    const { doc, report } = emitLatestOpenApi(svc);
    expect((doc.info as Json).version).toBe('latest');
    const paths = doc.paths as Record<string, Json>;
    expect(Object.keys(paths).sort()).toEqual(['/v1/things/get-thing', '/v1/things/old-thing']);
    expect(operation(doc, '/v1/things/get-thing', 'get')['x-scp-api-version']).toBe('things 1.10');
    const old = operation(doc, '/v1/things/old-thing', 'get');
    expect(old).toMatchObject({ deprecated: true, 'x-scp-status': 'DEPRECATED', 'x-scp-api-version': 'things 1.0', 'x-scp-supported-until': '2026-01-01' });
    expect(report.diagnostics.find((d) => d.code === 'planned-only')?.operation).toBe('Future Thing 2.0');
    expect(report.operations).toBe(2);
  });

  it('a version spec includes its PLANNED operations', () => {
    const { doc } = emitOpenApi(svc, '2.0');
    expect(operation(doc, '/v1/things/future-thing', 'get')['x-scp-status']).toBe('PLANNED');
    expect(operation(doc, '/v1/things/get-thing', 'get')['x-scp-supported-until']).toBe('2028-01-01');
  });

  it('latest infers a component from the examples of every version it mixes (no conflict between versions)', () => {
    const withBody = (version: string, example: unknown): Op =>
      op(`Make Thing ${version}`, version, {
        method: 'post',
        path: `/v1/make-${version.replace('.', '-')}`,
        responses: [{ code: '200', description: 'OK', schemaText: 'Inferred', schema: schemaOf('Inferred'), source: { file: 'synthetic.txt', line: 3 } }],
        example: { headers: [], responseCode: '200', responseBody: example },
      });
    const mixed = service([withBody('1.0', { a: 'x' }), withBody('1.1', { a: 'y' })]);
    const same = emitLatestOpenApi(mixed);
    expect(same.report.diagnostics.filter((d) => d.code === 'component-conflict')).toEqual([]);
    expect(same.report.inferredSchemas).toEqual(['Inferred']);
    const inferred = schemas(same.doc).Inferred as Json;
    expect(inferred.properties).toEqual({ a: { type: 'string' } });
    expect(inferred.description).toContain('inferred from the documented example JSON (Make Thing 1.0 1.0 response 200; Make Thing 1.1 1.1 response 200).');
    // Each per-version spec names only its own example.
    expect(String((schemas(emitOpenApi(mixed, '1.0').doc).Inferred as Json).description)).toContain('(Make Thing 1.0 1.0 response 200).');

    // Examples that disagree across versions say so, rather than the newest one's type winning.
    const differ = emitLatestOpenApi(service([withBody('1.0', { a: 1 }), withBody('1.1', { a: 'x' })]));
    expect(differ.report.diagnostics.filter((d) => d.code === 'component-conflict')).toEqual([]);
    expect((schemas(differ.doc).Inferred?.properties as Json).a).toEqual({ description: 'Type not documented: the examples disagree on the type.' });
  });
});

describe('odd input becomes diagnostics, never an exception', () => {
  const src = { file: 'synthetic.txt', line: 42 };
  const param = (p: Partial<ParameterDoc> & { name: string; in: ParameterDoc['in'] }): ParameterDoc => ({
    required: true,
    description: '',
    constraints: [],
    schemaText: 'string',
    schema: schemaOf('string'),
    source: src,
    ...p,
  });

  it('undefined model without an example → unresolved component and an undefined-model diagnostic', () => {
    const svc = service([op('Get Ghost', '1.0', { responses: [{ code: '200', description: 'OK', schemaText: 'Ghost', schema: schemaOf('Ghost'), source: src }] })]);
    const { doc, report } = emitOpenApi(svc, '1.0');
    const ghost = schemas(doc).Ghost as Json;
    expect(ghost['x-scp-unresolved']).toBe(true);
    expect(ghost.description).toMatch(/define no such model/);
    const d = report.diagnostics.find((x) => x.code === 'undefined-model');
    expect(d).toMatchObject({ source: src, operation: 'Get Ghost 1.0', service: 'things' });
  });

  it('path parameters: undocumented ones are added, foreign ones left out, optional ones made required', () => {
    const svc = service([
      op('Get Item', '1.0', {
        path: '/v1/items/{item_id}/parts/{part_id}',
        supportedUntil: 'soon',
        parameters: [param({ name: 'part_id', in: 'path', required: false }), param({ name: 'ghost_id', in: 'path' }), param({ name: 'q', in: 'query', required: false }), param({ name: 'q', in: 'query' })],
      }),
    ]);
    const { doc, report } = emitOpenApi(svc, '1.0');
    const o = operation(doc, '/v1/items/{item_id}/parts/{part_id}', 'get');
    expect((o.parameters as Json[]).map((p) => `${p.in} ${p.name} ${p.required}`)).toEqual(['header Scp-Api-Version true', 'path part_id true', 'query q false', 'path item_id true']);
    expect(o['x-scp-supported-until-raw']).toBe('soon');
    expect(report.diagnostics.map((d) => d.code).sort()).toEqual([
      'duplicate-parameter',
      'optional-path-parameter',
      'path-parameter-not-in-path',
      'undocumented-path-parameter',
      'unparsed-date',
    ]);
  });

  it('missing base URL, mismatched Scp-Api-Version and an example for an unlisted code are reported', () => {
    const o = op('Get Thing', '1.0', { example: { headers: [{ name: 'Scp-Api-Version', value: 'things 1.1' }], responseCode: '201', responseBody: { a: 1 } } });
    const svc = service([o], { baseUrl: undefined });
    const { doc, report } = emitOpenApi(svc, '1.0');
    expect(doc.servers).toBeUndefined();
    expect(report.diagnostics.map((d) => d.code).sort()).toEqual(['api-version-mismatch', 'example-response-code-unknown', 'missing-base-url']);
    expect(operation(doc, '/v1/things/get-thing', 'get')['x-scp-api-version']).toBe('things 1.0');
  });

  it('an unknown version yields an empty document and a diagnostic', () => {
    const { doc, report } = emitOpenApi(service([op('Get Thing', '1.0')]), '9.9');
    expect(doc.paths).toEqual({});
    expect(report.diagnostics.map((d) => d.code)).toEqual(['no-operations']);
  });
});
