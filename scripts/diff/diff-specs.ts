/**
 * Semantic diff of two OpenAPI documents of one service (two snapshots of one version, or two
 * versions): lifecycle, operations, parameters, bodies, responses, model properties. Pure.
 */
import { diffSchemas, show, type SchemaChange, type SchemaSite } from './schema-diff.ts';
import { deref } from '../emit/json-pointer.ts';
import { isObject } from '../emit/json-value.ts';
import { HTTP_METHODS, type HttpMethod, operationEntries } from '../openapi-operations.ts';
import type { ChangeEntry, ChangeKind, ChangeReport, ChangeSide, OpenApiDoc } from './types.ts';

type Obj = Readonly<Record<string, unknown>>;

export interface DiffLabel {
  readonly service?: string;
  readonly version?: string;
}

interface Operation {
  readonly key: string;
  readonly method: string;
  readonly path: string;
  readonly id: string;
  readonly op: Obj;
  readonly pathItem: Obj;
}

/** Path templates match regardless of placeholder names (`{id}` vs `{cluster_id}`). */
function pathKey(p: string): string {
  return p.replace(/\{[^}]*\}/g, '{}');
}

function operationsOf(doc: OpenApiDoc): Map<string, Operation> {
  const out = new Map<string, Operation>();
  for (const { path, method, pathItem, op } of operationEntries(doc)) {
    const key = `${method} ${pathKey(path)}`;
    out.set(key, { key, method, path, op, pathItem, id: typeof op.operationId === 'string' ? op.operationId : `${method.toUpperCase()} ${path}` });
  }
  return out;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

/** The lifecycle fields, with the change kinds of a version's and of one operation's. */
const LIFECYCLE = [
  { field: 'x-scp-status', label: 'status', versionKind: 'version-status-changed', operationKind: 'operation-status-changed' },
  { field: 'x-scp-supported-until', label: 'supported until / not before', versionKind: 'version-supported-until-changed', operationKind: 'operation-supported-until-changed' },
] as const;
type LifecycleField = (typeof LIFECYCLE)[number]['field'];

/** A version's lifecycle: `info.x-scp-*` (or top level), else the value every operation agrees on. */
function lifecycle(doc: OpenApiDoc, field: LifecycleField): string | undefined {
  const info = isObject(doc.info) ? doc.info : {};
  const direct = str(info[field]) ?? str(doc[field]);
  if (direct !== undefined) return direct;
  // Operations that do not state it do not vote (a new operation without lifecycle is not a version change).
  const values = new Set([...operationsOf(doc).values()].map((o) => str(o.op[field])).filter((v) => v !== undefined));
  return values.size === 1 ? [...values][0] : undefined;
}

interface Param {
  readonly key: string;
  readonly label: string;
  readonly required: boolean;
  readonly deprecated: boolean;
  readonly schema: unknown;
}

function parametersOf(doc: OpenApiDoc, o: Operation): Map<string, Param> {
  const out = new Map<string, Param>();
  // Operation-level parameters override path-level ones with the same (in, name).
  const raw = [
    ...(Array.isArray(o.pathItem.parameters) ? o.pathItem.parameters : []),
    ...(Array.isArray(o.op.parameters) ? o.op.parameters : []),
  ];
  for (const r of raw as unknown[]) {
    const p = deref(doc, r);
    if (!isObject(p) || typeof p.name !== 'string') continue;
    const where = typeof p.in === 'string' ? p.in : 'query';
    // Header names are case-insensitive.
    const name = where === 'header' ? p.name.toLowerCase() : p.name;
    // The pinned Scp-Api-Version header names the version being compared (as x-scp-api-version does), not an API change.
    if (where === 'header' && name === 'scp-api-version') continue;
    out.set(`${where}:${name}`, {
      key: `${where}:${name}`,
      label: `${where} ${p.name}`,
      required: p.required === true || where === 'path',
      deprecated: p.deprecated === true,
      schema: p.schema ?? (isObject(p.content) ? firstMediaSchema(p.content) : undefined),
    });
  }
  return out;
}

function firstMediaSchema(content: Obj): unknown {
  const json = Object.keys(content).find((k) => /json/i.test(k)) ?? Object.keys(content)[0];
  const media = json === undefined ? undefined : content[json];
  return isObject(media) ? media.schema : undefined;
}

function bodySchema(doc: OpenApiDoc, holder: unknown): { present: boolean; required: boolean; schema: unknown } {
  const b = deref(doc, holder);
  if (!isObject(b)) return { present: false, required: false, schema: undefined };
  const schema = isObject(b.content) ? firstMediaSchema(b.content) : undefined;
  return { present: true, required: b.required === true, schema };
}

function responsesOf(doc: OpenApiDoc, o: Operation): Map<string, { schema: unknown }> {
  const out = new Map<string, { schema: unknown }>();
  const rs = isObject(o.op.responses) ? o.op.responses : {};
  for (const [code, r] of Object.entries(rs)) {
    const resp = deref(doc, r);
    out.set(code, { schema: isObject(resp) && isObject(resp.content) ? firstMediaSchema(resp.content) : undefined });
  }
  return out;
}

interface Draft extends Omit<ChangeEntry, 'alsoIn'> {
  readonly modelScoped: boolean;
}

function opFields(o: Operation): Pick<ChangeEntry, 'operation' | 'path' | 'method'> {
  return { operation: o.id, path: o.path, method: o.method };
}

function fromSchema(o: Operation, c: SchemaChange): Draft {
  return { kind: c.kind, breaking: c.breaking, ...opFields(o), target: c.target, side: c.side, detail: c.detail, before: c.before, after: c.after, modelScoped: c.modelScoped };
}

/** The version-wide lifecycle changes already reported (old, new), so operations that follow them are not reported again. */
type VersionLifecycle = Partial<Record<LifecycleField, readonly [string | undefined, string | undefined]>>;

type Add = (kind: ChangeKind, breaking: boolean, target: string, detail: string, extra?: Partial<Draft>) => void;

/** One operation in both documents, with the sinks its changes go to (all attributed to the new operation). */
interface OperationPair {
  readonly oldDoc: OpenApiDoc;
  readonly newDoc: OpenApiDoc;
  readonly a: Operation;
  readonly b: Operation;
  readonly add: Add;
  readonly addSchemaChanges: (side: 'request' | 'response', before: unknown, after: unknown, site: SchemaSite) => void;
}

function diffOperation(oldDoc: OpenApiDoc, newDoc: OpenApiDoc, a: Operation, b: Operation, version: VersionLifecycle): Draft[] {
  const out: Draft[] = [];
  const pair: OperationPair = {
    oldDoc,
    newDoc,
    a,
    b,
    add: (kind, breaking, target, detail, extra = {}) => {
      out.push({ kind, breaking, ...opFields(b), target, detail, modelScoped: false, ...extra });
    },
    addSchemaChanges: (side, before, after, site) => {
      for (const c of diffSchemas({ oldDoc, newDoc, side }, before, after, site)) out.push(fromSchema(b, c));
    },
  };
  lifecycleChanges(pair, version);
  parameterChanges(pair);
  requestBodyChanges(pair);
  responseChanges(pair);
  return out;
}

/** Lifecycle, when this operation's differs from the version-wide change already reported. */
function lifecycleChanges({ a, b, add }: OperationPair, version: VersionLifecycle): void {
  for (const { field, operationKind } of LIFECYCLE) {
    const before = str(a.op[field]);
    const after = str(b.op[field]);
    const versionWide = version[field];
    if (before === after) continue;
    if (versionWide && versionWide[0] === before && versionWide[1] === after) continue;
    add(operationKind, false, field, `${field} ${show(before)} → ${show(after)}`, { before, after });
  }
  if ((a.op.deprecated === true) !== (b.op.deprecated === true)) {
    add('operation-deprecated-changed', false, 'deprecated', b.op.deprecated === true ? 'operation deprecated' : 'operation no longer deprecated', {
      before: a.op.deprecated === true,
      after: b.op.deprecated === true,
    });
  }
}

function parameterChanges({ oldDoc, newDoc, a, b, add, addSchemaChanges }: OperationPair): void {
  const pa = parametersOf(oldDoc, a);
  const pb = parametersOf(newDoc, b);
  for (const [key, p] of pb) {
    const q = pa.get(key);
    if (!q) {
      add('parameter-added', p.required, p.label, `parameter added (${p.required ? 'required' : 'optional'})`, { side: 'request', after: { required: p.required } });
      continue;
    }
    if (q.required !== p.required) {
      add('parameter-required-changed', p.required, p.label, p.required ? 'optional → required' : 'required → optional', { side: 'request', before: q.required, after: p.required });
    }
    if (q.deprecated !== p.deprecated) {
      add('parameter-deprecated-changed', false, p.label, p.deprecated ? 'deprecated' : 'no longer deprecated', { side: 'request', before: q.deprecated, after: p.deprecated });
    }
    addSchemaChanges('request', q.schema, p.schema, { target: p.label, subject: 'parameter', modelScoped: false });
  }
  for (const [key, q] of pa) {
    if (!pb.has(key)) add('parameter-removed', true, q.label, `parameter removed${q.required ? ' (was required)' : ''}`, { side: 'request', before: { required: q.required } });
  }
}

function requestBodyChanges({ oldDoc, newDoc, a, b, add, addSchemaChanges }: OperationPair): void {
  const ba = bodySchema(oldDoc, a.op.requestBody);
  const bb = bodySchema(newDoc, b.op.requestBody);
  if (!ba.present && bb.present) add('request-body-added', bb.required, 'requestBody', `request body added (${bb.required ? 'required' : 'optional'})`, { side: 'request' });
  else if (ba.present && !bb.present) add('request-body-removed', true, 'requestBody', 'request body removed', { side: 'request' });
  else if (ba.present && bb.present) {
    if (ba.required !== bb.required) {
      add('request-body-required-changed', bb.required, 'requestBody', bb.required ? 'optional → required' : 'required → optional', { side: 'request', before: ba.required, after: bb.required });
    }
    addSchemaChanges('request', ba.schema, bb.schema, { target: 'requestBody', subject: 'property', modelScoped: false });
  }
}

function responseChanges({ oldDoc, newDoc, a, b, add, addSchemaChanges }: OperationPair): void {
  const ra = responsesOf(oldDoc, a);
  const rb = responsesOf(newDoc, b);
  for (const [code, r] of rb) {
    const target = `response ${code}`;
    const q = ra.get(code);
    if (!q) {
      add('response-added', false, target, `response ${code} added`, { side: 'response' });
      continue;
    }
    if (q.schema === undefined && r.schema !== undefined) add('response-body-added', false, target, `response ${code} now has a body`, { side: 'response' });
    else if (q.schema !== undefined && r.schema === undefined) add('response-body-removed', true, target, `response ${code} no longer has a body`, { side: 'response' });
    else if (q.schema !== undefined && r.schema !== undefined) {
      addSchemaChanges('response', q.schema, r.schema, { target, subject: 'property', modelScoped: false });
    }
  }
  for (const code of ra.keys()) {
    if (!rb.has(code)) add('response-removed', true, `response ${code}`, `response ${code} removed`, { side: 'response' });
  }
}

function opLabel(e: Pick<ChangeEntry, 'method' | 'path' | 'operation'>): string {
  return `${(e.method ?? '').toUpperCase()} ${e.path ?? ''} (${e.operation ?? ''})`;
}

/**
 * A change to a shared model is one entry, not one per operation: drafts with the same model-rooted
 * target and values are merged, keeping the first operation and listing the others in `alsoIn`.
 */
function mergeModelScoped(drafts: readonly Draft[]): ChangeEntry[] {
  const out: ChangeEntry[] = [];
  const byKey = new Map<string, { index: number; also: string[]; breaking: boolean; sides: Set<ChangeSide> }>();
  for (const { modelScoped, ...d } of drafts) {
    if (!modelScoped) {
      out.push(d);
      continue;
    }
    const key = JSON.stringify([d.kind, d.target, d.detail, d.before, d.after]);
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, { index: out.length, also: [], breaking: d.breaking, sides: new Set(d.side ? [d.side] : []) });
      out.push(d);
      continue;
    }
    const first = out[seen.index] as ChangeEntry;
    const label = opLabel(d);
    if (label !== opLabel(first) && !seen.also.includes(label)) seen.also.push(label);
    seen.breaking ||= d.breaking;
    if (d.side) seen.sides.add(d.side);
    const side: ChangeSide | undefined = seen.sides.size > 1 ? 'both' : first.side;
    out[seen.index] = { ...first, breaking: seen.breaking, side, ...(seen.also.length > 0 ? { alsoIn: [...seen.also] } : {}) };
  }
  return out;
}

