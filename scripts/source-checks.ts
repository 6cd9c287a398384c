/**
 * Checks of one source's doc model against what its own structure and its origin promise, the same
 * for every layout: the page under a service's URL holds that service (and, under an operation or
 * model URL, that version or model); an operation whose path, example body or example query shows
 * parameters documents some; a service section with an overview (a whole service, not just its APIs)
 * that references models has a Models section. A failure is an error: the page is damaged or the
 * wrong page, and building from it would silently lose what it lacks. Pure.
 */
import type { Diagnostic, OperationDoc, ServiceDoc, SourceDoc } from './model.ts';
import { referencedModels } from './schema-expression.ts';

/** What an origin URL says a page holds: `/apireference/<category>/<service>/(apis/<slug>/<version>|models/<Name>)/`. */
export interface OriginFacts {
  readonly category?: string;
  readonly service?: string;
  readonly version?: string;
  readonly model?: string;
}

/** Facts of an origin URL; a search-index origin names the page in its fragment (`…/search-index.json#/apireference/…`). */
export function originFacts(origin: string): OriginFacts {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return {};
  }
  const pagePath = url.hash.startsWith('#/') ? url.hash.slice(1) : url.pathname;
  const seg = pagePath.split('/').filter((s) => s !== '');
  if (seg[0] === 'en') seg.shift();
  if (seg[0] !== 'apireference' || seg[1] === undefined) return {};
  const category = seg[1];
  const service = seg[2] !== undefined && !seg[2].startsWith('_') ? seg[2] : undefined;
  if (service === undefined) return { category };
  const version = seg[3] === 'apis' && seg[5] !== undefined && /^\d+(?:\.\d+)+$/.test(seg[5]) ? seg[5] : undefined;
  const model = seg[3] === 'models' && seg[4] !== undefined && !seg[4].startsWith('_') ? decodeURIComponent(seg[4]) : undefined;
  return { category, service, ...(version !== undefined ? { version } : {}), ...(model !== undefined ? { model } : {}) };
}

function letters(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * Whether a service id or title names the service of a URL segment: equal once case and punctuation
 * are dropped, or one containing the other (`vertica` / `Vertica(DBaaS)`). A name with no Latin
 * letters (a Korean title) cannot be compared and passes.
 */
export function namesService(name: string, segment: string): boolean {
  const a = letters(name);
  const b = letters(segment);
  return a === '' || b === '' || a.includes(b) || b.includes(a);
}

const label = (op: OperationDoc): string => `${op.name ?? `${op.method.toUpperCase()} ${op.path}`} ${op.version}`;

function originMismatches(doc: SourceDoc, origin: string): Diagnostic[] {
  const facts = originFacts(origin);
  const out: Diagnostic[] = [];
  const mismatch = (what: string, at: Diagnostic['source'], scope: { operation?: string; service?: string } = {}): void => {
    out.push({ severity: 'error', code: 'origin-mismatch', message: `the page fetched from ${origin} ${what}: the wrong page is served under that URL`, source: at, ...scope });
  };
  for (const s of doc.services) {
    if (facts.service !== undefined) {
      const ids = new Set([s.id, ...s.operations.map((o) => o.serviceId)].filter((id): id is string => id !== undefined));
      for (const id of ids) if (!namesService(id, facts.service)) mismatch(`(service "${facts.service}") holds service "${id}"`, s.source, { service: id });
      if (s.title !== undefined && !namesService(s.title, facts.service)) mismatch(`(service "${facts.service}") is titled "${s.title}"`, s.source);
    }
    for (const op of s.operations) {
      if (facts.version !== undefined && op.version !== facts.version) mismatch(`(version ${facts.version}) holds version ${op.version}`, op.source, { operation: label(op) });
    }
    for (const m of s.models) {
      if (facts.model !== undefined && m.name !== facts.model) mismatch(`(model ${facts.model}) holds model ${m.name}`, m.source, { operation: m.name });
    }
  }
  return out;
}

/** The parts of an operation that show which parameters it must have. */
export type ParameterEvidence = Pick<OperationDoc, 'path' | 'parameters'> & { readonly example: Pick<OperationDoc['example'], 'requestBody' | 'requestPath'> };

/** The kinds of parameter an operation documents none of although its path or example shows some. */
export type LostParameterKind = 'path' | 'body' | 'query';

/**
 * Which kinds of parameter the operation must have lost, each with why: the one diagnostic
 * (`missing-parameters`) for that damage. The readers leave out their own path and example
 * warnings for a kind found here, so the damage is reported once.
 */
export function lostParameters(op: ParameterEvidence): Map<LostParameterKind, string> {
  const has = (...where: string[]): boolean => op.parameters.some((p) => where.includes(p.in));
  const lost = new Map<LostParameterKind, string>();
  const placeholders = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
  if (placeholders.length > 0 && !has('path')) lost.set('path', `its path has ${placeholders.map((p) => `{${p}}`).join(', ')} but it documents no path parameter`);
  if (op.example.requestBody !== undefined && !has('body', 'formData')) lost.set('body', 'its example sends a request body but it documents no body parameter');
  const query = /\?(.+)$/.exec(op.example.requestPath ?? '')?.[1];
  if (query !== undefined && !has('query')) lost.set('query', `its request path example asks for ${query} but it documents no query parameter`);
  return lost;
}

/** Why an operation without parameters of some kind must have lost them; empty when nothing shows it. */
export function lostParameterEvidence(op: ParameterEvidence): string[] {
  return [...lostParameters(op).values()];
}

function missingParameters(s: ServiceDoc): Diagnostic[] {
  return s.operations.flatMap((op) => {
    const reasons = lostParameterEvidence(op);
    if (reasons.length === 0) return [];
    const service = s.id ?? op.serviceId;
    return [
      {
        severity: 'error' as const,
        code: 'missing-parameters',
        message: `the Parameters table is lost: ${reasons.join('; ')}`,
        source: op.source,
        operation: label(op),
        ...(service !== undefined ? { service } : {}),
      },
    ];
  });
}

/** A whole service section (it has an overview) that references models but has no Models section lost it. */
function lostModels(s: ServiceDoc): Diagnostic[] {
  if ((s.overview === undefined && s.baseUrl === undefined) || s.models.length > 0) return [];
  const refs = new Set<string>();
  for (const op of s.operations) {
    for (const p of op.parameters) for (const m of referencedModels(p.schema)) refs.add(m);
    for (const r of op.responses) if (r.schema) for (const m of referencedModels(r.schema)) refs.add(m);
  }
  if (refs.size === 0) return [];
  const names = [...refs].sort();
  const service = s.id ?? s.title;
  return [
    {
      severity: 'error',
      code: 'missing-models',
      message: `the service section ${s.title ?? s.id ?? ''} has an overview but no Models, while its operations reference ${names.length} model${names.length === 1 ? '' : 's'} (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}): the Models section is lost`,
      source: s.source,
      ...(service !== undefined ? { service } : {}),
    },
  ];
}

/** Every check above for one source read from `origin`. */
export function checkSource(doc: SourceDoc, origin: string): Diagnostic[] {
  return [...originMismatches(doc, origin), ...doc.services.flatMap((s) => [...missingParameters(s), ...lostModels(s)])];
}
