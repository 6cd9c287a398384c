/**
 * Doc model → OpenAPI 3.1, one document per (service, API version) plus a `latest` document.
 * Reads the doc model (scripts/model.ts, with the Schema-grammar helpers of schema-expression.ts,
 * and the runtime's version order), never a reader or a source file. Every oddity becomes a
 * Diagnostic (with the SourceRef of the operation, parameter or field and the operation name);
 * nothing throws. The parts are built
 * by their own modules: operations (operation.ts), components, servers, security, external docs;
 * the example check then validates and repairs every example in the finished document.
 */
import type { Diagnostic, MergedService } from '../model.ts';
import { checkExamples } from './check-examples.ts';
import { buildComponents, reportDuplicateModels } from './components.ts';
import { Emission, opLabel, originOf, type Operation } from './emission.ts';
import { reportExampleFindings, type ExampleCounts } from './example-report.ts';
import { serviceExternalDocs } from './external-docs.ts';
import { pointerTo } from './json-pointer.ts';
import type { Json } from './json-value.ts';
import { compareVersions } from '../../src/version-order.ts';
import { groupBy } from '../group-by.ts';
import { operationIdFor, titleWords } from './naming.ts';
import { buildOperation } from './operation.ts';
import { SECURITY_REQUIREMENTS, securitySchemes } from './security.ts';
import { buildServers } from './servers.ts';

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
  /** Docs examples that fail their schema (repaired or left out; see `examples`). */
  readonly invalidExamples: number;
  /** Docs defaults that fail their schema (left out, kept under x-scp-invalid-default). */
  readonly invalidDefaults: number;
  readonly examples: ExampleCounts;
  readonly diagnostics: Diagnostic[];
}

export interface EmitResult {
  readonly doc: Record<string, unknown>;
  readonly report: EmitReport;
}

const OPENAPI_VERSION = '3.1.0';
const METHOD_ORDER = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'];

function assignOperationIds(em: Emission, ops: readonly Operation[]): Map<Operation, string> {
  const ids = new Map<Operation, string>();
  const used = new Map<string, Operation>();
  for (const op of ops) {
    const base = operationIdFor(op.name);
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}${n}`;
    if (id !== base) {
      const other = used.get(base) as Operation;
      em.diag('warning', 'operation-id-collision', `operationId "${base}" of "${op.name}" collides with "${other.name}"; "${id}" is used`, originOf(op));
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
    if (names.has(`${op.name}@${op.version}`)) {
      em.diag('warning', 'duplicate-operation', `${opLabel(op)} occurs twice; the first is kept`, originOf(op));
      continue;
    }
    const route = `${op.method} ${op.path}`;
    const clash = routes.get(route);
    if (clash) {
      em.diag('error', 'duplicate-route', `${opLabel(op)} and ${opLabel(clash)} both are ${route}; only ${opLabel(clash)} is emitted`, originOf(op));
      continue;
    }
    names.add(`${op.name}@${op.version}`);
    routes.set(route, op);
    out.push(op);
  }
  return out;
}

interface Paths {
  readonly paths: Record<string, Json>;
  readonly tags: ReadonlySet<string>;
  /** The models the operations reference directly. */
  readonly roots: ReadonlySet<string>;
}

function buildPaths(em: Emission, ops: readonly Operation[]): Paths {
  const ids = assignOperationIds(em, ops);
  const paths: Record<string, Json> = {};
  const tags = new Set<string>();
  const roots = new Set<string>();
  for (const op of ops) {
    const built = buildOperation(em, op, ids.get(op) as string, pointerTo('/paths', op.path, op.method));
    const item = paths[op.path] ?? {};
    item[op.method] = built.object;
    paths[op.path] = item;
    tags.add(built.tag);
    for (const m of built.models) roots.add(m);
  }
  return { paths, tags, roots };
}

function infoObject(em: Emission, versionLabel: string, latest: boolean): Json {
  const service = em.service;
  if (service.title === '') em.diag('warning', 'missing-title', `service ${service.id} has no title; the id is used`, em.serviceOrigin());
  const info: Json = {
    title: service.title !== '' ? service.title : service.id,
    description: describeService(service, versionLabel, latest),
    version: versionLabel,
    'x-scp-service': service.id,
  };
  if (service.category) info['x-scp-category'] = service.category;
  return info;
}

/**
 * Build one document from a chosen set of operations. Its components are built once for all of them:
 * in `latest`, which mixes API versions, a schema inferred from examples is inferred from the examples
 * of every operation that reaches it, whatever its version (the docs define the models per service,
 * so a documented model is the same in every version).
 */
function emitDocument(em: Emission, versionLabel: string, chosen: readonly Operation[], latest: boolean): EmitResult {
  const service = em.service;
  reportDuplicateModels(em);
  const ops = uniqueOperations(em, [...chosen].sort(byPathThenMethod));
  const { paths, tags, roots } = buildPaths(em, ops);
  const { schemas, inferred } = buildComponents(em, roots, ops);
  const doc: Json = { openapi: OPENAPI_VERSION, info: infoObject(em, versionLabel, latest) };
  const servers = buildServers(em);
  if (servers) doc.servers = servers;
  doc.security = SECURITY_REQUIREMENTS.map((r) => ({ ...r }));
  doc.tags = [...tags].sort().map((t) => tagObject(service, t));
  const externalDocs = serviceExternalDocs(service);
  if (externalDocs) doc.externalDocs = externalDocs;
  doc.paths = paths;
  const componentSchemas: Json = {};
  for (const name of [...schemas.keys()].sort()) componentSchemas[name] = schemas.get(name);
  doc.components = { schemas: componentSchemas, securitySchemes: securitySchemes() };
  if (ops.length === 0) em.diag('warning', 'no-operations', `service ${service.id} has no operations for ${versionLabel}`, em.serviceOrigin());

  const checked = checkExamples(doc);
  const examples = reportExampleFindings(em, checked.findings);
  let properties = 0;
  for (const s of schemas.values()) properties += Object.keys(s.properties ?? {}).length;
  return {
    doc: checked.doc,
    report: {
      service: service.id,
      version: versionLabel,
      operations: ops.length,
      parameters: ops.reduce((n, op) => n + op.parameters.length, 0),
      models: schemas.size,
      properties,
      inferredSchemas: [...inferred].sort(),
      invalidExamples: checked.invalidExamples,
      invalidDefaults: checked.invalidDefaults,
      examples,
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
      'This document holds the newest non-planned version of every operation. Each operation declares the `Scp-Api-Version` header ' +
        'value of the API version it belongs to (a required header parameter with that one value, repeated in `x-scp-api-version`).',
    );
  } else {
    parts.push(
      `Send the header \`Scp-Api-Version: ${service.id} ${version}\` with every request: each operation declares it as a required ` +
        'header parameter with that one value (and repeats it in `x-scp-api-version`). Without it the service uses its newest CURRENT version.',
    );
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
  return emitDocument(em, version, service.operations.filter((op) => op.version === version), false);
}

/**
 * OpenAPI 3.1 document of the newest non-PLANNED version of each operation (by name), each carrying
 * its own `x-scp-api-version`; info.version is `latest`.
 */
export function emitLatestOpenApi(service: MergedService): EmitResult {
  const em = new Emission(service);
  const byName = groupBy(service.operations, (op) => op.name);
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
  return emitDocument(em, 'latest', chosen, true);
}
