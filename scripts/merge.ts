/**
 * Merge what the readers made of each source file into one DocModel: one service per
 * `Scp-Api-Version` id, each op-version and model once. Identical repeats are deduplicated
 * (their places are kept in `sources`); a real disagreement is a diagnostic naming both places.
 * Pure: the manifest supplies the facts the dumps lack.
 */
import type { Manifest } from './manifest.ts';
import type {
  Diagnostic,
  DocModel,
  EnvironmentRegion,
  MergedService,
  ModelDoc,
  OperationDoc,
  SchemaExpr,
  ServiceDoc,
  ServiceVersionRow,
  SourceDoc,
  SourceRef,
  VersionHistoryEntry,
} from './model.ts';
import { referencedModels } from './schema-expression.ts';
import { compareVersionsDesc } from '../src/version-order.ts';

type MergedOperation = MergedService['operations'][number];

interface Acc {
  id: string;
  title?: { value: string; source: SourceRef };
  overview?: { value: string; source: SourceRef };
  baseUrl?: { value: string; source: SourceRef };
  environments?: { value: readonly EnvironmentRegion[]; source: SourceRef };
  versionTable?: { value: readonly ServiceVersionRow[]; source: SourceRef };
  operations: Map<string, { op: OperationDoc & { name: string }; sources: SourceRef[] }>;
  fragments: OperationDoc[];
  models: Map<string, ModelDoc>;
  files: Set<string>;
  /** API Version History entries by canonical JSON (the same line on two pages is one entry). */
  history: Map<string, VersionHistoryEntry>;
}

/** JSON of a value without `source` keys and with sorted object keys: what "identical content" means. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      if (k === 'source' || k === 'sources') continue;
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = canonical(v);
    }
    return out;
  }
  return value;
}

/** First path at which two values differ (for disagreement messages). */
export function firstDifference(a: unknown, b: unknown, at = ''): string | undefined {
  const ca = canonical(a);
  const cb = canonical(b);
  if (JSON.stringify(ca) === JSON.stringify(cb)) return undefined;
  if (ca && cb && typeof ca === 'object' && typeof cb === 'object') {
    const keys = Array.isArray(ca) && Array.isArray(cb)
      ? Array.from({ length: Math.max(ca.length, cb.length) }, (_, i) => String(i))
      : [...new Set([...Object.keys(ca), ...Object.keys(cb)])].sort();
    for (const k of keys) {
      const d = firstDifference((ca as Record<string, unknown>)[k], (cb as Record<string, unknown>)[k], at ? `${at}.${k}` : k);
      if (d !== undefined) return d;
    }
  }
  return at || '(value)';
}

/**
 * How much a value says: its non-empty leaves (strings, numbers, booleans), ignoring source refs. Of
 * two disagreeing copies the one that says more wins: a damaged page loses content, it rarely adds it.
 */
function completeness(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v: unknown) => n + completeness(v), 0);
  if (value && typeof value === 'object') {
    let n = 0;
    for (const [k, v] of Object.entries(value)) if (k !== 'source' && k !== 'sources') n += completeness(v);
    return n;
  }
  return value === undefined || value === null || value === '' ? 0 : 1;
}

const where = (s: SourceRef): string => `${s.file}:${s.line}`;

/** Which of two disagreeing copies is kept, and how the message says so. */
function pick<T>(prev: T & { source: SourceRef }, next: T & { source: SourceRef }): { keep: 'prev' | 'next'; says: string } {
  const a = completeness(prev);
  const b = completeness(next);
  if (b > a) return { keep: 'next', says: `keeping the more complete ${where(next.source)} (${b} values against ${a})` };
  if (a > b) return { keep: 'prev', says: `keeping the more complete ${where(prev.source)} (${a} values against ${b})` };
  return { keep: 'prev', says: `equally complete; keeping the first` };
}


function serviceIdOf(s: ServiceDoc): string | undefined {
  return s.id ?? s.operations.find((o) => o.serviceId)?.serviceId;
}

type FactKey = 'title' | 'overview' | 'baseUrl' | 'environments' | 'versionTable';

/** A single-valued service fact found in two places must agree; when it does not, the more complete one is kept. */
function setFact<K extends FactKey>(a: Acc, key: K, value: NonNullable<Acc[K]>['value'] | undefined, source: SourceRef, diagnostics: Diagnostic[]): void {
  if (value === undefined) return;
  const prev = a[key];
  const slot = a as unknown as Record<string, unknown>;
  if (!prev) {
    slot[key] = { value, source };
    return;
  }
  if (canonicalJson(prev.value) === canonicalJson(value)) return;
  const choice = pick({ value: prev.value, source: prev.source }, { value, source });
  if (choice.keep === 'next') slot[key] = { value, source };
  diagnostics.push({
    severity: 'warning',
    code: 'disagreement',
    message: `${a.id}: ${key} differs between ${where(prev.source)} and ${where(source)}; ${choice.says}`,
    source,
    service: a.id,
  });
}

