/**
 * Coverage: the committed specs against ../shared/seed-inventory.json, an inventory produced by an
 * independent script. Every operation (method, path, parameters with required flags, response
 * codes) and every model field must be present, and nothing may be invented.
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadInventory, type InventoryOperation as InvOp } from './helpers/inventory.ts';

const root = path.resolve(import.meta.dirname, '..');

type Json = Record<string, unknown>;

const inventory = loadInventory();
const specCache = new Map<string, Json>();
function spec(service: string, version: string): Json {
  const file = path.join(root, 'specs', service, `${version}.yaml`);
  let s = specCache.get(file);
  if (!s) {
    s = parse(readFileSync(file, 'utf8')) as Json;
    specCache.set(file, s);
  }
  return s;
}

/** Resolve a local $ref inside a spec. */
function deref(doc: Json, node: unknown): Json {
  let n = node as Json;
  while (n && typeof n.$ref === 'string') {
    n = (n.$ref as string)
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((acc, key) => (acc as Json)[key], doc) as Json;
  }
  return n;
}

/**
 * Render a JSON Schema back into the docs' Schema-column grammar, independently of the emitter,
 * so that the emitted type can be compared with the inventory's raw text.
 */
function toGrammar(s: Json): string {
  if (typeof s.$ref === 'string') return (s.$ref as string).split('/').pop() as string;
  const nonNull = (list: string[]): string[] => list.filter((x) => x !== 'null');
  if (Array.isArray(s.anyOf) || Array.isArray(s.oneOf)) {
    const members = ((s.anyOf ?? s.oneOf) as Json[]).map((m) => toGrammar(m));
    const rest = nonNull(members);
    return members.includes('null') ? `any of [${rest.join(', ')}, null]` : `any of [${members.join(', ')}]`;
  }
  if (Array.isArray(s.enum)) {
    const values = (s.enum as unknown[]).filter((v) => v !== null).map(String);
    const e = `enum (${values.join(', ')})`;
    return (s.enum as unknown[]).includes(null) || (Array.isArray(s.type) && s.type.includes('null')) ? `any of [${e}, null]` : e;
  }
  if (s.type === 'null') return 'null';
  const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
  const base = nonNull(types)[0];
  let one: string;
  if (base === 'array') one = `array[${toGrammar((s.items ?? {}) as Json)}]`;
  else if (typeof s.format === 'string') one = `${base} (${s.format})`;
  else one = String(base);
  return types.includes('null') ? `any of [${one}, null]` : one;
}

const cases = Object.entries(inventory.services).flatMap(([service, inv]) =>
  Object.keys(inv.versions).map((version) => ({ service, version, inv })),
);

