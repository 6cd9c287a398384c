/**
 * Doc model → OpenAPI 3.1, one document per (service, API version) plus a `latest` document.
 * Knows only scripts/model.ts. Every oddity becomes a Diagnostic (with the SourceRef of the
 * operation, parameter or field and the operation name); nothing throws.
 */
import type {
  Diagnostic,
  MergedService,
  ModelDoc,
  ParameterDoc,
  SchemaExpr,
  Severity,
  SourceRef,
} from '../model.ts';
import { formatSchemaExpression, referencedModels } from '../schema-expression.ts';
import { checkExamples, INVALID_DEFAULT_KEY, INVALID_EXAMPLE_KEY, type ExampleFinding } from './check-examples.ts';
import { inferComponentSchema, samplesForModel, type ExampleSample } from './infer-schema.ts';
import { applyConstraints, defaultForSchema, schemaExprToJsonSchema, type JsonSchema } from './json-schema.ts';
import { compareVersions, isoSupportDate, operationIdFor, summaryFor, titleWords } from './naming.ts';
import { SECURITY_REQUIREMENT, securitySchemes } from './security.ts';

export interface EmitReport {
  readonly service: string;
  /** API version, or `latest`. */
  readonly version: string;
  readonly operations: number;
  /** Documented parameter rows of the emitted operations (body rows included). */
  readonly parameters: number;
  /** Component schemas emitted. */
  readonly models: number;
  /** Top-level properties over all component schemas. */
  readonly properties: number;
  /** Names of the component schemas inferred from example JSON. */
  readonly inferredSchemas: string[];
  readonly invalidExamples: number;
  readonly invalidDefaults: number;
  readonly diagnostics: Diagnostic[];
}

export interface EmitResult {
  readonly doc: Record<string, unknown>;
  readonly report: EmitReport;
}

type Operation = MergedService['operations'][number];
type Json = Record<string, unknown>;

const OPENAPI_VERSION = '3.1.0';
const JSON_MEDIA = 'application/json';
const FORM_MEDIA = 'application/x-www-form-urlencoded';
const METHOD_ORDER = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'];
const STATUSES = new Set(['CURRENT', 'SUPPORTED', 'DEPRECATED', 'PLANNED']);

const REASONS: Readonly<Record<string, string>> = {
  '200': 'OK',
  '201': 'Created',
  '202': 'Accepted',
  '204': 'No Content',
  '400': 'Bad Request',
  '401': 'Unauthorized',
  '403': 'Forbidden',
  '404': 'Not Found',
  '409': 'Conflict',
  '500': 'Internal Server Error',
};