function addModel(a: Acc, model: ModelDoc, diagnostics: Diagnostic[]): void {
  const prev = a.models.get(model.name);
  const about = { source: model.source, service: a.id, operation: model.name };
  if (!prev) {
    a.models.set(model.name, model);
  } else if (canonicalJson(prev) !== canonicalJson(model)) {
    const choice = pick(prev, model);
    if (choice.keep === 'next') a.models.set(model.name, model);
    const message = `model ${model.name} differs at ${firstDifference(prev, model)} between ${where(prev.source)} and ${where(model.source)}; ${choice.says}`;
    diagnostics.push({ severity: 'warning', code: 'disagreement', message, ...about });
  } else if (prev.source.file === model.source.file) {
    const message = `model ${model.name} appears twice in ${model.source.file} (lines ${prev.source.line} and ${model.source.line})`;
    diagnostics.push({ severity: 'warning', code: 'duplicate-model', message, ...about });
  }
}

/** One service section of one source into its service's accumulator. */
function addService(a: Acc, s: ServiceDoc, file: string, diagnostics: Diagnostic[]): void {
  a.files.add(file);
  setFact(a, 'title', s.title, s.source, diagnostics);
  setFact(a, 'overview', s.overview, s.source, diagnostics);
  setFact(a, 'baseUrl', s.baseUrl, s.source, diagnostics);
  setFact(a, 'environments', s.environments, s.source, diagnostics);
  if (s.versionTable && s.versionTable.length > 0) setFact(a, 'versionTable', s.versionTable, s.source, diagnostics);
  for (const h of s.versionHistory ?? []) {
    const key = canonicalJson(h);
    if (!a.history.has(key)) a.history.set(key, h);
  }
  for (const op of s.operations) {
    if (op.serviceId && op.serviceId !== a.id) {
      diagnostics.push({
        severity: 'warning',
        code: 'service-mismatch',
        message: `operation's Scp-Api-Version names service "${op.serviceId}" but it sits in the "${a.id}" section`,
        source: op.source,
        operation: `${op.name ?? `${op.method.toUpperCase()} ${op.path}`} ${op.version}`,
        service: a.id,
      });
    }
    if (op.name === undefined) a.fragments.push(op);
    else addOperation(a, { ...op, name: op.name }, diagnostics);
  }
  for (const model of s.models) addModel(a, model, diagnostics);
}

/** Heading-less fragments (002) are identified by method + path + version among named operations. */
function addFragments(a: Acc, diagnostics: Diagnostic[]): void {
  for (const frag of a.fragments) {
    const match = [...a.operations.values()].find((e) => e.op.method === frag.method && e.op.path === frag.path && e.op.version === frag.version);
    if (match) {
      addOperation(a, { ...frag, name: match.op.name }, diagnostics);
      continue;
    }
    const label = `${frag.method.toUpperCase()} ${frag.path} ${frag.version}`;
    const name = `${frag.method}${frag.path.replace(/[^A-Za-z0-9]+/g, ' ')}`;
    diagnostics.push({
      severity: 'warning',
      code: 'unidentified-fragment',
      message: `operation block without a name (${label}) matches no named operation; kept under the name "${name}"`,
      source: frag.source,
      service: a.id,
      operation: label,
    });
    addOperation(a, { ...frag, name }, diagnostics);
  }
}

export function mergeSources(sources: readonly SourceDoc[], manifest: Manifest): DocModel {
  const diagnostics: Diagnostic[] = [];
  const services = new Map<string, Acc>();
  for (const doc of sources) {
    diagnostics.push(...doc.diagnostics);
    for (const s of doc.services) {
      const id = serviceIdOf(s);
      if (!id) {
        diagnostics.push({
          severity: 'error',
          code: 'unknown-service',
          message: `a service section with ${s.operations.length} operations and ${s.models.length} models names no service id (no OpenAPI URL and no Scp-Api-Version example header)`,
          source: s.source,
        });
        continue;
      }
      let a = services.get(id);
      if (!a) services.set(id, (a = { id, operations: new Map(), fragments: [], models: new Map(), files: new Set(), history: new Map() }));
      addService(a, s, doc.file, diagnostics);
    }
  }
  for (const a of services.values()) addFragments(a, diagnostics);
  const merged: MergedService[] = [...services.values()].sort((x, y) => x.id.localeCompare(y.id)).map((a) => toMerged(a, manifest, diagnostics));
  return { services: merged, diagnostics };
}

