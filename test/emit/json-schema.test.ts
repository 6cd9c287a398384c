import { Validator, type Schema } from '@cfworker/json-schema';
import { describe, expect, it } from 'vitest';
import { applyConstraints, defaultForSchema, literalForSchema, schemaExprToJsonSchema, type JsonSchema } from '../../scripts/emit/json-schema.ts';
import type { Constraint } from '../../scripts/model.ts';
import { inventory, schemaOf } from './inventory-service.ts';

const refFor = (m: string): string => `#/$defs/${m}`;
const convert = (text: string): JsonSchema => schemaExprToJsonSchema(schemaOf(text), refFor);

/** Validate against a converted schema; every referenced model is an object. */
function accepts(text: string, value: unknown): boolean {
  const schema = convert(text);
  const defs = Object.fromEntries(JSON.stringify(schema).match(/#\/\$defs\/\w+/g)?.map((r) => [r.slice(8), { type: 'object' }]) ?? []);
  return new Validator({ ...schema, $defs: defs } as Schema, '2020-12').validate(value).valid;
}

describe('schemaExprToJsonSchema: every pattern of SOURCE-FORMATS section 6', () => {
  const cases: [string, JsonSchema][] = [
    ['string', { type: 'string' }],
    ['DataFlowBodyCreate', { $ref: '#/$defs/DataFlowBodyCreate' }],
    ['any of [string, null]', { type: ['string', 'null'] }],
    ['integer', { type: 'integer' }],
    ['boolean', { type: 'boolean' }],
    ['enum (ACTIVE, CREATING, RUNNING)', { type: 'string', enum: ['ACTIVE', 'CREATING', 'RUNNING'] }],
    ['enum (PostgreSQL, Valkey Sentinel)', { type: 'string', enum: ['PostgreSQL', 'Valkey Sentinel'] }],
    ['array[Tag]', { type: 'array', items: { $ref: '#/$defs/Tag' } }],
    ['any of [integer, null]', { type: ['integer', 'null'] }],
    ['string (date-time)', { type: 'string', format: 'date-time' }],
    ['any of [object, null]', { type: ['object', 'null'], additionalProperties: true }],
    ['object', { type: 'object', additionalProperties: true }],
    ['array[string]', { type: 'array', items: { type: 'string' } }],
    ['any of [boolean, null]', { type: ['boolean', 'null'] }],
    ['any of [Engine, null]', { anyOf: [{ $ref: '#/$defs/Engine' }, { type: 'null' }] }],
    ['any of [enum (MON, TUE), null]', { type: ['string', 'null'], enum: ['MON', 'TUE', null] }],
    ['any of [array[InstanceRequest], null]', { anyOf: [{ type: 'array', items: { $ref: '#/$defs/InstanceRequest' } }, { type: 'null' }] }],
    ['any of [array[object], null]', { anyOf: [{ type: 'array', items: { type: 'object', additionalProperties: true } }, { type: 'null' }] }],
    ['any of [array[string], null]', { anyOf: [{ type: 'array', items: { type: 'string' } }, { type: 'null' }] }],
    ['array[object]', { type: 'array', items: { type: 'object', additionalProperties: true } }],
    ['any of [string (date-time), null]', { type: ['string', 'null'], format: 'date-time' }],
  ];
  for (const [text, expected] of cases) {
    it(text, () => expect(convert(text)).toEqual(expected));
  }

  it('accepts null exactly for the `any of [..., null]` schemas, and the right values otherwise', () => {
    expect(accepts('any of [enum (MON, TUE), null]', null)).toBe(true);
    expect(accepts('any of [enum (MON, TUE), null]', 'MON')).toBe(true);
    expect(accepts('any of [enum (MON, TUE), null]', 'WED')).toBe(false);
    expect(accepts('any of [array[Tag], null]', [{}])).toBe(true);
    expect(accepts('any of [array[Tag], null]', ['x'])).toBe(false);
    expect(accepts('any of [string (date-time), null]', '2026-02-11T06:41:30.704Z')).toBe(true);
    expect(accepts('integer', 1.5)).toBe(false);
  });

  it('converts every distinct schema text of the inventory without the 3.0 `nullable` keyword', () => {
    const texts = new Set<string>();
    for (const s of Object.values(inventory().services)) {
      for (const m of s.models ?? []) for (const f of m.fields) texts.add(f.schema);
      for (const ops of Object.values(s.versions)) for (const o of ops) for (const p of o.parameters) texts.add(p.schema);
    }
    expect(texts.size).toBeGreaterThan(100);
    for (const text of texts) {
      const json = JSON.stringify(convert(text));
      expect(json, text).not.toContain('nullable');
      expect(accepts(text, null), text).toBe(text.startsWith('any of [') && text.endsWith(', null]'));
    }
  });

  it('merges several primitives into a type list and keeps other unions as anyOf', () => {
    const multi = schemaExprToJsonSchema({ kind: 'anyOf', members: [{ kind: 'primitive', type: 'string' }, { kind: 'primitive', type: 'integer' }, { kind: 'primitive', type: 'null' }] }, refFor);
    expect(multi).toEqual({ type: ['string', 'integer', 'null'] });
    const mixed = schemaExprToJsonSchema({ kind: 'anyOf', members: [{ kind: 'ref', model: 'A' }, { kind: 'ref', model: 'B' }] }, refFor);
    expect(mixed).toEqual({ anyOf: [{ $ref: '#/$defs/A' }, { $ref: '#/$defs/B' }] });
  });
});

describe('applyConstraints', () => {
  const c = (key: Constraint['key'], value: string): Constraint => ({ key, value });

  it('maps Minimum length / Maximum length to minLength / maxLength, not minimum / maximum', () => {
    // DataFlowServiceCreateRequest.data_flow_service_name in the docs.
    const expr = schemaOf('string');
    const r = applyConstraints({ type: 'string' }, expr, [c('Example', ''), c('Pattern', '^[a-z][a-z0-9\\-]*[a-z0-9]$'), c('Minimum length', '3'), c('Maximum length', '30')]);
    expect(r.schema).toEqual({ type: 'string', pattern: '^[a-z][a-z0-9\\-]*[a-z0-9]$', minLength: 3, maxLength: 30 });
    // An empty `Example :` line is the docs' placeholder for "no example" (it would fail minLength 3).
    expect(r.examples).toEqual([]);
    expect(r.problems).toEqual([]);
    expect(applyConstraints({ type: 'integer' }, schemaOf('integer'), [c('Example', ' ')]).examples).toEqual([]);
    expect(applyConstraints({ type: 'string' }, expr, [c('Example', ''), c('Example', 'flow-1')]).examples).toEqual(['flow-1']);
  });

  it('maps Minimum / Maximum to minimum / maximum with numbers, and the example to an integer', () => {
    // eventstreams BlockStorageGroupRequest.size_gb.
    const r = applyConstraints({ type: 'integer' }, schemaOf('integer'), [c('Example', '104'), c('Minimum', '16'), c('Maximum', '5120')]);
    expect(r.schema).toEqual({ type: 'integer', minimum: 16, maximum: 5120 });
    expect(r.examples).toEqual([104]);
  });

  it('makes a pattern that is invalid under the `u` flag u-safe, keeping the docs\' text beside it', () => {
    const pattern = '^[a-zA-Z0-9가-힣ㄱ-ㅎㅏ-ㅣ \\+\\-\\=\\.\\_:/@]*$';
    expect(() => new RegExp(pattern, 'u')).toThrow();
    const r = applyConstraints({ type: 'string' }, schemaOf('string'), [c('Pattern', pattern), c('Maximum length', '128')]);
    expect(r.schema['x-scp-pattern-original']).toBe(pattern);
    expect(r.schema.pattern).toBe('^[a-zA-Z0-9가-힣ㄱ-ㅎㅏ-ㅣ \\+\\-=\\._:/@]*$');
    expect(new RegExp(r.schema.pattern as string, 'u').test('태그-a=b_c')).toBe(true);
    expect(r.problems).toEqual([]);
    const plain = applyConstraints({ type: 'string' }, schemaOf('string'), [c('Pattern', '^[a-z][a-zA-Z0-9\\-]*$')]);
    expect(plain.schema).toEqual({ type: 'string', pattern: '^[a-z][a-zA-Z0-9\\-]*$' });
  });

  it('reports constraints it cannot apply instead of guessing', () => {
    const bad = applyConstraints({ type: 'integer' }, schemaOf('integer'), [c('Minimum', 'ten'), c('Minimum length', '2'), c('Maximum', '1'), c('Minimum', '5')]);
    expect(bad.schema).toEqual({ type: 'integer', minLength: 2, maximum: 1, minimum: 5 });
    expect(bad.problems).toEqual([
      'Minimum is not a number: "ten"',
      'Minimum length on a non-string schema',
      'minimum 5 is greater than maximum 1',
    ]);
    const regex = applyConstraints({ type: 'string' }, schemaOf('string'), [c('Pattern', '^(32|64')]);
    expect(regex.schema.pattern).toBeUndefined();
    expect(regex.schema['x-scp-invalid-pattern']).toBe('^(32|64');
    expect(regex.problems[0]).toMatch(/not a valid regular expression/);
  });
});

describe('defaults and examples converted to the schema type', () => {
  it('None and empty mean no default', () => {
    expect(defaultForSchema('None', schemaOf('string'))).toEqual({ present: false });
    expect(defaultForSchema('', schemaOf('string'))).toEqual({ present: false });
    expect(defaultForSchema(undefined, schemaOf('integer'))).toEqual({ present: false });
  });

  it('reads booleans, integers and strings from the docs', () => {
    expect(defaultForSchema('False', schemaOf('boolean'))).toEqual({ present: true, value: false });
    expect(defaultForSchema('True', schemaOf('any of [boolean, null]'))).toEqual({ present: true, value: true });
    expect(defaultForSchema('20', schemaOf('any of [integer, null]'))).toEqual({ present: true, value: 20 });
    expect(defaultForSchema('created_dt:desc', schemaOf('string'))).toEqual({ present: true, value: 'created_dt:desc' });
    expect(defaultForSchema('application/json', schemaOf('string'))).toEqual({ present: true, value: 'application/json' });
  });

  it('keeps string-typed values as text even when they look like numbers', () => {
    expect(literalForSchema('22.04', schemaOf('string'))).toBe('22.04');
    expect(literalForSchema('20', schemaOf('any of [string, null]'))).toBe('20');
    expect(literalForSchema('False', schemaOf('string'))).toBe('False');
  });

  it('reads Python-literal examples for object and array fields', () => {
    expect(literalForSchema("{'account_id': '', 'account_password': ''}", schemaOf('any of [object, null]'))).toEqual({ account_id: '', account_password: '' });
    expect(literalForSchema("[{'hostnames': [''], 'ip': ''}]", schemaOf('array[object]'))).toEqual([{ hostnames: [''], ip: '' }]);
  });

  it('leaves values that contradict the type as they are (the example checker flags them)', () => {
    // ClusterResourceCheckResponse.cpu: `object` with default and example `CPU`.
    expect(defaultForSchema('CPU', schemaOf('object'))).toEqual({ present: true, value: 'CPU' });
    expect(literalForSchema('', schemaOf('integer'))).toBe('');
    expect(literalForSchema('1.5', schemaOf('integer'))).toBe(1.5);
  });
});
