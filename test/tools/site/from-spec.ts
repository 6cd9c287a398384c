/**
 * An emitted spec back to the doc model of the docs it was read from: operations, parameter and
 * field rows with the docs' raw texts (Schema column, Default, `Example :` lines, the original
 * pattern), models, and the service facts. What the emitter derives rather than reads is left out,
 * so a rendered site shows only what the docs show: `latest` specs, schemas inferred from examples
 * (`x-scp-inferred`), stubs for undefined models (`x-scp-unresolved`), undocumented path
 * parameters, a `Scp-Api-Version` header parameter (the docs carry it only in the example headers),
 * facts cited from another page (they belong in the manifest), externalDocs and per-environment servers.
 */
import type { CitedFact, EnvironmentRegion, FieldDoc, ModelDoc, OperationDoc, ParameterDoc, ParameterLocation, ResponseDoc, SourceRef } from '../../../scripts/model.ts';
import { summaryFor } from '../../../scripts/emit/naming.ts';
import { formatSchemaExpression } from '../../../scripts/schema-expression.ts';
import { compareVersionsDesc } from '../../../src/version-order.ts';
import { constraintsOf, invalidValues, schemaToExpr, valueText } from './schema-text.ts';

type Json = Record<string, unknown>;
export type SiteOperation = OperationDoc & { readonly name: string };

export interface SpecInput {
  readonly service: string;
  /** API version, or `latest` (skipped: it repeats the per-version operations). */
  readonly version: string;
  readonly doc: Json;
}