function addOperation(a: Acc, op: OperationDoc & { name: string }, diagnostics: Diagnostic[]): void {
  const key = `${op.name}\u0000${op.version}`;
  const prev = a.operations.get(key);
  if (!prev) {
    a.operations.set(key, { op, sources: [op.source] });
    return;
  }
  const label = `${op.name} ${op.version}`;
  if (prev.sources.some((s) => s.file === op.source.file)) {
    diagnostics.push({
      severity: 'warning',
      code: 'duplicate-operation',
      message: `${label} appears twice in ${op.source.file} (lines ${prev.sources.find((s) => s.file === op.source.file)?.line} and ${op.source.line}); keeping the first`,
      source: op.source,
      service: a.id,
      operation: label,
    });
  } else if (canonicalJson(prev.op) !== canonicalJson(op)) {
    const choice = pick(prev.op, op);
    diagnostics.push({
      severity: 'warning',
      code: 'disagreement',
      message: `${label} differs at ${firstDifference(prev.op, op)} between ${where(prev.op.source)} and ${where(op.source)}; ${choice.says}`,
      source: op.source,
      service: a.id,
      operation: label,
    });
    if (choice.keep === 'next') prev.op = op;
  }
  prev.sources.push(op.source);
}

function toMerged(a: Acc, manifest: Manifest, diagnostics: Diagnostic[]): MergedService {
  const facts = manifest.services[a.id];
  const category = facts?.category;
  const first = [...a.operations.values()][0]?.op.source ?? { file: [...a.files][0] ?? 'sources', line: 1 };

  const cited = <T>(fromDocs: { value: T } | undefined, fromManifest: { value: T; cite: string } | undefined, what: string) => {
    if (fromDocs && fromManifest && canonicalJson(fromDocs.value) !== canonicalJson(fromManifest.value)) {
      diagnostics.push({
        severity: 'warning',
        code: 'disagreement',
        message: `${a.id}: ${what} in the docs differs from sources/manifest.json (${fromManifest.cite}); keeping the docs`,
        source: first,
        service: a.id,
      });
    }
    return fromDocs ? { value: fromDocs.value } : fromManifest;
  };

  const title = cited(a.title, facts?.title, 'title');
  const baseUrl = cited(a.baseUrl, facts?.baseUrl, 'OpenAPI URL');
  const environments = cited(a.environments, facts?.environments, 'environment and region list');
  if (!title) {
    diagnostics.push({ severity: 'warning', code: 'missing-title', message: `${a.id}: no service title in the docs or the manifest; using the id`, source: first, service: a.id });
  }
  if (!baseUrl) {
    diagnostics.push({ severity: 'warning', code: 'missing-base-url', message: `${a.id}: no OpenAPI URL in the docs or the manifest`, source: first, service: a.id });
  }

  const operations: MergedOperation[] = [...a.operations.values()]
    .map((e) => ({ ...e.op, sources: e.sources }))
    .sort((x, y) => x.name.toLowerCase().localeCompare(y.name.toLowerCase()) || compareVersionsDesc(x.version, y.version));
  const models = [...a.models.values()].sort((x, y) => x.name.localeCompare(y.name));

  diagnostics.push(...undefinedModels(a.id, operations, models));
  return {
    id: a.id,
    title: title?.value ?? a.id,
    category,
    categoryTitle: category ? manifest.categories[category]?.title : undefined,
    overview: a.overview?.value,
    baseUrl: baseUrl ? ('cite' in baseUrl && baseUrl.cite ? { value: baseUrl.value, cite: baseUrl.cite } : { value: baseUrl.value }) : undefined,
    environments: environments?.value,
    environmentsCite: environments && 'cite' in environments ? environments.cite : undefined,
    versionTable: a.versionTable?.value ?? [],
    ...(a.history.size > 0 ? { versionHistory: [...a.history.values()] } : {}),
    operations,
    models,
    sourceFiles: [...a.files].sort(),
    sourcePages: Object.fromEntries(manifest.files.filter((f) => a.files.has(f.file)).map((f) => [f.file, f.origin])),
  };
}

/**
 * A model that operations or other models reference but no source of the service defines. A service
 * that defines models defines every one it references (SOURCE-FORMATS.md 7), so a gap means a lost
 * model section or page. A service that defines none at all (AI&MLOps) has its schemas inferred from
 * the examples by the emitter; whether its Models section was lost is checked per source.
 */
function undefinedModels(service: string, operations: readonly MergedOperation[], models: readonly ModelDoc[]): Diagnostic[] {
  if (models.length === 0) return [];
  const defined = new Set(models.map((m) => m.name));
  const out: Diagnostic[] = [];
  const check = (schema: SchemaExpr | undefined, source: SourceRef, what: string, operation: string): void => {
    if (!schema) return;
    for (const name of referencedModels(schema)) {
      if (!defined.has(name)) {
        out.push({ severity: 'error', code: 'model-not-defined', message: `${what} references model ${name}, which no source of ${service} defines: its model section or page is lost`, source, service, operation });
      }
    }
  };
  for (const op of operations) {
    const label = `${op.name} ${op.version}`;
    for (const p of op.parameters) check(p.schema, p.source, `parameter ${p.name}`, label);
    for (const r of op.responses) check(r.schema, r.source, `response ${r.code}`, label);
  }
  for (const m of models) for (const f of m.fields) check(f.schema, f.source, `field ${m.name}.${f.name}`, m.name);
  return out;
}