describe('coverage against seed-inventory.json', () => {
  it('has a spec file for every service and version in the inventory, and a latest spec per service', () => {
    expect(cases.length).toBe(10);
    for (const { service, version } of cases) expect(existsSync(path.join(root, 'specs', service, `${version}.yaml`)), `${service} ${version}`).toBe(true);
    for (const service of Object.keys(inventory.services)) expect(existsSync(path.join(root, 'specs', service, 'latest.yaml')), service).toBe(true);
  });

  for (const { service, version, inv } of cases) {
    describe(`${service} ${version}`, () => {
      const ops = inv.versions[version] as InvOp[];

      it('has exactly the documented operations, with their Scp-Api-Version and status', () => {
        const doc = spec(service, version);
        const paths = doc.paths as Record<string, Record<string, Json>>;
        const emitted = Object.entries(paths).flatMap(([p, item]) =>
          Object.keys(item)
            .filter((k) => ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'].includes(k))
            .map((m) => `${m.toUpperCase()} ${p}`),
        );
        expect(emitted.sort()).toEqual(ops.map((o) => `${o.method} ${o.path}`).sort());
        for (const o of ops) {
          const op = paths[o.path]?.[o.method.toLowerCase()] as Json;
          expect(op['x-scp-api-version'], o.operationName).toBe(`${service} ${version}`);
          expect(op['x-scp-status'], o.operationName).toBe(o.status);
          if (/^\d{8}$/.test(o.supportedUntil)) {
            const d = o.supportedUntil;
            expect(op['x-scp-supported-until'], o.operationName).toBe(`${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}`);
          }
          expect(typeof op.operationId).toBe('string');
        }
      });

      it('has every parameter with its location, required flag and type, and nothing more but the pinned version header', () => {
        const doc = spec(service, version);
        for (const o of ops) {
          const op = (doc.paths as Record<string, Record<string, Json>>)[o.path]?.[o.method.toLowerCase()] as Json;
          const all = ((op.parameters ?? []) as Json[]).map((p) => deref(doc, p));
          const isVersionHeader = (p: Json): boolean => p.in === 'header' && String(p.name).toLowerCase() === 'scp-api-version';
          // Not a documented row: the header every request needs, with exactly this op-version's value.
          expect(all.filter(isVersionHeader), o.operationName).toEqual([
            expect.objectContaining({ required: true, schema: { type: 'string', enum: [`${service} ${version}`] } }),
          ]);
          const params = all.filter((p) => !isVersionHeader(p));
          const expected = o.parameters.filter((p) => p.in !== 'body');
          expect(params.map((p) => `${p.in} ${p.name} ${p.required === true}`).sort(), o.operationName).toEqual(
            expected.map((p) => `${p.in} ${p.name} ${p.required}`).sort(),
          );
          for (const p of expected) {
            const got = params.find((q) => q.in === p.in && q.name === p.name) as Json;
            expect(toGrammar(got.schema as Json), `${o.operationName} ${p.name}`).toBe(p.schema);
          }
          const body = o.parameters.find((p) => p.in === 'body');
          if (body) {
            const rb = deref(doc, op.requestBody);
            expect(rb.required, o.operationName).toBe(body.required);
            const schema = ((rb.content as Json)['application/json'] as Json).schema as Json;
            expect(toGrammar(schema), o.operationName).toBe(body.schema);
          } else {
            expect(op.requestBody, o.operationName).toBeUndefined();
          }
        }
      });

      it('has every response code with its schema, and nothing more', () => {
        const doc = spec(service, version);
        for (const o of ops) {
          const op = (doc.paths as Record<string, Record<string, Json>>)[o.path]?.[o.method.toLowerCase()] as Json;
          const responses = op.responses as Record<string, Json>;
          expect(Object.keys(responses).sort(), o.operationName).toEqual(o.responses.map((r) => r.code).sort());
          for (const r of o.responses) {
            const resp = deref(doc, responses[r.code]);
            const content = resp.content as Record<string, Json> | undefined;
            if (r.schema === 'None') expect(content?.['application/json']?.schema, `${o.operationName} ${r.code}`).toBeUndefined();
            else expect(toGrammar(content?.['application/json']?.schema as Json), `${o.operationName} ${r.code}`).toBe(r.schema);
          }
        }
      });

      it('has exactly the models this version reaches, each with every field, type and required flag', () => {
        const doc = spec(service, version);
        const schemas = ((doc.components as Json | undefined)?.schemas ?? {}) as Record<string, Json>;
        if (inv.models === null) {
          // AI&MLOps: no Models section; every referenced name must be an inferred (marked) schema.
          const names = (inv.referencedModels ?? []).map((m) => m.name).sort();
          expect(Object.keys(schemas).sort()).toEqual(names);
          for (const n of names) expect(schemas[n]?.['x-scp-inferred'], n).toBe(true);
          return;
        }
        const expected = inv.models.filter((m) => m.usedByVersions.includes(version));
        expect(Object.keys(schemas).sort()).toEqual(expected.map((m) => m.name).sort());
        for (const m of expected) {
          const s = schemas[m.name] as Json;
          const props = (s.properties ?? {}) as Record<string, Json>;
          expect(Object.keys(props).sort(), m.name).toEqual(m.fields.map((f) => f.name).sort());
          expect(((s.required ?? []) as string[]).slice().sort(), m.name).toEqual(m.fields.filter((f) => f.required).map((f) => f.name).sort());
          for (const f of m.fields) {
            expect(toGrammar(props[f.name] as Json), `${m.name}.${f.name}`).toBe(f.schema);
            for (const [key, value] of f.constraints) {
              const p = props[f.name] as Json;
              const keyword = { Pattern: 'pattern', 'Minimum length': 'minLength', 'Maximum length': 'maxLength', Minimum: 'minimum', Maximum: 'maximum' }[key];
              if (keyword === 'pattern') expect(p['x-scp-pattern-original'] ?? p.pattern, `${m.name}.${f.name}`).toBe(value);
              else if (keyword) expect(p[keyword], `${m.name}.${f.name} ${key}`).toBe(Number(value));
            }
          }
        }
      });
    });
  }
});