function escapePointer(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

function schemaRef(model: string): string {
  return `#/components/schemas/${escapePointer(model)}`;
}

function truncate(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

// ---------------------------------------------------------------------------------------------
// Emission state

interface Origin {
  readonly source: SourceRef;
  readonly operation?: string;
}

class Emission {
  readonly diagnostics: Diagnostic[] = [];
  /** JSON pointer → where the thing at that pointer was documented (for example-check findings). */
  readonly origins = new Map<string, Origin>();
  /** Model → the first place that referenced it. */
  readonly referrers = new Map<string, Origin>();
  private readonly seen = new Set<string>();

  constructor(readonly service: MergedService) {}

  /** Record a diagnostic once (latest builds components per version and may meet a field twice). */
  diag(severity: Severity, code: string, message: string, origin: Origin): void {
    const key = JSON.stringify([severity, code, message, origin.source.file, origin.source.line, origin.operation ?? null]);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.diagnostics.push({
      severity,
      code,
      message,
      source: origin.source,
      service: this.service.id,
      ...(origin.operation !== undefined ? { operation: origin.operation } : {}),
    });
  }

  /** A `refFor` that remembers who referenced each model first. */
  refFor(origin: Origin): (model: string) => string {
    return (model) => {
      if (!this.referrers.has(model)) this.referrers.set(model, origin);
      return schemaRef(model);
    };
  }

  originFor(pointer: string): Origin | undefined {
    for (let p = pointer; p !== ''; p = p.slice(0, p.lastIndexOf('/'))) {
      const hit = this.origins.get(p);
      if (hit) return hit;
    }
    return undefined;
  }
}

function opLabel(op: Operation): string {
  return `${op.name} ${op.version}`;
}

// ---------------------------------------------------------------------------------------------
// Operations

/** Schema of a parameter or field: type, constraints, default; examples returned separately. */
function valueSchema(
  em: Emission,
  item: { schema: SchemaExpr; constraints: ParameterDoc['constraints']; default?: string; source: SourceRef },
  origin: Origin,
  what: string,
): { schema: JsonSchema; examples: readonly unknown[] } {
  const base = schemaExprToJsonSchema(item.schema, em.refFor(origin));
  const c = applyConstraints(base, item.schema, item.constraints);
  for (const problem of c.problems) em.diag('warning', 'constraint-problem', `${what}: ${problem}`, origin);
  const schema = { ...c.schema };
  const def = defaultForSchema(item.default, item.schema);
  if (def.present) schema.default = def.value;
  return { schema, examples: c.examples };
}

function pathTemplateNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
}

function tagFor(service: MergedService, path: string): string {
  const segments = path.split('/').filter((s) => s !== '');
  const first = segments.find((s) => !/^v\d+(?:\.\d+)*$/.test(s) && !s.startsWith('{'));
  return first ?? service.id;
}

interface BuiltOperation {
  readonly op: Operation;
  readonly operationId: string;
  readonly tag: string;
  readonly object: Json;
  /** Models referenced directly by the operation. */
  readonly models: ReadonlySet<string>;
}

function buildOperation(em: Emission, op: Operation, operationId: string, pointer: string): BuiltOperation {
  const service = em.service;
  const label = opLabel(op);
  const opOrigin: Origin = { source: op.source, operation: label };
  const models = new Set<string>();
  const collect = (expr: SchemaExpr | undefined): void => {
    if (expr) for (const m of referencedModels(expr)) models.add(m);
  };

  // Parameters (path/query/header/cookie), request body (body rows), form fields (formData rows).
  const parameters: Json[] = [];
  const seen = new Set<string>();
  const templateNames = pathTemplateNames(op.path);
  const bodies: ParameterDoc[] = [];
  const formFields: ParameterDoc[] = [];
  for (const p of op.parameters) {
    const origin: Origin = { source: p.source, operation: label };
    if (p.in === 'body') {
      bodies.push(p);
      continue;
    }
    if (p.in === 'formData') {
      formFields.push(p);
      continue;
    }
    const key = `${p.in}:${p.in === 'header' ? p.name.toLowerCase() : p.name}`;
    if (seen.has(key)) {
      em.diag('warning', 'duplicate-parameter', `${p.in} parameter "${p.name}" is documented twice; the first row is kept`, origin);
      continue;
    }
    if (p.in === 'path' && !templateNames.includes(p.name)) {
      em.diag('warning', 'path-parameter-not-in-path', `path parameter "${p.name}" does not occur in ${op.path}; left out`, origin);
      continue;
    }
    seen.add(key);
    collect(p.schema);
    const { schema, examples } = valueSchema(em, p, origin, `parameter ${p.name}`);
    const param: Json = { name: p.name, in: p.in };
    if (p.description !== '') param.description = p.description;
    if (p.in === 'path' && !p.required) {
      em.diag('warning', 'optional-path-parameter', `path parameter "${p.name}" is documented as optional; path parameters are always required`, origin);
    }
    param.required = p.in === 'path' ? true : p.required;
    param.schema = schema;
    if (examples.length > 0) param.example = examples[0];
    if (examples.length > 1) {
      em.diag('info', 'extra-example', `parameter "${p.name}" has ${examples.length} examples; only the first is emitted`, origin);
    }
    em.origins.set(`${pointer}/parameters/${parameters.length}`, origin);
    parameters.push(param);
  }
  for (const name of templateNames) {
    if (seen.has(`path:${name}`)) continue;
    em.diag('warning', 'undocumented-path-parameter', `path parameter "${name}" of ${op.path} is not documented; emitted as a required string`, opOrigin);
    em.origins.set(`${pointer}/parameters/${parameters.length}`, opOrigin);
    parameters.push({ name, in: 'path', required: true, schema: { type: 'string' }, 'x-scp-undocumented': true });
    seen.add(`path:${name}`);
  }

  const object: Json = { tags: [tagFor(service, op.path)], summary: summaryFor(op.name) };
  if (op.description !== '') object.description = op.description;
  if (/^\{[\w.-]+\}$/.test(op.description.trim())) {
    em.diag('warning', 'unresolved-placeholder', `description is an unresolved template key: ${op.description}`, opOrigin);
  }
  object.operationId = operationId;
  if (parameters.length > 0) object.parameters = parameters;

  // Request body.
  const example = op.example;
  if (bodies.length > 1) em.diag('warning', 'multiple-body-parameters', `${bodies.length} body rows; only the first is used`, opOrigin);
  const body = bodies[0];
  if (body && formFields.length > 0) {
    em.diag('warning', 'body-and-form-data', 'both a body row and formData rows are documented; the formData rows are left out', opOrigin);
  }
  if (body) {
    const origin: Origin = { source: body.source, operation: label };
    collect(body.schema);
    const { schema, examples } = valueSchema(em, body, origin, 'request body');
    const media: Json = { schema };
    if (example.requestBody !== undefined) media.example = example.requestBody;
    else if (examples.length > 0) media.example = examples[0];
    const requestBody: Json = {};
    if (body.description !== '') requestBody.description = body.description;
    requestBody.required = body.required;
    requestBody.content = { [JSON_MEDIA]: media };
    object.requestBody = requestBody;
    em.origins.set(`${pointer}/requestBody/content/${escapePointer(JSON_MEDIA)}`, origin);
  } else if (formFields.length > 0) {
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const f of formFields) {
      const origin: Origin = { source: f.source, operation: label };
      collect(f.schema);
      const { schema, examples } = valueSchema(em, f, origin, `form field ${f.name}`);
      properties[f.name] = { ...schema, ...(f.description !== '' ? { description: f.description } : {}), ...(examples.length > 0 ? { examples: [...examples] } : {}) };
      if (f.required) required.push(f.name);
      em.origins.set(`${pointer}/requestBody/content/${escapePointer(FORM_MEDIA)}/schema/properties/${escapePointer(f.name)}`, origin);
    }
    em.diag('info', 'form-data-parameters', `${formFields.length} formData rows emitted as an ${FORM_MEDIA} request body`, opOrigin);
    object.requestBody = {
      required: required.length > 0,
      content: { [FORM_MEDIA]: { schema: { type: 'object', properties, ...(required.length > 0 ? { required } : {}) } } },
    };
  }
  if (!body && example.requestBody !== undefined) {
    em.diag('warning', 'request-example-without-body', 'the example has a request body but no body parameter is documented; the example is left out', opOrigin);
  }

  // Responses.
  const responses: Json = {};
  let exampleUsed = example.responseBody === undefined;
  for (const r of op.responses) {
    const origin: Origin = { source: r.source, operation: label };
    if (!/^(?:[1-5](?:\d\d|XX)|default)$/.test(r.code)) {
      em.diag('warning', 'bad-response-code', `response code "${r.code}" is not an HTTP status code; left out`, origin);
      continue;
    }
    if (r.code in responses) {
      em.diag('warning', 'duplicate-response', `response ${r.code} is documented twice; the first row is kept`, origin);
      continue;
    }
    const response: Json = { description: r.description !== '' ? r.description : (REASONS[r.code] ?? `HTTP ${r.code}`) };
    const hasExample = example.responseCode === r.code && example.responseBody !== undefined;
    if (r.schema) {
      collect(r.schema);
      const media: Json = { schema: schemaExprToJsonSchema(r.schema, em.refFor(origin)) };
      if (hasExample) media.example = example.responseBody;
      response.content = { [JSON_MEDIA]: media };
    } else if (hasExample) {
      em.diag('warning', 'example-without-schema', `response ${r.code} has an example body but no schema; the example is emitted without a schema`, origin);
      response.content = { [JSON_MEDIA]: { example: example.responseBody } };
    }
    if (hasExample) exampleUsed = true;
    em.origins.set(`${pointer}/responses/${escapePointer(r.code)}/content/${escapePointer(JSON_MEDIA)}`, origin);
    responses[r.code] = response;
  }
  if (!exampleUsed) {
    em.diag('warning', 'example-response-code-unknown', `the example response is for code ${example.responseCode ?? '(none)'}, which the response table does not list; the example is left out`, opOrigin);
  }
  if (Object.keys(responses).length === 0) {
    em.diag('warning', 'no-responses', 'no responses are documented', opOrigin);
  }
  object.responses = responses;

  // Version metadata.
  if (!STATUSES.has(op.status)) em.diag('warning', 'unknown-status', `unknown version status "${op.status}"`, opOrigin);
  if (op.status === 'DEPRECATED') object.deprecated = true;
  const expected = `${service.id} ${op.version}`;
  const header = example.headers.find((h) => h.name.toLowerCase() === 'scp-api-version')?.value.trim();
  if (header !== undefined && header !== expected) {
    em.diag('warning', 'api-version-mismatch', `the example's Scp-Api-Version "${header}" differs from "${expected}" (service id + version heading); "${expected}" is used`, opOrigin);
  }
  object['x-scp-api-version'] = expected;
  object['x-scp-status'] = op.status;
  if (op.state !== '') object['x-scp-state'] = op.state;
  const date = isoSupportDate(op.supportedUntil);
  if (date.kind === 'date') object['x-scp-supported-until'] = date.value;
  if (date.kind === 'raw') {
    object['x-scp-supported-until-raw'] = date.value;
    em.diag('warning', 'unparsed-date', `support date "${date.value}" is neither yyyymmdd nor yyyy-mm-dd; kept as x-scp-supported-until-raw`, opOrigin);
  }
  return { op, operationId, tag: tagFor(service, op.path), object, models };
}

