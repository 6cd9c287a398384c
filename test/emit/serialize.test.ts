import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Document, parse, visit } from 'yaml';
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
    expect(Object.keys(c)).toEqual(['openapi', 'info', 'externalDocs', 'servers', 'security', 'tags', 'paths', 'components']);
    const paths = Object.keys(c.paths as Json);
    expect(paths).toEqual([...paths].sort());
    const item = (c.paths as Json)['/v1/data-flows'] as Json;
    expect(Object.keys(item)).toEqual(['get', 'post']);
    const op = item.get as Json;
    expect(Object.keys(op).slice(0, 6)).toEqual(['tags', 'summary', 'description', 'externalDocs', 'operationId', 'parameters']);
    expect(Object.keys(op).filter((k) => k.startsWith('x-'))).toEqual(['x-scp-api-version', 'x-scp-state', 'x-scp-status']);
    const codes = Object.keys(op.responses as Json);
    expect(codes.length).toBeGreaterThan(2);
    expect(codes).toEqual([...codes].sort());
    const schemas = Object.keys((c.components as Json).schemas as Json);
    expect(schemas).toEqual([...schemas].sort());
    const field = (((c.components as Json).schemas as Json).DataFlowBodyCreate as Json).properties as Json;
    expect(Object.keys(field)).toEqual(svc.models.find((m) => m.name === 'DataFlowBodyCreate')?.fields.map((f) => f.name));
    expect(Object.keys(field.data_flow_name as Json)).toEqual(['description', 'type', 'minLength', 'maxLength']);
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
    expect(((tag.Tag as Json).properties as Json).tag_key).toMatchObject({ 'x-scp-pattern-original': '^[a-zA-Z0-9가-힣ㄱ-ㅎㅏ-ㅣ \\+\\-\\=\\.\\_:/@]*$' });
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

/**
 * serializeSpecYaml the plain way: yaml's own createNode over canonicalizeSpec's object, then every
 * string scalar (keys too) that YAML 1.1 reads as something else double-quoted (the same rule as
 * serialize.ts: only short, space-free strings that start like a 1.1 number, date or boolean).
 */
function referenceYaml(doc: Json): string {
  const d = new Document(canonicalizeSpec(doc), { aliasDuplicateObjects: false });
  const maybe = /^(?:[-+.~0-9]|[yYnNoOtTfF][a-zA-Z]{0,4}$)/;
  const differs = (t: string): boolean => {
    if (!maybe.test(t) || t.length > 40 || /\s/.test(t)) return false;
    try {
      return parse(t, { version: '1.1' }) !== t;
    } catch {
      return false;
    }
  };
  visit(d, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && differs(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  const text = d.toString({ lineWidth: 0, minContentWidth: 0 });
  return text.endsWith('\n') ? text : `${text}\n`;
}

describe('serializeSpecYaml builds the same YAML as yaml\'s createNode would', () => {
  it('on an emitted spec', () => {
    const doc = emitOpenApi(svc, '1.1').doc;
    expect(serializeSpecYaml(doc)).toBe(referenceYaml(doc));
  });

  it('on odd documents: integer-like and keyword-like keys, undefined, dates, maps, holes, look-alike strings', () => {
    const look = fc.constantFrom('yes', 'On', 'Y', '1:30', '012', '0x1F', '2026-07-01', '~', 'null', '', 'a: b', '- x', 'two\nlines', '"q"', '200', '0', '4294967295', '__proto__', 'constructor', 'toString', 'x-y', 'default', 'type', 'items', 'properties', 'get');
    const key = fc.oneof(look, fc.string({ maxLength: 5 }));
    const leaf = fc.oneof(look, fc.string({ maxLength: 6 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.date({ noInvalidDate: true }), fc.constant(new Map([['k', 'on']])));
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small' }, leaf, tie('list'), tie('object')),
      list: fc.array(tie('tree'), { maxLength: 4 }),
      object: fc.array(fc.tuple(key, tie('tree')), { maxLength: 5 }).map((entries) => {
        const o: Json = {};
        for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
        return o;
      }),
    }));
    const method = fc.dictionary(fc.constantFrom('get', 'post', 'parameters', 'responses', 'x-a'), tree);
    const docs = fc.record({
      openapi: fc.constant('3.1.0'),
      info: tree,
      tags: fc.array(tree, { maxLength: 3 }),
      paths: fc.dictionary(fc.constantFrom('/b', '/a/{id}', 'x-ext'), method),
      components: fc.record({ schemas: fc.dictionary(key, tree) }),
      other: tree,
    });
    fc.assert(
      fc.property(docs, (d) => serializeSpecYaml(d as Json) === referenceYaml(d as Json)),
      { numRuns: 200 },
    );
    // eslint-disable-next-line no-sparse-arrays
    const sparse = { openapi: '3.1.0', tags: [{ name: 'a' }, , { name: 'on' }], info: { title: [1, , 'yes'] } };
    expect(serializeSpecYaml(sparse)).toBe(referenceYaml(sparse));
  });
});
