/**
 * The site's `/search-index.json` split into per-service source files, in the layout of CONTRACTS.md
 * ("search-index sources"): one file per `<svc>` path segment, pages sorted by ref, one page entry
 * per line, one language. `update` owns the real splitting; this is the test tools' own, so a round
 * trip can run without it.
 */
import { placeOf } from '../../../scripts/readers/search-index/file.ts';
import type { IndexDocument } from './search-index.ts';

export interface IndexSourceFile {
  readonly service: string;
  readonly category: string;
  readonly file: string;
  readonly text: string;
}

/** A per-service source file (the contract's layout) holding `pages`. */
export function searchIndexFile(meta: { origin: string; category: string; service: string; lang: string }, pages: readonly IndexDocument[]): string {
  const sorted = [...pages].sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
  const head = JSON.stringify({ origin: meta.origin, category: meta.category, service: meta.service, lang: meta.lang });
  const lines = sorted.map((p) => JSON.stringify({ ref: p.ref, title: p.title, lang: p.lang, categories: p.categories, body: p.body }));
  return `${head.slice(0, -1)},"pages":[\n${lines.join(',\n')}\n]}\n`;
}

/** Split a MiniSearch document's stored pages by service (pages of category `api-common` are site-wide, not a service). */
export function splitSearchIndex(json: string, site: string, lang: 'ko' | 'en' = 'ko', keep: (ref: string) => boolean = () => true): IndexSourceFile[] {
  const doc = JSON.parse(json) as { storedFields: Record<string, IndexDocument> };
  const groups = new Map<string, { category: string; pages: IndexDocument[] }>();
  for (const page of Object.values(doc.storedFields)) {
    const place = placeOf(page.ref);
    if (!place || place.lang !== lang || place.category === 'api-common' || !keep(page.ref)) continue;
    const g = groups.get(place.service) ?? { category: place.category, pages: [] };
    g.pages.push(page);
    groups.set(place.service, g);
  }
  return [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([service, g]) => ({
    service,
    category: g.category,
    file: `si_${service}.json`,
    text: searchIndexFile({ origin: `${site}/search-index.json`, category: g.category, service, lang }, g.pages),
  }));
}
