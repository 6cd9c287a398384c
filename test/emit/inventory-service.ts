/**
 * Test helper: MergedService values built from the independent seed inventory
 * (../shared/seed-inventory.json) and example JSON read straight from sources/004, so the emitter
 * tests run on real operations, models and examples without depending on the readers or merger.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Constraint, ConstraintKey, ExampleDoc, MergedService, ModelDoc, SchemaExpr, VersionStatus } from '../../scripts/model.ts';
import { parseSchemaExpression } from '../../scripts/schema-expression.ts';
import { loadInventory, type Inventory, type InventoryModel as InvModel, type InventoryService as InvService } from '../helpers/inventory.ts';

export type { Inventory, InvModel };
/** The seed inventory (cached). */
export const inventory = loadInventory;

const root = path.resolve(import.meta.dirname, '..', '..');

export function schemaOf(text: string): SchemaExpr {
  const r = parseSchemaExpression(text);
  if (!r.ok) throw new Error(`unparseable schema in the inventory: ${text}`);
  return r.expr;
}

function constraintsOf(pairs: [string, string][]): Constraint[] {
  return pairs.map(([key, value]) => ({ key: key as ConstraintKey, value }));
}

export function modelsOf(inv: InvService, file: string): ModelDoc[] {
  return (inv.models ?? []).map((m, i) => ({
    name: m.name,
    source: { file, line: 1000 + i * 100 },
    fields: m.fields.map((f, j) => ({
      name: f.name,
      required: f.required,
      description: f.name,
      constraints: constraintsOf(f.constraints),
      schemaText: f.schema,
      schema: schemaOf(f.schema),
      ...(f.default !== null ? { default: f.default } : {}),
      source: { file, line: 1000 + i * 100 + j + 1 },
    })),
  }));
}

/** A MergedService for one inventory service; `examples` adds example bodies by operation name. */
export function serviceFromInventory(id: string, examples: ReadonlyMap<string, Partial<ExampleDoc>> = new Map()): MergedService {
  const inv = inventory().services[id];
  if (!inv) throw new Error(`no service ${id} in the inventory`);
  let line = 1;
  const operations = Object.entries(inv.versions).flatMap(([version, ops]) =>
    ops.map((o) => {
      const file = o.sources[0] ?? 'unknown.txt';
      const opLine = line;
      line += 50;
      return {
        name: o.operationName,
        version,
        method: o.method.toLowerCase() as 'get',
        path: o.path,
        description: o.description,
        state: o.state,
        status: o.status as VersionStatus,
        supportedUntil: o.supportedUntil,
        parameters: o.parameters.map((p, k) => ({
          in: p.in as 'query',
          name: p.name,
          required: p.required,
          description: '',
          constraints: [],
          schemaText: p.schema,
          schema: schemaOf(p.schema),
          ...(p.default !== null && p.default !== '' ? { default: p.default } : {}),
          source: { file, line: opLine + 10 + k },
        })),
        responses: o.responses.map((r, k) => ({
          code: r.code,
          description: '',
          schemaText: r.schema,
          ...(r.schema !== 'None' ? { schema: schemaOf(r.schema) } : {}),
          source: { file, line: opLine + 30 + k },
        })),
        example: {
          headers: [{ name: 'Scp-Api-Version', value: `${id} ${version}` }],
          responseCode: o.exampleResponseCode,
          ...examples.get(o.operationName),
        },
        serviceId: id,
        source: { file, line: opLine },
        sources: o.sources.map((f) => ({ file: f, line: opLine })),
      };
    }),
  );
  const file = operations[0]?.source.file ?? 'unknown.txt';
  return {
    id,
    title: inv.title,
    ...(inv.baseUrl ? { baseUrl: { value: inv.baseUrl } } : {}),
    ...(inv.environments ? { environments: inv.environments } : {}),
    versionTable: [],
    operations,
    models: modelsOf(inv, file),
    sourceFiles: [...new Set(operations.flatMap((o) => o.sources.map((s) => s.file)))],
    sourcePages: manifestOrigins(),
  };
}

/** file → origin page of sources/manifest.json (what the merger fills `sourcePages` from). */
function manifestOrigins(): Record<string, string> {
  const manifest = JSON.parse(readFileSync(path.join(root, 'sources', 'manifest.json'), 'utf8')) as { files: { file: string; origin: string }[] };
  return Object.fromEntries(manifest.files.map((f) => [f.file, f.origin]));
}

/**
 * The example JSON of sources/004 (AI&MLOps) by operation heading, read with a bracket counter:
 * `Request body` and `Response NNN` are followed by unindented pretty-printed JSON.
 */
export function aimlopsExamples(): Map<string, Partial<ExampleDoc>> {
  const lines = readFileSync(path.join(root, 'sources', '004_93f42c537ca2b419.txt'), 'utf8').split('\n');
  const out = new Map<string, Partial<ExampleDoc>>();
  let op = '';
  const jsonAfter = (i: number): unknown => {
    if (!lines[i + 1]?.startsWith('{')) return undefined;
    let depth = 0;
    const buf: string[] = [];
    for (let j = i + 1; j < lines.length; j++) {
      const l = lines[j] as string;
      buf.push(l);
      for (const ch of l.replace(/"(?:[^"\\]|\\.)*"/g, '')) depth += ch === '{' || ch === '[' ? 1 : ch === '}' || ch === ']' ? -1 : 0;
      if (depth === 0) break;
    }
    return JSON.parse(buf.join('\n'));
  };
  lines.forEach((l, i) => {
    const heading = /^\d+ - (.+)$/.exec(l);
    if (heading) op = heading[1] as string;
    const entry = out.get(op) ?? {};
    if (l === 'Request body') out.set(op, { ...entry, requestBody: jsonAfter(i) });
    const resp = /^Response (\d{3})$/.exec(l);
    if (resp) {
      const body = jsonAfter(i);
      out.set(op, { ...entry, responseCode: resp[1] as string, ...(body !== undefined ? { responseBody: body } : {}) });
    }
  });
  return out;
}