// ---------------------------------------------------------------------------------------------
// Components

function buildModel(em: Emission, model: ModelDoc): { schema: JsonSchema; refs: string[] } {
  const origin: Origin = { source: model.source, operation: `model ${model.name}` };
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const refs: string[] = [];
  const pointer = `/components/schemas/${escapePointer(model.name)}`;
  em.origins.set(pointer, origin);
  for (const f of model.fields) {
    const fieldOrigin: Origin = { source: f.source, operation: `model ${model.name}` };
    if (Object.prototype.hasOwnProperty.call(properties, f.name)) {
      em.diag('warning', 'duplicate-field', `field "${f.name}" of ${model.name} is documented twice; the first row is kept`, fieldOrigin);
      continue;
    }
    refs.push(...referencedModels(f.schema));
    const { schema, examples } = valueSchema(em, f, fieldOrigin, `${model.name}.${f.name}`);
    const prop: JsonSchema = f.description !== '' ? { description: f.description, ...schema } : schema;
    if (examples.length > 0) prop.examples = [...examples];
    Object.defineProperty(properties, f.name, { value: prop, enumerable: true, writable: true, configurable: true });
    if (f.required) required.push(f.name);
    em.origins.set(`${pointer}/properties/${escapePointer(f.name)}`, fieldOrigin);
  }
  if (model.fields.length === 0) em.diag('info', 'empty-model', `model ${model.name} has no fields`, origin);
  const schema: JsonSchema = { type: 'object', properties };
  if (required.length > 0) schema.required = required;
  return { schema, refs };
}

