/**
 * A fixture `/search-index.json` for discovery tests: index entries made from the fixture site's
 * Docsy pages by the test tools' renderer (test/tools/site), with the changes a docs update brings —
 * a new version of an operation, a new operation, new services in an existing and a new category —
 * serialised by MiniSearch itself (v2 `toJSON()`), as the live site does.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { entriesFromPrintPage, type IndexEntry } from '../../tools/site/from-html.ts';
import { SITE_DIR } from '../site-server.ts';

const FIXTURES = path.resolve(import.meta.dirname, '..', '..', 'fixtures');
const DATA_FLOW = '/apireference/data-analytics/data-flow/';

function rename(e: IndexEntry, from: RegExp, to: string): IndexEntry {
  return { ...e, ref: e.ref.replace(from, to), title: e.title.replace(from, to), body: e.body.replace(from, to) };
}

/**
 * The fixture site's pages are written compactly (`</td><td>`); Hugo's Markdown renderer (Goldmark)
 * puts each table row and cell on its own line, and the index's plain text keeps that separation.
 */
function asGoldmarkTables(html: string): string {
  return html.replace(/<\/(td|th|tr|thead|tbody)>(?!\n)/g, '</$1>\n').replace(/(<(?:tr|thead|tbody)>)(?!\n)/g, '$1\n');
}

/** The data-flow pages of the fixture site (v1 or v2 print page), one entry per page. */
export function dataFlowEntries(version: 'v1' | 'v2'): IndexEntry[] {
  const html = asGoldmarkTables(readFileSync(path.join(SITE_DIR, version, 'apireference/data-analytics/_print/index.html'), 'utf8'));
  return entriesFromPrintPage(html, '/apireference/data-analytics/').filter((e) => e.ref.startsWith(DATA_FLOW));
}

/** ShowDataFlow at 1.1 (same content, the version moved on). */
export function showDataFlow11(entries: readonly IndexEntry[]): IndexEntry {
  const show = entries.find((e) => e.ref === `${DATA_FLOW}apis/showdataflow/1.0/`) as IndexEntry;
  return { ...show, ref: `${DATA_FLOW}apis/showdataflow/1.1/`, title: '1.1', body: show.body.replace(/ 1\.0-/g, ' 1.1-').replace(/data-flow 1\.0/g, 'data-flow 1.1') };
}

/** A new operation, DeleteDataFlow 1.0 (its section page names it). */
export function deleteDataFlow(entries: readonly IndexEntry[]): IndexEntry[] {
  const show = entries.find((e) => e.ref === `${DATA_FLOW}apis/showdataflow/1.0/`) as IndexEntry;
  const body = show.body.replace('get /v1/data-flows/{data_flow_id}', 'delete /v1/data-flows/{data_flow_id}').replace('Description get data flow', 'Description delete data flow');
  return [
    { ...show, ref: `${DATA_FLOW}apis/deletedataflow/`, title: 'DeleteDataFlow', body: '\n\n' },
    { ...show, ref: `${DATA_FLOW}apis/deletedataflow/1.0/`, title: '1.0', body },
  ];
}

/** A second service of the category: data-flow's pages under another name, URL and id. */
export function streamFlowEntries(entries: readonly IndexEntry[]): IndexEntry[] {
  return entries.map((e) => rename(rename(rename(e, /data-flows/g, 'stream-flows'), /data-flow/g, 'stream-flow'), /Data Flow/g, 'Stream Flow'));
}

/** A service of a new category (management/product, English labels), with the category's index page. */
export function productEntries(): IndexEntry[] {
  const html = readFileSync(path.join(FIXTURES, 'html', 'variants-product-print.html'), 'utf8');
  const entries = entriesFromPrintPage(html, '/apireference/management/product/');
  return [{ ref: '/apireference/management/', title: 'Management', lang: 'ko', categories: [], body: '\n' }, ...entries];
}

/** The site's search index as MiniSearch serialises it. */
export function miniSearchIndex(entries: readonly IndexEntry[]): string {
  const ms = new MiniSearch<IndexEntry>({ idField: 'ref', fields: ['title', 'body'], storeFields: ['ref', 'title', 'body', 'lang', 'categories'] });
  ms.addAll([...entries]);
  return JSON.stringify(ms);
}
