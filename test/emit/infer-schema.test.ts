import { describe, expect, it } from 'vitest';
import { inferComponentSchema, inferSchema, pseudoEnumChoices, samplesForModel, saysTrueFalse } from '../../scripts/emit/infer-schema.ts';
import { aimlopsExamples, schemaOf } from './inventory-service.ts';

const examples = aimlopsExamples();

describe('inferSchema on the AI&MLOps examples of sources/004', () => {
  it('reads all 13 example bodies of the file', () => {
    const bodies = [...examples.values()].flatMap((e) => [e.requestBody, e.responseBody]).filter((b) => b !== undefined);
    expect(bodies).toHaveLength(13);
  });

  it('types only what the example shows: strings, integers, booleans; "" stays open; [] has no items', () => {
    const detail = inferSchema([examples.get('Get AI&MLOps Platform details')?.responseBody]);
    const props = detail.properties ?? {};
    expect(detail.type).toBe('object');
    expect(props.release_state).toEqual({ type: 'string' });
    expect(props.image_name?.type).toBeUndefined();
    expect(props.image_name?.description).toMatch(/empty string/);
    expect(detail.required).toBeUndefined();

    const nodes = inferSchema([examples.get('List Nodes')?.responseBody]);
    const open = { description: 'Item type not documented: the example array is empty.', type: 'array' };
    expect(nodes.properties).toEqual({ count: { type: 'integer' }, links: open, nodes: open });

    const create = inferSchema([examples.get('Create AI&MLOps Platform')?.requestBody]);
    const k8s = create.properties?.kubernetes_engine_create_request?.properties ?? {};
    expect(k8s.cloud_logging_enabled).toEqual({ type: 'boolean' });
    expect(k8s.security_group_id_list).toEqual({ type: 'array', items: { type: 'string' } });
    expect(create.properties?.node_pool_create_request?.properties?.volume_size).toEqual({ type: 'integer' });
  });

  it('turns `A | B | C` example strings into enums, unless another example is a value outside them', () => {
    const update = inferSchema([examples.get('Update AI&MLOps Platform')?.requestBody]);
    const op = update.properties?.ai_ml_ops_platform_domain_service?.properties?.operation_type;
    expect(op).toEqual({ type: 'string', enum: ['CREATE', 'UPDATE', 'DELETE'] });
    expect(update.properties?.ai_ml_ops_platform_endpoint_type).toEqual({ type: 'string', enum: ['Public', 'Private'] });
    expect(inferSchema([{ a: 'X | Y' }, { a: 'Y' }]).properties?.a).toEqual({ type: 'string', enum: ['X', 'Y'] });
    expect(inferSchema([{ a: 'X | Y' }, { a: 'Z' }]).properties?.a).toEqual({ type: 'string' });
    expect(pseudoEnumChoices('^(32|64)$')).toEqual([]);
    expect(pseudoEnumChoices('a | ')).toEqual([]);
  });

  it('gives format date-time to strings that are all RFC 3339 timestamps', () => {
    const list = inferSchema([examples.get('List AI&MLOps Platform')?.responseBody]);
    const item = list.properties?.contents?.items?.properties ?? {};
    expect(item.created_dt).toEqual({ type: 'string', format: 'date-time' });
    expect(item.cluster_name).toEqual({ type: 'string' });
    expect(inferSchema([{ t: '2024-05-17T00:23:17Z' }, { t: '' }]).properties?.t).toEqual({ type: 'string', format: 'date-time' });
    expect(inferSchema([{ t: '2024-05-17T00:23:17Z' }, { t: '2024-05-17' }]).properties?.t).toEqual({ type: 'string' });
    expect(inferSchema([{ t: '2024-05-17 00:23:17' }]).properties?.t).toEqual({ type: 'string' });
  });

  it('merges samples: "" never overrides a seen type, conflicting types leave it open', () => {
    expect(inferSchema([{ a: '' }, { a: true }])).toEqual({ type: 'object', properties: { a: { type: 'boolean' } } });
    expect(inferSchema([{ a: 1 }, { a: 1.5 }]).properties?.a).toEqual({ type: 'number' });
    const mixed = inferSchema([{ a: 1 }, { a: 'x' }]).properties?.a;
    expect(mixed?.type).toBeUndefined();
    expect(mixed?.description).toMatch(/disagree/);
    expect(inferSchema([{ a: [] }, { a: [{ b: 1 }] }]).properties?.a).toEqual({ type: 'array', items: { type: 'object', properties: { b: { type: 'integer' } } } });
  });
});

describe('inferComponentSchema', () => {
  it('types a lone untyped result as boolean where the operation says true / false', () => {
    const sample = (op: string, saysTrueFalse: boolean) => ({ value: examples.get(op)?.responseBody, origin: `${op} 1.0 response 200`, saysTrueFalse });
    const description = 'Check Duplication AI&MLOps Platform Name. (false: no duplicate value, true: duplicate value)';
    expect(saysTrueFalse(description)).toBe(true);
    expect(saysTrueFalse('Check AI&MLOps Platform Cluster Version.')).toBe(false);
    const s = inferComponentSchema('CheckResponse', [sample('Check Cluster Version', false), sample('Check Duplication AI&MLOps Platform Name', true)]);
    expect(s?.properties?.result).toEqual({ description: 'true or false, as the description of Check Duplication AI&MLOps Platform Name 1.0 says.', type: 'boolean' });
    expect(inferComponentSchema('CheckResponse', [sample('Check Cluster Version', false)])?.properties?.result?.type).toBeUndefined();
    // Only a single untyped property is read as the documented result.
    expect(inferComponentSchema('Two', [{ value: { a: '', b: '' }, origin: 'X 1.0 response 200', saysTrueFalse: true }])?.properties?.a?.type).toBeUndefined();
  });

  it('marks the component as inferred and names where the examples came from', () => {
    const samples = ['Check Cluster Version', 'Validate Cluster Namespace'].map((op) => ({ value: examples.get(op)?.responseBody, origin: `${op} 1.0 response 200` }));
    const s = inferComponentSchema('CheckResponse', samples);
    expect(s?.['x-scp-inferred']).toBe(true);
    expect(s?.description).toContain('Check Cluster Version 1.0 response 200; Validate Cluster Namespace 1.0 response 200');
    expect(s?.properties?.result?.type).toBeUndefined();
    expect(s?.required).toBeUndefined();
    expect(inferComponentSchema('Nothing', [])).toBeUndefined();
  });
});

describe('samplesForModel', () => {
  it('finds instances of a model inside arrays and nullable unions', () => {
    expect(samplesForModel(schemaOf('AsyncResponse'), { a: 1 }, 'AsyncResponse')).toEqual([{ a: 1 }]);
    expect(samplesForModel(schemaOf('array[Tag]'), [{ k: 1 }, { k: 2 }], 'Tag')).toEqual([{ k: 1 }, { k: 2 }]);
    expect(samplesForModel(schemaOf('any of [array[Tag], null]'), null, 'Tag')).toEqual([]);
    expect(samplesForModel(schemaOf('any of [Tag, null]'), { k: 1 }, 'Tag')).toEqual([{ k: 1 }]);
    expect(samplesForModel(schemaOf('Other'), { k: 1 }, 'Tag')).toEqual([]);
    expect(samplesForModel(schemaOf('Tag'), undefined, 'Tag')).toEqual([]);
  });
});
