/** Shared inputs for the docs tests: the hand-written fixture specs and the real manifest. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import type { PortalManifest } from '../../scripts/docs/portal-model.ts';
import type { SearchEntry } from '../../scripts/docs/search-index.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const FIXTURE_SPECS = path.join(ROOT, 'test/fixtures/docs-specs');
export const REAL_SPECS = path.join(ROOT, 'specs');

export function loadManifest(): PortalManifest {
  return JSON.parse(readFileSync(path.join(ROOT, 'sources/manifest.json'), 'utf8')) as PortalManifest;
}

export interface SearchHit {
  entry: SearchEntry;
  others: SearchEntry[];
}

export interface ScpSearchApi {
  squash(text: string): string;
  search(entries: readonly SearchEntry[], query: string, limit?: number): SearchEntry[];
  group(entries: readonly SearchEntry[]): SearchHit[];
  snippet(entry: SearchEntry, query: string): string;
}

/** The browser's search code (assets/search-core.js), run as the classic script it is. */
export function loadSearchCore(): ScpSearchApi {
  const context: { ScpSearch?: ScpSearchApi } = {};
  vm.runInNewContext(readFileSync(path.join(ROOT, 'scripts/docs/assets/search-core.js'), 'utf8'), context);
  if (!context.ScpSearch) throw new Error('search-core.js did not define ScpSearch');
  return context.ScpSearch;
}
