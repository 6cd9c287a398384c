/**
 * Counts the docs' examples in the committed specs: every request and response example the docs
 * give (per ../shared/seed-inventory.json, made by an independent script) must be shown where
 * Redoc and Prism read it (`example` of the media type), and be valid against its schema. Checked
 * here with the validator's own API and a ref lookup built from each spec, not through the emitter.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validate, type Schema } from '@cfworker/json-schema';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadInventory } from '../helpers/inventory.ts';
import { aimlopsExamples } from './inventory-service.ts';

type Json = Record<string, unknown>;

const root = path.resolve(import.meta.dirname, '..', '..');
const inventory = loadInventory();

function spec(service: string, version: string): Json {
  return parse(readFileSync(path.join(root, 'specs', service, `${version}.yaml`), 'utf8')) as Json;
}

function lookupOf(doc: Json): Record<string, Schema> {
  const schemas = ((doc.components as Json | undefined)?.schemas ?? {}) as Record<string, Schema>;
  return Object.fromEntries(Object.entries(schemas).map(([name, s]) => [`#/components/schemas/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`, s]));
}

function mediaOf(holder: unknown): Json | undefined {
  return ((holder as Json | undefined)?.content as Json | undefined)?.['application/json'] as Json | undefined;
}

/** Whether the media type shows an example that its schema accepts. */
function shownValid(media: Json | undefined, lookup: Record<string, Schema>): boolean {
  if (!media || !('example' in media)) return false;
  return validate(media.example, media.schema as Schema, '2020-12', lookup).valid;
}

interface Count {
  documented: number;
  shown: number;
}

describe('docs examples shown valid in the emitted specs', () => {
  const cases = Object.entries(inventory.services).flatMap(([service, inv]) => Object.entries(inv.versions).map(([version, ops]) => ({ service, version, ops })));

  it('shows every documented request and response example, valid, on the operation and code the docs name', () => {
    const counts = { version: { request: { documented: 0, shown: 0 }, response: { documented: 0, shown: 0 } }, latest: { request: { documented: 0, shown: 0 }, response: { documented: 0, shown: 0 } } };
    const missing: string[] = [];
    for (const { service, version, ops } of cases) {
      for (const latest of [false, true]) {
        const { request, response }: { request: Count; response: Count } = counts[latest ? 'latest' : 'version'];
        const doc = spec(service, latest ? 'latest' : version);
        const lookup = lookupOf(doc);
        for (const o of ops) {
          const op = (doc.paths as Record<string, Record<string, Json>>)[o.path]?.[o.method.toLowerCase()];
          // latest holds each operation in its newest version only.
          if (latest && op?.['x-scp-api-version'] !== `${service} ${version}`) continue;
          const where = `${service} ${latest ? 'latest' : version} ${o.operationName}`;
          if (o.hasRequestExample) {
            request.documented++;
            if (shownValid(mediaOf(op?.requestBody), lookup)) request.shown++;
            else missing.push(`${where} request`);
          }
          if (o.hasResponseExample) {
            response.documented++;
            if (shownValid(mediaOf((op?.responses as Json | undefined)?.[o.exampleResponseCode]), lookup)) response.shown++;
            else missing.push(`${where} response ${o.exampleResponseCode}`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
    // 66 request and 149 response examples in the 10 versions; latest repeats those of the newest versions.
    expect(counts.version).toEqual({ request: { documented: 66, shown: 66 }, response: { documented: 149, shown: 149 } });
    expect(counts.latest.request.shown).toBe(counts.latest.request.documented);
    expect(counts.latest.response.shown).toBe(counts.latest.response.documented);
    expect(counts.latest.response.documented).toBeGreaterThan(100);
  });

  it('shows no invalid example anywhere, and no path parameter with an empty example', () => {
    const problems: string[] = [];
    for (const service of Object.keys(inventory.services)) {
      for (const version of [...Object.keys(inventory.services[service]?.versions ?? {}), 'latest']) {
        const doc = spec(service, version);
        const lookup = lookupOf(doc);
        for (const [p, item] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
          for (const [method, op] of Object.entries(item)) {
            for (const param of (op.parameters ?? []) as Json[]) {
              if ('example' in param && !validate(param.example, param.schema as Schema, '2020-12', lookup).valid) problems.push(`${version} ${method} ${p} ${String(param.name)}`);
              if (param.in === 'path' && param.example === '') problems.push(`${version} ${method} ${p} path ${String(param.name)} = ""`);
            }
            const medias = [mediaOf(op.requestBody), ...Object.values((op.responses ?? {}) as Json).map(mediaOf)];
            for (const m of medias) if (m && 'example' in m && !shownValid(m, lookup)) problems.push(`${service} ${version} ${method} ${p} media example`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps the docs\' original beside each repaired example (AI&MLOps bodies read straight from sources/004)', () => {
    const doc = spec('aimlops-platform', '1.0');
    const docsExamples = aimlopsExamples();
    const byName = new Map(Object.values(doc.paths as Record<string, Record<string, Json>>).flatMap((item) => Object.values(item)).map((op) => [op.summary as string, op]));
    let repaired = 0;
    for (const [name, ex] of docsExamples) {
      const op = byName.get(name);
      expect(op, name).toBeDefined();
      const pairs: [Json | undefined, unknown][] = [
        [mediaOf(op?.requestBody), ex.requestBody],
        [mediaOf((op?.responses as Json | undefined)?.[ex.responseCode ?? '']), ex.responseBody],
      ];
      for (const [media, original] of pairs) {
        if (original === undefined) continue;
        const kept = media?.['x-scp-original-example'] as Json | undefined;
        if (kept) repaired++;
        expect(kept ? kept.value : media?.example, name).toEqual(original);
      }
    }
    expect(repaired).toBe(5);
  });
});
