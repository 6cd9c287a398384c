/**
 * The search-index reader and the Docsy HTML reader must make the same doc model of the same page
 * content. Each HTML fixture (pages as the live site serves them) is turned into search-index
 * entries the way the site builds its index — each page's `.Content`, Hugo's plain-text rendering,
 * htmlUnescape (test/tools/site/) — and written as a per-service source file; both readers read
 * their side and the operations, models and service facts are compared.
 *
 * What legitimately differs is normalised away: source refs, layout, stats, diagnostics; a single
 * page's HTML names its service title in the breadcrumb while the index has it only on the
 * overview page (`htmlOnly: ['title']`); the index file names its service, so model pages get the
 * service id there (`indexOnly: ['id']`); the index lists pages by ref, a print page in its own
 * order. Each case runs twice: with the modelled rendering and with every newline collapsed to a
 * space (a rendering that keeps no line breaks), where only the overview's paragraph breaks are lost.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ServiceDoc, SourceDoc } from '../../scripts/model.ts';
import { readDocsyHtml } from '../../scripts/readers/docsy-html.ts';
import { readSearchIndexPages } from '../../scripts/readers/search-index.ts';
import { entriesFromPrintPage, entryFromSinglePage, type IndexEntry } from '../tools/site/from-html.ts';
import { searchIndexFile } from '../tools/site/index-files.ts';

interface Case {
  readonly name: string;
  readonly service: string;
  readonly entries: (html: string) => IndexEntry[];
  readonly htmlOnly?: readonly (keyof ServiceDoc)[];
  readonly indexOnly?: readonly (keyof ServiceDoc)[];
}

const section = (ref: string, title: string): IndexEntry => ({ ref, title, lang: ref.startsWith('/en/') ? 'en' : 'ko', categories: [], body: '' });

const CASES: readonly Case[] = [
  // 34 op-versions; version pages are titled `1.1`, the operation's section page carries its name.
  { name: 'data-flow-apis-print', service: 'data-flow', entries: (h) => entriesFromPrintPage(h, '/apireference/data-analytics/data-flow/apis/') },
  // Service overview (empty version table), one operation, one model.
  { name: 'data-analytics-print', service: 'data-flow', entries: (h) => entriesFromPrintPage(h, '/apireference/data-analytics/') },
  // English: three versions of one operation, `Not Before`, a URL without region, version history.
  { name: 'variants-product-print', service: 'product', entries: (h) => entriesFromPrintPage(h, '/en/apireference/management/product/') },
  {
    name: 'quick-query-ListQuickQueryImages-1.1',
    service: 'quick-query',
    entries: (h) => [
      entryFromSinglePage(h, '/apireference/data-analytics/quick-query/apis/listquickqueryimages/1.1/'),
      section('/apireference/data-analytics/quick-query/apis/listquickqueryimages/', 'ListQuickQueryImages'),
    ],
    htmlOnly: ['title'],
  },
  // English per-operation page titled with the operation name; name cells in <p>s, a 4-cell row.
  { name: 'aimlops-ListAIMLOpsPlatform-1.0-en', service: 'aimlops-platform', entries: (h) => [entryFromSinglePage(h, '/en/apireference/ai-ml/aimlops-platform/apis/listaimlopsplatform/1.0/')], htmlOnly: ['title'] },
  { name: 'data-flow-model-DataFlowBodyCreate', service: 'data-flow', entries: (h) => [entryFromSinglePage(h, '/apireference/data-analytics/data-flow/models/DataFlowBodyCreate/')], htmlOnly: ['title'], indexOnly: ['id'] },
  { name: 'data-flow-model-Tag', service: 'data-flow', entries: (h) => [entryFromSinglePage(h, '/apireference/data-analytics/data-flow/models/Tag/')], htmlOnly: ['title'], indexOnly: ['id'] },
];

/** Plain JSON without source refs, keys sorted. */
function plain(value: unknown): unknown {
  const json: unknown = JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'source' ? undefined : v)));
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
    return v;
  };
  return sortKeys(json);
}

function without(services: readonly ServiceDoc[], fields: readonly (keyof ServiceDoc)[]): unknown {
  return plain(
    services.map((s) => {
      // The index lists pages sorted by ref, a print page in its own order: order carries no meaning.
      const operations = [...s.operations].sort((a, b) => `${a.name} ${a.version}`.localeCompare(`${b.name} ${b.version}`));
      const copy: Record<string, unknown> = { ...s, operations, models: [...s.models].sort((a, b) => a.name.localeCompare(b.name)) };
      for (const f of fields) delete copy[f];
      return copy;
    }),
  );
}

/** Warnings and errors; a fixture holds only part of its service's model pages, so `unknown-model` is expected there. */
function problems(doc: SourceDoc): string[] {
  return doc.diagnostics.filter((d) => d.severity !== 'info' && d.code !== 'unknown-model').map((d) => `${d.source.line}: ${d.code} ${d.message}`);
}

describe.each(CASES)('search-index and HTML readers agree on $name', (c) => {
  const html = readFileSync(new URL(`../fixtures/html/${c.name}.html`, import.meta.url), 'utf8');
  const htmlDoc = readDocsyHtml(html, `${c.name}.html`);
  const entries = c.entries(html);
  const lang = entries[0]?.lang ?? 'ko';

  describe.each([
    ['the modelled rendering', (body: string) => body],
    ['a rendering without line breaks', (body: string) => body.replace(/\n/g, ' ')],
  ] as const)('%s', (label, render) => {
    const collapsed = label !== 'the modelled rendering';
    const file = searchIndexFile(
      { origin: 'https://docs.e.samsungsdscloud.com/search-index.json', category: 'test', service: c.service, lang },
      entries.map((e) => ({ ...e, body: render(e.body) })),
    );
    const indexDoc = readSearchIndexPages(file, `si_${c.service}.json`);

    it('both read the page cleanly, and there is something to compare', () => {
      expect(problems(htmlDoc)).toEqual([]);
      expect(problems(indexDoc)).toEqual([]);
      expect(indexDoc.services.flatMap((s) => [...s.operations, ...s.models]).length).toBeGreaterThan(0);
    });

    it('give the same services, operations and models', () => {
      const differing = [...(c.htmlOnly ?? []), ...(c.indexOnly ?? [])];
      const expected = htmlDoc.services.map((s) => (collapsed && s.overview !== undefined ? { ...s, overview: s.overview.replace(/\n\n/g, ' ') } : s));
      expect(without(indexDoc.services, differing)).toEqual(without(expected, differing));
    });

    it('differ only where a page form cannot carry a fact', () => {
      for (const f of c.htmlOnly ?? []) {
        expect(htmlDoc.services.some((s) => s[f] !== undefined)).toBe(true);
        expect(indexDoc.services.every((s) => s[f] === undefined)).toBe(true);
      }
      for (const f of c.indexOnly ?? []) {
        expect(indexDoc.services.every((s) => s[f] !== undefined)).toBe(true);
        expect(htmlDoc.services.every((s) => s[f] === undefined)).toBe(true);
      }
    });
  });
});