/** Example samples of `model` in the given operations (request bodies and the example response). */
function samplesFor(model: string, ops: readonly Operation[]): ExampleSample[] {
  const samples: ExampleSample[] = [];
  for (const op of ops) {
    for (const p of op.parameters) {
      if (p.in !== 'body') continue;
      for (const value of samplesForModel(p.schema, op.example.requestBody, model)) {
        samples.push({ value, origin: `${op.name} ${op.version} request body` });
      }
    }
    for (const r of op.responses) {
      if (!r.schema || r.code !== op.example.responseCode) continue;
      for (const value of samplesForModel(r.schema, op.example.responseBody, model)) {
        samples.push({ value, origin: `${op.name} ${op.version} response ${r.code}` });
      }
    }
  }
  return samples;
}

interface Components {
  readonly schemas: Map<string, JsonSchema>;
  readonly inferred: string[];
}

/** Every model reachable from `roots` (transitively through model fields), defined, inferred or a marked stub. */
function buildComponents(em: Emission, roots: Iterable<string>, ops: readonly Operation[]): Components {
  const byName = new Map<string, ModelDoc>();
  for (const m of em.service.models) {
    const prev = byName.get(m.name);
    if (!prev) byName.set(m.name, m);
  }
  const schemas = new Map<string, JsonSchema>();
  const inferred: string[] = [];
  const queue = [...roots].sort();
  while (queue.length > 0) {
    const name = queue.shift() as string;
    if (schemas.has(name)) continue;
    const model = byName.get(name);
    if (model) {
      const built = buildModel(em, model);
      schemas.set(name, built.schema);
      for (const r of [...new Set(built.refs)].sort()) if (!schemas.has(r)) queue.push(r);
      continue;
    }
    const origin = em.referrers.get(name) ?? { source: em.service.operations[0]?.source ?? { file: '', line: 0 } };
    em.origins.set(`/components/schemas/${escapePointer(name)}`, origin);
    const schema = inferComponentSchema(name, samplesFor(name, ops));
    if (schema) {
      schemas.set(name, schema);
      inferred.push(name);
      em.diag('info', 'inferred-model', `model ${name} is not defined by the docs; its schema is inferred from the example JSON`, origin);
    } else {
      schemas.set(name, {
        description: `The docs reference ${name} but define no such model and give no example to infer it from; the shape is unknown.`,
        'x-scp-unresolved': true,
      });
      em.diag('warning', 'undefined-model', `model ${name} is referenced but neither defined nor inferable from an example`, origin);
    }
  }
  return { schemas, inferred };
}

