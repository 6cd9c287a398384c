import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { emitOpenApi } from '../../scripts/emit/emit-openapi.ts';
import { canonicalizeSpec, serializeSpecJson, serializeSpecYaml } from '../../scripts/emit/serialize.ts';
import { serviceFromInventory } from './inventory-service.ts';

type Json = Record<string, unknown>;
const DATA_KEYS = new Set(['example', 'examples', 'default', 'enum', 'required', 'security', 'x-scp-environments']);

/**
 * The same document with every object's keys inserted in reverse order, except what is data:
 * example/default/enum values, extension values and the order of `properties` (the documented field order).
 */
function reversed(value: unknown, keepOrder = false): unknown {
  if (Array.isArray(value)) return value.map((v) => reversed(v));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Json);
  const out: Json = {};
  for (const [k, v] of keepOrder ? entries : entries.reverse()) {
    out[k] = DATA_KEYS.has(k) || k.startsWith('x-') ? v : reversed(v, k === 'properties');
  }
  return out;
}

const svc = serviceFromInventory('data-flow');

describe('serializeSpecYaml / serializeSpecJson', () => {
  const doc = emitOpenApi(svc, '1.1').doc;
  const yaml = serializeSpecYaml(doc);

  it('is byte-identical across two emissions', () => {
    expect(serializeSpecYaml(emitOpenApi(svc, '1.1').doc)).toBe(yaml);
    expect(serializeSpecJson(emitOpenApi(svc, '1.1').doc)).toBe(serializeSpecJson(doc));
  });

  it('does not depend on the order keys were inserted in', () => {
    const shuffled = reversed(doc) as Json;
    expect(Object.keys(shuffled)[0]).toBe('components');
    expect(serializeSpecYaml(shuffled)).toBe(yaml);
    expect(serializeSpecJson(shuffled)).toBe(serializeSpecJson(doc));
  });

  it('puts the root keys, paths, methods, response codes and schema keywords in canonical order', () => {
    const c = canonicalizeSpec(reversed(doc) as Json);
    expect(Object.keys(c)).toEqual(['openapi', 'info', 'servers', 'security', 'tags', 'paths', 'components']);
    const paths = Object.keys(c.paths as Json);
    expect(paths).toEqual([...paths].sort());
    const item = (c.paths as Json)['/v1/data-flows'] as Json;
    expect(Object.keys(item)).toEqual(['get', 'post']);
    const op = item.get as Json;
    expect(Object.keys(op).slice(0, 5)).toEqual(['tags', 'summary', 'description', 'operationId', 'parameters']);
    expect(Object.keys(op).filter((k) => k.startsWith('x-'))).toEqual(['x-scp-api-version', 'x-scp-state', 'x-scp-status']);
    const codes = Object.keys(op.responses as Json);
    expect(codes.length).toBeGreaterThan(2);
    expect(codes).toEqual([...codes].sort());
    const schemas = Object.keys((c.components as Json).schemas as Json);
    expect(schemas).toEqual([...schemas].sort());
    const field = (((c.components as Json).schemas as Json).DataFlowBodyCreate as Json).properties as Json;
    expect(Object.keys(field)).toEqual(svc.models.find((m) => m.name === 'DataFlowBodyCreate')?.fields.map((f) => f.name));
    expect(Object.keys(field.data_flow_name as Json)).toEqual(['description', 'type', 'minLength', 'maxLength', 'x-scp-invalid-example']);
  });

  it('orders a synthetic document with every method and odd codes', () => {
    const methods = ['patch', 'delete', 'post', 'put', 'get'];
    const d = {
      components: {},
      paths: { '/b': {}, '/a': Object.fromEntries(methods.map((m) => [m, { responses: { default: {}, '404': {}, '2XX': {}, '200': {} } }])) },
      openapi: '3.1.0',
    };
    const c = canonicalizeSpec(d);
    expect(Object.keys(c)).toEqual(['openapi', 'paths', 'components']);
    expect(Object.keys(c.paths as Json)).toEqual(['/a', '/b']);
    const a = (c.paths as Json)['/a'] as Json;
    expect(Object.keys(a)).toEqual(['get', 'put', 'post', 'delete', 'patch']);
    expect(Object.keys((a.get as Json).responses as Json)).toEqual(['200', '404', '2XX', 'default']);
  });

  it('writes YAML that parses back to the same document, without folding or anchors, ending in a newline', () => {
    expect(parse(yaml)).toEqual(JSON.parse(serializeSpecJson(doc)));
    expect(yaml.endsWith('\n')).toBe(true);
    expect(yaml).not.toMatch(/^\s*[>|]-?\s*$/m);
    const shared = { type: 'string', description: 'x'.repeat(200) };
    const d = { openapi: '3.1.0', components: { schemas: { A: shared, B: shared } } };
    const text = serializeSpecYaml(d);
    expect(text).not.toMatch(/[&*]a\d/);
    expect(text).toContain(`description: ${'x'.repeat(200)}\n`);
  });

  it('keeps Hangul and patterns with identity escapes intact', () => {
    const tag = ((parse(yaml) as Json).components as Json).schemas as Json;
    expect(((tag.Tag as Json).properties as Json).tag_key).toMatchObject({ pattern: '^[a-zA-Z0-9가-힣ㄱ-ㅎㅏ-ㅣ \\+\\-\\=\\.\\_:/@]*$' });
  });
});

describe('YAML 1.1 readers', () => {
  it('quotes strings that YAML 1.1 would read as booleans, dates or numbers, and only those', () => {
    const values = ['Y', 'N', 'yes', 'off', 'On', '2026-07-01', '10:30', '1_000', '012', '0o12', 'created_dt:desc', 'kr-west1', 'DELETED', 'openapi', 'no such thing'];
    const text = serializeSpecYaml({ openapi: '3.1.0', info: { title: 't', version: '1.0' }, components: { schemas: { A: { type: 'string', enum: values } } } });
    const v11 = parse(text, { version: '1.1' }) as Json;
    const v12 = parse(text) as Json;
    const enumOf = (d: Json): unknown => ((((d.components as Json).schemas as Json).A as Json).enum);
    expect(enumOf(v11)).toEqual(values);
    expect(enumOf(v12)).toEqual(values);
    for (const plain of ['created_dt:desc', 'kr-west1', 'DELETED', 'no such thing']) expect(text).toContain(`- ${plain}\n`);
    expect(text).toContain('version: "1.0"');
  });
});
