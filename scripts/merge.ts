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
  ServiceDoc,
  ServiceVersionRow,
  SourceDoc,
  SourceRef,
} from './model.ts';
import { compareVersionsDesc } from './versions.ts';

export { compareVersionsDesc };

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
}

/** JSON of a value without `source` keys and with sorted object keys: what "identical content" means. */
export function contentKey(value: unknown): string {
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

const where = (s: SourceRef): string => `${s.file}:${s.line}`;


function serviceIdOf(s: ServiceDoc): string | undefined {
  return s.id ?? s.operations.find((o) => o.serviceId)?.serviceId;
}

export function mergeSources(sources: readonly SourceDoc[], manifest: Manifest): DocModel {
  const diagnostics: Diagnostic[] = [];
  const services = new Map<string, Acc>();

  const acc = (id: string): Acc => {
    let a = services.get(id);
    if (!a) {
      a = { id, operations: new Map(), fragments: [], models: new Map(), files: new Set() };
      services.set(id, a);
    }
    return a;
  };

  // A single-valued service fact found in two places must agree.
  const setFact = <K extends 'title' | 'overview' | 'baseUrl' | 'environments' | 'versionTable'>(
    a: Acc,
    key: K,
    value: NonNullable<Acc[K]>['value'] | undefined,
    source: SourceRef,
  ): void => {
    if (value === undefined) return;
    const prev = a[key];
    if (!prev) {
      (a as unknown as Record<string, unknown>)[key] = { value, source };
      return;
    }
    if (contentKey(prev.value) !== contentKey(value)) {
      diagnostics.push({
        severity: 'warning',
        code: 'disagreement',
        message: `${a.id}: ${key} differs between ${where(prev.source)} and ${where(source)}; keeping the first`,
        source,
        service: a.id,
      });
    }
  };

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
      const a = acc(id);
      a.files.add(doc.file);
      setFact(a, 'title', s.title, s.source);
      setFact(a, 'overview', s.overview, s.source);
      setFact(a, 'baseUrl', s.baseUrl, s.source);
      setFact(a, 'environments', s.environments, s.source);
      if (s.versionTable && s.versionTable.length > 0) setFact(a, 'versionTable', s.versionTable, s.source);

      for (const op of s.operations) {
        if (op.serviceId && op.serviceId !== id) {
          diagnostics.push({
            severity: 'warning',
            code: 'service-mismatch',
            message: `operation's Scp-Api-Version names service "${op.serviceId}" but it sits in the "${id}" section`,
            source: op.source,
            operation: `${op.name ?? `${op.method.toUpperCase()} ${op.path}`} ${op.version}`,
            service: id,
          });
        }
        if (op.name === undefined) {
          a.fragments.push(op);
          continue;
        }
        addOperation(a, { ...op, name: op.name }, diagnostics);
      }
      for (const model of s.models) {
        const prev = a.models.get(model.name);
        if (!prev) {
          a.models.set(model.name, model);
        } else if (contentKey(prev) !== contentKey(model)) {
          diagnostics.push({
            severity: 'warning',
            code: 'disagreement',
            message: `model ${model.name} differs at ${firstDifference(prev, model)} between ${where(prev.source)} and ${where(model.source)}; keeping the first`,
            source: model.source,
            service: id,
            operation: model.name,
          });
        } else if (prev.source.file === model.source.file) {
          diagnostics.push({
            severity: 'warning',
            code: 'duplicate-model',
            message: `model ${model.name} appears twice in ${model.source.file} (lines ${prev.source.line} and ${model.source.line})`,
            source: model.source,
            service: id,
            operation: model.name,
          });
        }
      }
    }
  }

  // Heading-less fragments (002) are identified by method + path + version among named operations.
  for (const a of services.values()) {
    for (const frag of a.fragments) {
      const match = [...a.operations.values()].find(
        (e) => e.op.method === frag.method && e.op.path === frag.path && e.op.version === frag.version,
      );
      const label = `${frag.method.toUpperCase()} ${frag.path} ${frag.version}`;
      if (match) {
        addOperation(a, { ...frag, name: match.op.name }, diagnostics);
      } else {
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
  }

  const merged: MergedService[] = [...services.values()]
    .sort((x, y) => x.id.localeCompare(y.id))
    .map((a) => toMerged(a, manifest, diagnostics));
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
  } else if (contentKey(prev.op) !== contentKey(op)) {
    diagnostics.push({
      severity: 'warning',
      code: 'disagreement',
      message: `${label} differs at ${firstDifference(prev.op, op)} between ${where(prev.op.source)} and ${where(op.source)}; keeping the first`,
      source: op.source,
      service: a.id,
      operation: label,
    });
  }
  prev.sources.push(op.source);
}

function toMerged(a: Acc, manifest: Manifest, diagnostics: Diagnostic[]): MergedService {
  const facts = manifest.services[a.id];
  const category = facts?.category;
  const first = [...a.operations.values()][0]?.op.source ?? { file: [...a.files][0] ?? 'sources', line: 1 };

  const cited = <T>(fromDocs: { value: T } | undefined, fromManifest: { value: T; cite: string } | undefined, what: string) => {
    if (fromDocs && fromManifest && contentKey(fromDocs.value) !== contentKey(fromManifest.value)) {
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
    operations,
    models,
    sourceFiles: [...a.files].sort(),
    sourcePages: Object.fromEntries(manifest.files.filter((f) => a.files.has(f.file)).map((f) => [f.file, f.origin])),
  };
}