function reportDuplicateModels(em: Emission): void {
  const seen = new Map<string, ModelDoc>();
  for (const m of em.service.models) {
    const prev = seen.get(m.name);
    if (!prev) {
      seen.set(m.name, m);
      continue;
    }
    const same = JSON.stringify(prev.fields.map(fieldKey)) === JSON.stringify(m.fields.map(fieldKey));
    em.diag(
      same ? 'info' : 'warning',
      same ? 'duplicate-model' : 'model-conflict',
      `model ${m.name} is defined twice${same ? ' (identically)' : ' with different fields'}; the first definition is used`,
      { source: m.source, operation: `model ${m.name}` },
    );
  }
}

function fieldKey(f: ModelDoc['fields'][number]): unknown {
  return [f.name, f.required, f.description, formatSchemaExpression(f.schema), f.default ?? null, f.constraints.map((c) => [c.key, c.value])];
}

// ---------------------------------------------------------------------------------------------
// Document

function servers(em: Emission): Json[] | undefined {
  const service = em.service;
  const origin: Origin = { source: service.operations[0]?.source ?? { file: service.sourceFiles[0] ?? '', line: 0 } };
  const url = service.baseUrl?.value;
  if (!url) {
    em.diag('error', 'missing-base-url', `service ${service.id} has no OpenAPI URL; the spec has no servers`, origin);
    return undefined;
  }
  const envs = service.environments ?? [];
  const vars = pathTemplateNames(url);
  const unknown = vars.filter((v) => v !== 'region' && v !== 'environment');
  if (unknown.length > 0) {
    em.diag('error', 'unknown-server-variable', `the OpenAPI URL ${url} uses variables ${unknown.join(', ')} that the environment list cannot fill; the spec has no servers`, origin);
    return undefined;
  }
  const first = envs[0];
  if (vars.length > 0 && !first) {
    em.diag('error', 'missing-environments', `service ${service.id} has no environment and region list for ${url}; the spec has no servers`, origin);
    return undefined;
  }
  const server: Json = { url };
  if (service.baseUrl?.cite) server.description = `Cited from ${service.baseUrl.cite}`;
  const variables: Json = {};
  if (first && vars.includes('region')) {
    variables.region = { enum: [...new Set(envs.map((e) => e.region))], default: first.region, description: 'Region, e.g. kr-west1. Valid (environment, region) pairs: x-scp-environments.' };
  }
  if (first && vars.includes('environment')) {
    variables.environment = { enum: [...new Set(envs.map((e) => e.environment))], default: first.environment, description: 'Environment letter. Valid (environment, region) pairs: x-scp-environments.' };
  }
  if (Object.keys(variables).length > 0) server.variables = variables;
  if (envs.length > 0) server['x-scp-environments'] = envs.map((e) => ({ environment: e.environment, region: e.region }));
  if (service.environmentsCite) server['x-scp-environments-cite'] = service.environmentsCite;
  return [server];
}

