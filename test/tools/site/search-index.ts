/**
 * The site's `/search-index.json`: a genuine MiniSearch v2 document (`toJSON()` of a MiniSearch
 * index built with the `minisearch` package) whose `storedFields` are `{ref, title, body, lang,
 * categories}` and whose `documentIds` are the refs, as the live site serves it. Bodies are the
 * plain-text rendering of each page's content (./plain.ts).
 */
import MiniSearch from 'minisearch';
import { plainBody } from './plain.ts';
import type { SitePage } from './pages.ts';

export interface IndexDocument {
  readonly ref: string;
  readonly title: string;
  readonly body: string;
  readonly lang: string;
  readonly categories: readonly string[];
}

export function indexDocument(page: SitePage, categories: readonly string[]): IndexDocument {
  return { ref: page.ref, title: page.title, body: plainBody(page.content), lang: page.lang, categories };
}

/**
 * The JSON text of the index. `fields` are the indexed (searchable) fields; indexing bodies is most
 * of the cost, so a large synthetic site may index titles only; the stored fields are the same.
 */
export function searchIndexJson(docs: readonly IndexDocument[], fields: readonly ('title' | 'body')[] = ['title', 'body']): string {
  const ms = new MiniSearch<IndexDocument>({ idField: 'ref', fields: [...fields], storeFields: ['ref', 'title', 'body', 'lang', 'categories'] });
  ms.addAll([...docs]);
  return JSON.stringify(ms);
}