/** Every semantic change from `oldDoc` to `newDoc`, breaking ones flagged. */
export function diffSpecs(oldDoc: OpenApiDoc, newDoc: OpenApiDoc, label: DiffLabel = {}): ChangeReport {
  const drafts: Draft[] = [];
  const version: VersionLifecycle = {};
  for (const { field, label, versionKind } of LIFECYCLE) {
    const before = lifecycle(oldDoc, field);
    const after = lifecycle(newDoc, field);
    if (before === after) continue;
    version[field] = [before, after];
    drafts.push({ kind: versionKind, breaking: false, target: field, detail: `${label} ${show(before)} → ${show(after)}`, before, after, modelScoped: false });
  }

  const opsA = operationsOf(oldDoc);
  const opsB = operationsOf(newDoc);
  const keys = [...new Set([...opsA.keys(), ...opsB.keys()])].sort((x, y) => {
    const [mx = '', px = ''] = x.split(' ');
    const [my = '', py = ''] = y.split(' ');
    return px === py ? HTTP_METHODS.indexOf(mx as HttpMethod) - HTTP_METHODS.indexOf(my as HttpMethod) : px < py ? -1 : 1;
  });
  for (const key of keys) {
    const a = opsA.get(key);
    const b = opsB.get(key);
    if (a && b) drafts.push(...diffOperation(oldDoc, newDoc, a, b, version));
    else if (b) drafts.push({ kind: 'operation-added', breaking: false, ...opFields(b), target: `${b.method.toUpperCase()} ${b.path}`, detail: 'operation added', modelScoped: false });
    else if (a) drafts.push({ kind: 'operation-removed', breaking: true, ...opFields(a), target: `${a.method.toUpperCase()} ${a.path}`, detail: 'operation removed', modelScoped: false });
  }
  const changes = mergeModelScoped(drafts);
  return {
    ...(label.service !== undefined ? { service: label.service } : {}),
    ...(label.version !== undefined ? { version: label.version } : {}),
    status: changes.length > 0 ? 'changed' : 'unchanged',
    changes,
    breaking: changes.filter((c) => c.breaking).length,
  };
}

function versionSummary(doc: OpenApiDoc): string {
  const status = lifecycle(doc, 'x-scp-status');
  const n = operationsOf(doc).size;
  return `${n} operation${n === 1 ? '' : 's'}${status ? `, ${status}` : ''}`;
}

/** Report for a version that exists only in the new snapshot. */
export function versionAddedReport(newDoc: OpenApiDoc, label: DiffLabel = {}): ChangeReport {
  const entry: ChangeEntry = { kind: 'version-added', breaking: false, target: label.version ?? 'version', detail: `version added (${versionSummary(newDoc)})`, after: lifecycle(newDoc, 'x-scp-status') };
  return { ...label, status: 'added', changes: [entry], breaking: 0 };
}

/** Report for a version that is gone from the new snapshot. */
export function versionRemovedReport(oldDoc: OpenApiDoc, label: DiffLabel = {}): ChangeReport {
  const entry: ChangeEntry = { kind: 'version-removed', breaking: true, target: label.version ?? 'version', detail: `version removed (was ${versionSummary(oldDoc)})`, before: lifecycle(oldDoc, 'x-scp-status') };
  return { ...label, status: 'removed', changes: [entry], breaking: 1 };
}