function assignOperationIds(em: Emission, ops: readonly Operation[]): Map<Operation, string> {
  const ids = new Map<Operation, string>();
  const used = new Map<string, Operation>();
  for (const op of ops) {
    const base = operationIdFor(op.name);
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}${n}`;
    if (id !== base) {
      const other = used.get(base) as Operation;
      em.diag('warning', 'operation-id-collision', `operationId "${base}" of "${op.name}" collides with "${other.name}"; "${id}" is used`, { source: op.source, operation: opLabel(op) });
    }
    used.set(id, op);
    ids.set(op, id);
  }
  return ids;
}

function byPathThenMethod(a: Operation, b: Operation): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method);
}

/** Drop a second op-version with the same name, or the same method+path, keeping the first. */
function uniqueOperations(em: Emission, ops: readonly Operation[]): Operation[] {
  const names = new Set<string>();
  const routes = new Map<string, Operation>();
  const out: Operation[] = [];
  for (const op of ops) {
    const origin: Origin = { source: op.source, operation: opLabel(op) };
    if (names.has(`${op.name}@${op.version}`)) {
      em.diag('warning', 'duplicate-operation', `${opLabel(op)} occurs twice; the first is kept`, origin);
      continue;
    }
    const route = `${op.method} ${op.path}`;
    const clash = routes.get(route);
    if (clash) {
      em.diag('error', 'duplicate-route', `${opLabel(op)} and ${opLabel(clash)} both are ${route}; only ${opLabel(clash)} is emitted`, origin);
      continue;
    }
    names.add(`${op.name}@${op.version}`);
    routes.set(route, op);
    out.push(op);
  }
  return out;
}

function findingDiagnostic(em: Emission, f: ExampleFinding): void {
  const origin = em.originFor(f.pointer) ?? { source: em.service.operations[0]?.source ?? { file: '', line: 0 } };
  const key = f.kind === 'example' ? INVALID_EXAMPLE_KEY : INVALID_DEFAULT_KEY;
  em.diag('info', f.kind === 'example' ? 'invalid-example' : 'invalid-default', `${f.kind} ${truncate(JSON.stringify(f.value) ?? 'undefined')} at ${f.pointer} does not match its schema (${f.message}); moved to ${key}`, origin);
}

/**
 * Build one document from a chosen set of operations. Components are built per API version from
 * that version's operations (so `latest` can report a name whose content differs between versions).
 */
function emitDocument(service: MergedService, versionLabel: string, chosen: readonly Operation[], em: Emission, latest: boolean): EmitResult {
  reportDuplicateModels(em);
  const ops = uniqueOperations(em, [...chosen].sort(byPathThenMethod));
  const ids = assignOperationIds(em, ops);
  const paths: Record<string, Json> = {};
  const tags = new Set<string>();
  const rootsByVersion = new Map<string, Set<string>>();
  let parameterCount = 0;
  for (const op of ops) {
    const pointer = `/paths/${escapePointer(op.path)}/${op.method}`;
    const built = buildOperation(em, op, ids.get(op) as string, pointer);
    const item = paths[op.path] ?? {};
    item[op.method] = built.object;
    paths[op.path] = item;
    tags.add(built.tag);
    parameterCount += op.parameters.length;
    const roots = rootsByVersion.get(op.version) ?? new Set<string>();
    for (const m of built.models) roots.add(m);
    rootsByVersion.set(op.version, roots);
  }

  // Components: per version (so inferred schemas of different versions can be compared), then united.
  const schemas = new Map<string, JsonSchema>();
  const inferred = new Set<string>();
  const versions = [...rootsByVersion.keys()].sort((a, b) => compareVersions(b, a));
  for (const v of versions) {
    const built = buildComponents(em, rootsByVersion.get(v) as Set<string>, ops.filter((o) => o.version === v));
    for (const [name, schema] of built.schemas) {
      const prev = schemas.get(name);
      if (prev === undefined) schemas.set(name, schema);
      else if (JSON.stringify(prev) !== JSON.stringify(schema)) {
        em.diag('warning', 'component-conflict', `component ${name} differs between API versions; the one from the newest version is kept`, em.referrers.get(name) ?? { source: service.operations[0]?.source ?? { file: '', line: 0 } });
      }
    }
    for (const n of built.inferred) inferred.add(n);
  }

  const title = service.title !== '' ? service.title : service.id;
  if (service.title === '') em.diag('warning', 'missing-title', `service ${service.id} has no title; the id is used`, { source: service.operations[0]?.source ?? { file: '', line: 0 } });
  const info: Json = {
    title,
    description: describeService(service, versionLabel, latest),
    version: versionLabel,
    'x-scp-service': service.id,
  };
  if (service.category) info['x-scp-category'] = service.category;

  const doc: Json = { openapi: OPENAPI_VERSION, info };
  const srv = servers(em);
  if (srv) doc.servers = srv;
  doc.security = [SECURITY_REQUIREMENT];
  doc.tags = [...tags].sort().map((t) => tagObject(service, t));
  doc.paths = paths;
  const componentSchemas: Json = {};
  for (const name of [...schemas.keys()].sort()) componentSchemas[name] = schemas.get(name);
  doc.components = { schemas: componentSchemas, securitySchemes: securitySchemes() };
  if (ops.length === 0) em.diag('warning', 'no-operations', `service ${service.id} has no operations for ${versionLabel}`, { source: service.operations[0]?.source ?? { file: service.sourceFiles[0] ?? '', line: 0 } });

  const checked = checkExamples(doc);
  for (const f of checked.findings) findingDiagnostic(em, f);
  let properties = 0;
  for (const s of schemas.values()) properties += Object.keys(s.properties ?? {}).length;
  return {
    doc: checked.doc,
    report: {
      service: service.id,
      version: versionLabel,
      operations: ops.length,
      parameters: parameterCount,
      models: schemas.size,
      properties,
      inferredSchemas: [...inferred].sort(),
      invalidExamples: checked.invalidExamples,
      invalidDefaults: checked.invalidDefaults,
      diagnostics: em.diagnostics,
    },
  };
}

function describeService(service: MergedService, version: string, latest: boolean): string {
  const parts: string[] = [];
  if (service.overview && service.overview.trim() !== '') parts.push(service.overview.trim());
  else parts.push(`Samsung Cloud Platform ${service.title || service.id} API.`);
  if (latest) {
    parts.push(
      'This document holds the newest non-planned version of every operation. Each operation names the API version it belongs to in ' +
        '`x-scp-api-version`; send that value as the `Scp-Api-Version` header.',
    );
  } else {
    parts.push(`Send the header \`Scp-Api-Version: ${service.id} ${version}\` with every request (each operation repeats it in \`x-scp-api-version\`).`);
  }
  return parts.join('\n\n');
}

