/**
 * What one docs build leaves for the next, kept in the build's one cache (.cache/build-state.json)
 * as the docs stage's record: the sha256 of every file it wrote (so a file changed or removed since
 * is noticed, and the files of a removed spec are deleted) and, per Redoc view, the key it was
 * rendered with (so an unchanged view skips its build-docs run). Pure.
 */
import { createHash } from 'node:crypto';

export interface DocsState {
  /** Key over what every Redoc view's rendering depends on besides its own inputs (CLI version, template, code). */
  readonly pipeline: string;
  /** Redoc view path (relative to the site) → the key it was rendered with. */
  readonly views: Readonly<Record<string, string>>;
  /** Redoc view path → key of the spec text it was rendered from. */
  readonly viewSpecs: Readonly<Record<string, string>>;
  /** Operations in the search index. */
  readonly indexed: number;
}

export interface DocsRecord {
  /** Every file the build wrote (relative to the site directory) → its sha256. */
  readonly files: Readonly<Record<string, string>>;
  readonly state: DocsState;
}

export const EMPTY_DOCS_RECORD: DocsRecord = { files: {}, state: { pipeline: '', views: {}, viewSpecs: {}, indexed: 0 } };

function isStringMap(v: unknown): v is Record<string, string> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');
}

/** A docs state read back from the cache; anything malformed counts as no state (everything is rebuilt). */
export function docsStateOf(value: unknown): DocsState {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Partial<Record<keyof DocsState, unknown>>;
  const empty = EMPTY_DOCS_RECORD.state;
  if (typeof v.pipeline !== 'string' || !isStringMap(v.views) || !isStringMap(v.viewSpecs)) return empty;
  return { pipeline: v.pipeline, views: v.views, viewSpecs: v.viewSpecs, indexed: typeof v.indexed === 'number' ? v.indexed : 0 };
}

/** sha256 over the parts, each length-prefixed so ("ab","c") and ("a","bc") differ. */
export function contentKey(parts: readonly (string | Buffer)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(`${Buffer.byteLength(p)}:`).update(p);
  return h.digest('hex');
}