export interface SiteService {
  readonly id: string;
  readonly category: string;
  readonly title: string;
  readonly overview?: string;
  readonly baseUrl?: string;
  readonly environments?: readonly EnvironmentRegion[];
  /** Facts the spec cites from another page: they go into a manifest's `services.<id>`, not the service's pages. */
  readonly cited: { readonly baseUrl?: CitedFact<string>; readonly environments?: CitedFact<readonly EnvironmentRegion[]> };
  readonly operations: readonly SiteOperation[];
  readonly models: readonly ModelDoc[];
  /** Values the docs' text cannot express, so the site leaves them out (kept for tests to assert on). */
  readonly unrendered: readonly string[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function obj(v: unknown): Json {
  return isObject(v) ? v : {};
}

/**
 * The heading an operation had. `summaryFor` spaces a PascalCase heading and keeps a spaced one, so
 * `List Images` may have been either: a heading the spec names verbatim elsewhere (`known`: the
 * origins listed by inferred schemas) wins, else a summary that re-spaces exactly is taken as PascalCase.
 */
export function headingOf(summary: string, known: ReadonlySet<string> = new Set()): string {
  const named = [...known].find((k) => summaryFor(k) === summary);
  if (named !== undefined) return named;
  const joined = summary.replace(/ /g, '');
  return /^[A-Za-z0-9]+$/.test(joined) && summaryFor(joined) === summary ? joined : summary;
}

/** Operation headings quoted by inferred schemas: `… example JSON (List Images 1.0 response 200; …).` */
function headingsInSpec(doc: Json): Set<string> {
  const out = new Set<string>();
  for (const schema of Object.values(obj(obj(doc.components).schemas))) {
    const m = /example JSON \((.*)\)\. /.exec(String(obj(schema).description ?? ''));
    for (const origin of m?.[1]?.split('; ') ?? []) out.add(origin.replace(/ \d+(?:\.\d+)+ (?:response \d{3}|request body)$/, ''));
  }
  return out;
}

/** `2026-07-01` → `20260701` (the docs' form); a raw date as it was; none → `-`. */
function docsDate(op: Json): string {
  if (typeof op['x-scp-supported-until'] === 'string') return op['x-scp-supported-until'].replace(/-/g, '');
  return typeof op['x-scp-supported-until-raw'] === 'string' ? op['x-scp-supported-until-raw'] : '-';
}

/**
 * The docs' examples of a parameter, media type or schema: the published `example` / `examples`,
 * unless the emitter repaired them (then the docs' originals are under `x-scp-original-example`),
 * and those moved under `x-scp-invalid-example`.
 */
function examplesOf(holder: Json, single: boolean): unknown[] {
  const originals = invalidValues(holder['x-scp-original-example']);
  const published = single ? ('example' in holder ? [holder.example] : []) : Array.isArray(holder.examples) ? holder.examples : [];
  return [...(originals.length > 0 ? originals : published), ...invalidValues(holder['x-scp-invalid-example'])];
}

function defaultOf(schema: Json, expr: ReturnType<typeof schemaToExpr>, unrendered: string[]): string | undefined {
  const values = 'default' in schema ? [schema.default] : invalidValues(schema['x-scp-invalid-default']);
  if (values.length === 0) return undefined;
  const text = valueText(values[0], expr);
  if (text === undefined) unrendered.push(`default ${JSON.stringify(values[0])}`);
  return text;
}

interface Row {
  readonly description: string;
  readonly constraints: FieldDoc['constraints'];
  readonly schemaText: string;
  readonly schema: FieldDoc['schema'];
  readonly default?: string;
}

function rowOf(schema: Json, examples: readonly unknown[], description: unknown, unrendered: string[]): Row {
  const expr = schemaToExpr(schema);
  const c = constraintsOf(schema, examples, expr);
  unrendered.push(...c.unrendered);
  const def = defaultOf(schema, expr, unrendered);
  return { description: typeof description === 'string' ? description : '', constraints: c.constraints, schemaText: formatSchemaExpression(expr), schema: expr, ...(def !== undefined ? { default: def } : {}) };
}

/** Parameters the docs document: not the emitter's additions. */
function documented(p: Json): boolean {
  if (p['x-scp-undocumented'] === true || p['x-scp-derived'] === true) return false;
  return !(p.in === 'header' && typeof p.name === 'string' && p.name.toLowerCase() === 'scp-api-version');
}

function parametersOf(op: Json, source: SourceRef, unrendered: string[]): ParameterDoc[] {
  const out: ParameterDoc[] = [];
  for (const p of (Array.isArray(op.parameters) ? op.parameters : []).filter(isObject).filter(documented)) {
    const row = rowOf(obj(p.schema), examplesOf(p, true), p.description, unrendered);
    out.push({ in: p.in as ParameterLocation, name: String(p.name), required: p.required === true, ...row, source });
  }
  const body = obj(op.requestBody);
  const media = obj(obj(body.content)['application/json']);
  if (isObject(media.schema)) {
    const row = rowOf(media.schema, [], body.description, unrendered);
    // The Default column of a body row is empty in the docs (`| body | body required | Model |`).
    out.push({ in: 'body', name: 'body', required: body.required === true, ...row, source });
  }
  return out;
}

function responsesOf(op: Json, source: SourceRef): { responses: ResponseDoc[]; code?: string; body?: unknown } {
  const responses: ResponseDoc[] = [];
  let code: string | undefined;
  let body: unknown;
  for (const [c, r] of Object.entries(obj(op.responses))) {
    const media = obj(obj(obj(r).content)['application/json']);
    const expr = isObject(media.schema) ? schemaToExpr(media.schema) : undefined;
    const example = examplesOf(media, true)[0];
    if (example !== undefined && code === undefined) {
      code = c;
      body = example;
    }
    const description = typeof obj(r).description === 'string' ? (obj(r).description as string) : '';
    responses.push({ code: c, description, schemaText: expr ? formatSchemaExpression(expr) : 'None', ...(expr ? { schema: expr } : {}), source });
  }
  return { responses, ...(code !== undefined ? { code, body } : { code: responses[0]?.code }) };
}

function requestPathOf(path: string, parameters: readonly ParameterDoc[]): string {
  const query = parameters.filter((p) => p.in === 'query' && p.required).map((p) => `${p.name}={${p.name}}`);
  return query.length > 0 ? `${path}?${query.join('&')}` : path;
}

function operationOf(method: string, path: string, op: Json, version: string, source: SourceRef, ctx: { unrendered: string[]; headings: ReadonlySet<string> }): SiteOperation {
  const unrendered = ctx.unrendered;
  const parameters = parametersOf(op, source, unrendered);
  const r = responsesOf(op, source);
  const requestBody = examplesOf(obj(obj(obj(op.requestBody).content)['application/json']), true)[0];
  const apiVersion = typeof op['x-scp-api-version'] === 'string' ? op['x-scp-api-version'] : `? ${version}`;
  return {
    name: headingOf(typeof op.summary === 'string' ? op.summary : String(op.operationId), ctx.headings),
    version,
    method: method as SiteOperation['method'],
    path,
    description: typeof op.description === 'string' ? op.description : '',
    state: typeof op['x-scp-state'] === 'string' ? op['x-scp-state'] : '',
    status: (op['x-scp-status'] ?? (op.deprecated === true ? 'DEPRECATED' : 'CURRENT')) as SiteOperation['status'],
    supportedUntil: docsDate(op),
    parameters,
    responses: r.responses,
    example: {
      requestPath: requestPathOf(path, parameters),
      headers: [
        { name: 'Scp-Accesskey', value: '2sd2gg=2agbdSD26svcD' },
        { name: 'Scp-Signature', value: 'fsfsdf235f9U35sdgf35Xsf/qgsdgsdg326=sfsdr23rsef=' },
        { name: 'Scp-Timestamp', value: '1605290625682' },
        { name: 'Scp-ClientType', value: 'Openapi' },
        { name: 'Accept-Language', value: 'ko-KR' },
        { name: 'Scp-Api-Version', value: apiVersion },
      ],
      ...(requestBody !== undefined ? { requestBody } : {}),
      ...(r.code !== undefined ? { responseCode: r.code } : {}),
      ...(r.body !== undefined ? { responseBody: r.body } : {}),
    },
    ...(apiVersion.includes(' ') ? { serviceId: apiVersion.split(' ')[0] as string } : {}),
    source,
  };
}

function modelOf(name: string, schema: Json, source: SourceRef, unrendered: string[]): ModelDoc {
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  const fields: FieldDoc[] = Object.entries(obj(schema.properties)).map(([field, s]) => {
    const prop = obj(s);
    return { name: field, required: required.has(field), ...rowOf(prop, examplesOf(prop, false), prop.description, unrendered), source };
  });
  return { name, fields, source };
}

/** Overview text: the spec's description without the paragraph the emitter appends (or its stand-in). */
function overviewOf(info: Json, title: string, id: string): string | undefined {
  const parts = String(info.description ?? '').split('\n\n');
  parts.pop();
  const text = parts.join('\n\n');
  return text === '' || text === `Samsung Cloud Platform ${title || id} API.` ? undefined : text;
}

/**
 * OpenAPI URL and environment list. The URL template is every server's `url`; the (environment,
 * region) pairs are listed by one server, or split over one server per environment. A fact with a
 * cite (`Cited from …` / `URL cited from …`, `x-scp-environments-cite`) came from another page.
 */
function serviceFacts(doc: Json): Pick<SiteService, 'baseUrl' | 'environments' | 'cited'> {
  const servers = (Array.isArray(doc.servers) ? doc.servers : []).filter(isObject);
  const first = obj(servers[0]);
  const url = typeof first.url === 'string' ? first.url : undefined;
  const cite = typeof first.description === 'string' ? /(?:^|\. )(?:URL cited|Cited) from (\S+)$/.exec(first.description)?.[1] : undefined;
  const pairs = servers.flatMap((s) => (Array.isArray(s['x-scp-environments']) ? (s['x-scp-environments'] as EnvironmentRegion[]) : []));
  const envs = pairs.length > 0 ? pairs.map((e) => ({ environment: e.environment, region: e.region })) : undefined;
  const envCite = typeof first['x-scp-environments-cite'] === 'string' ? first['x-scp-environments-cite'] : undefined;
  return {
    ...(url !== undefined && cite === undefined ? { baseUrl: url } : {}),
    ...(envs !== undefined && envCite === undefined ? { environments: envs } : {}),
    cited: {
      ...(url !== undefined && cite !== undefined ? { baseUrl: { value: url, cite } } : {}),
      ...(envs !== undefined && envCite !== undefined ? { environments: { value: envs, cite: envCite } } : {}),
    },
  };
}

/** One service's doc model from its per-version specs (`latest` is skipped). */
export function serviceFromSpecs(specs: readonly SpecInput[]): SiteService {
  const versions = specs.filter((s) => s.version !== 'latest').sort((a, b) => compareVersionsDesc(a.version, b.version));
  const newest = obj(versions[0]?.doc);
  const info = obj(newest.info);
  const id = String(info['x-scp-service'] ?? versions[0]?.service ?? '');
  const title = String(info.title ?? id);
  const unrendered: string[] = [];
  const operations: SiteOperation[] = [];
  const models = new Map<string, ModelDoc>();
  for (const spec of versions) {
    const file = `specs/${spec.service}/${spec.version}.yaml`;
    const ctx = { unrendered, headings: headingsInSpec(spec.doc) };
    for (const [path, item] of Object.entries(obj(spec.doc.paths))) {
      for (const method of METHODS) {
        if (isObject(obj(item)[method])) operations.push(operationOf(method, path, obj(item)[method] as Json, spec.version, { file, line: 0 }, ctx));
      }
    }
    for (const [name, schema] of Object.entries(obj(obj(spec.doc.components).schemas))) {
      const s = obj(schema);
      if (s['x-scp-inferred'] === true || s['x-scp-unresolved'] === true || models.has(name)) continue;
      models.set(name, modelOf(name, s, { file, line: 0 }, unrendered));
    }
  }
  const overview = overviewOf(info, title, id);
  return {
    id,
    category: String(info['x-scp-category'] ?? 'uncategorised'),
    title,
    ...(overview !== undefined ? { overview } : {}),
    ...serviceFacts(newest),
    operations: operations.sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || compareVersionsDesc(a.version, b.version)),
    models: [...models.values()].sort((a, b) => a.name.localeCompare(b.name)),
    unrendered,
  };
}