function tagObject(service: MergedService, tag: string): Json {
  const display = tag === service.id ? service.title || tag : titleWords(tag);
  return { name: tag, description: `${display} operations (paths under /v1/${tag}).`, 'x-displayName': display };
}

/** OpenAPI 3.1 document for one API version of a service (every operation of that version, PLANNED included). */
export function emitOpenApi(service: MergedService, version: string): EmitResult {
  const em = new Emission(service);
  return emitDocument(service, version, service.operations.filter((op) => op.version === version), em, false);
}

/**
 * OpenAPI 3.1 document of the newest non-PLANNED version of each operation (by name), each carrying
 * its own `x-scp-api-version`; info.version is `latest`.
 */
export function emitLatestOpenApi(service: MergedService): EmitResult {
  const em = new Emission(service);
  const byName = new Map<string, Operation[]>();
  for (const op of service.operations) {
    const list = byName.get(op.name) ?? [];
    list.push(op);
    byName.set(op.name, list);
  }
  const chosen: Operation[] = [];
  for (const [name, versions] of [...byName].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const candidates = versions.filter((o) => o.status !== 'PLANNED').sort((a, b) => compareVersions(b.version, a.version));
    const pick = candidates[0];
    if (pick) chosen.push(pick);
    else {
      const first = versions[0] as Operation;
      em.diag('info', 'planned-only', `${name} has only PLANNED versions; it is not in the latest spec`, { source: first.source, operation: opLabel(first) });
    }
  }
  return emitDocument(service, 'latest', chosen, em, true);
}
