/**
 * The rendered site follows the live site's forms (../shared/DOCS-SITE.md), in Korean and English,
 * and its search index is a genuine MiniSearch document whose bodies are the pages' plain text.
 */
import path from 'node:path';
import { load } from 'cheerio';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { loadSpecs } from '../../../scripts/typegen-cli.ts';
import { readDocsyHtml } from '../../../scripts/readers/docsy-html.ts';
import { readSearchIndexPages } from '../../../scripts/readers/search-index.ts';
import { singlePageContent } from './from-html.ts';
import { splitSearchIndex } from './index-files.ts';
import { SITE } from './page.ts';
import { plainBody } from './plain.ts';
import { renderSite } from './render-site.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const specs = await loadSpecs(path.join(ROOT, 'specs'));
const site = renderSite(specs);
const page = (p: string): string => site.get(p)?.body ?? '';
const OP = '/apireference/data-analytics/data-flow/apis/createdataflow/1.1/';

describe('renderSite', () => {
  it('renders an operation page as Docsy does: meta description first, h1, h2 ids, th header rows, content last', () => {
    const html = page(OP);
    const $ = load(html);
    expect($('meta[name="description"]').attr('content')).toMatch(/^post \/v1\/data-flows Description create data flow 상태 ACTIVE \(CURRENT\) 버전 최소 지원 보장일 1\.1 -$/);
    expect(html.indexOf('<meta name="description"')).toBeLessThan(2000);
    expect($('link[rel="canonical"]').attr('href')).toBe(`${SITE}${OP}`);
    expect($('div.td-content h1').text()).toBe('1.1');
    expect($('div.td-content h2').map((_, h) => $(h).attr('id')).get()).toEqual(['description', 'parameters', 'responses', 'example-http-request', 'example-http-response']);
    expect($('div.td-content table').map((_, t) => $(t).find('thead th').map((__, th) => $(th).text()).get().join(' | ')).get()).toEqual([
      '버전 | 최소 지원 보장일',
      'Type | Name | Description | Schema | Default',
      'HTTP Code | Description | Schema',
    ]);
    expect($('ol.breadcrumb li').map((_, li) => $(li).text()).get()).toEqual(['API Reference', 'Data Analytics', 'Data Flow', 'APIs', 'CreateDataFlow', '1.1']);
    expect(html.indexOf('<div class="td-content">')).toBeGreaterThan(html.indexOf('td-sidebar-nav'));
  });

  it('renders English pages with English labels and the operation as title', () => {
    const $ = load(page(`/en${OP}`));
    expect($('div.td-content h1').text()).toBe('CreateDataFlow');
    expect($('div.td-content p').eq(2).text()).toBe('State ACTIVE (CURRENT)');
    expect($('div.td-content table thead').first().text().trim().split(/\s+/)).toEqual(['Version', 'Supported', 'Until']);
  });

  it('pads a page to the live weight with the content at the end, and a suffix range still reads', () => {
    const padded = renderSite(specs.filter((s) => s.service === 'data-flow'), { languages: ['ko'], padTo: 4_300_000, pad: (p) => p === OP, indexFields: ['title'] });
    const html = padded.get(OP)?.body ?? '';
    expect(Buffer.byteLength(html)).toBeGreaterThanOrEqual(4_300_000);
    expect(Buffer.byteLength(html)).toBeLessThan(4_301_000);
    expect(html.indexOf('<div class="td-content">')).toBeGreaterThan(4_200_000);
    const tail = Buffer.from(html).subarray(-320_000).toString('utf8');
    const strip = (v: unknown): string => JSON.stringify(v, (k, x: unknown) => (k === 'source' ? undefined : x));
    expect(strip(readDocsyHtml(tail, 'tail.html').services[0]?.operations)).toBe(strip(readDocsyHtml(page(OP), 'op.html').services[0]?.operations));
  });

  it('renders the service overview: version table, OpenAPI URL, environments, API Version History', () => {
    const $ = load(page('/apireference/data-analytics/data-flow/'));
    expect($('h2').map((_, h) => $(h).attr('id')).get()).toEqual(['overview', 'version', 'openapi-url', 'environment-and-region-list', 'api-version-history']);
    expect($('#version + table tbody tr').map((_, tr) => $(tr).text().trim().replace(/\s+/g, ' ')).get()).toEqual(['1.1 CURRENT -', '1.0 SUPPORTED 20260701']);
    expect($('#openapi-url + p').text()).toBe('https://data-flow.{region}.{environment}.samsungsdscloud.com');
    expect($('#environment-and-region-list + table tbody tr')).toHaveLength(7);
    const history = $('li').filter((_, li) => $(li).text().startsWith('[')).map((_, li) => $(li).text()).get();
    expect(history).toContain('[변경] GET /v1/data-flows - ListDataFlows API가 변경되었습니다.');
    expect(load(page('/en/apireference/data-analytics/data-flow/'))('li').text()).toContain('[Changed] GET /v1/data-flows - ListDataFlows API has been changed.');
  });

  it('renders print pages with the banner and a numbered table of contents', () => {
    const $ = load(page('/apireference/data-analytics/data-flow/apis/_print/'));
    expect($('.pageinfo').text()).toContain('이 섹션의 다중 페이지 출력 화면임.');
    expect($('h1.title').text()).toBe('APIs');
    expect($('.td-content > ul > li').first().text()).toBe('1: CheckClusterResourceSizeForDataFlowServiceCreate');
    expect($('h1[id^="pg-"]').slice(0, 3).map((_, h) => $(h).text()).get()).toEqual(['1 - CheckClusterResourceSizeForDataFlowServiceCreate', '1.1 - 1.1', '1.2 - 1.0']);
    const en = load(page('/en/apireference/data-analytics/_print/'));
    expect(en('.pageinfo').text()).toContain('This is the multi-page printable view of this section.');
    expect(en('h1[id^="pg-"]').first().text()).toBe('1 - Data Flow');
  });

  it('lists categories → services and each product’s current version', () => {
    const list = load(page('/apireference/contents-list/'));
    expect(list('h2').map((_, h) => list(h).text()).get()).toEqual(['AI-ML', 'Data Analytics']);
    expect(list('.td-content a[href="/apireference/data-analytics/vertica/"]').text()).toBe('Vertica(DBaaS)');
    const v = load(page('/apireference/api-common/version/'));
    const rows = v('tbody tr').map((_, tr) => v(tr).find('td').map((__, td) => v(td).text()).get().join(' ')).get();
    expect(rows).toContain('Data Flow data-flow 1.1 CURRENT');
    expect(rows).toHaveLength(7);
    expect(rows).toContain('AI&MLOps Platform aimlops-platform 1.0 CURRENT');
    expect(page('/apireference/')).not.toContain('/apis/');
  });

  it('serves a genuine MiniSearch v2 document whose bodies are the pages’ plain text', () => {
    const json = page('/search-index.json');
    const raw = JSON.parse(json) as { serializationVersion: number; documentCount: number; storedFields: Record<string, { ref: string; body: string }> };
    expect(raw.serializationVersion).toBe(2);
    const pages = [...site.keys()].filter((p) => p.endsWith('/') && !p.endsWith('_print/'));
    expect(raw.documentCount).toBe(pages.length);
    const ms = MiniSearch.loadJSON(json, { idField: 'ref', fields: ['title', 'body'], storeFields: ['ref', 'title', 'body', 'lang', 'categories'] });
    expect(ms.search('CreateDataFlow', { fields: ['title'] }).map((r) => r.id)).toContain('/en/apireference/data-analytics/data-flow/apis/createdataflow/1.1/');
    const stored = Object.values(raw.storedFields).find((s) => s.ref === OP);
    expect(stored?.body.startsWith('post /v1/data-flows\nDescription create data flow\n')).toBe(true);
    // The body is the content inside div.td-content, up to the whitespace around it.
    expect(stored?.body.trim()).toBe(plainBody(singlePageContent(page(OP)).content).trim());
  });

  it('is read back by the search-index reader in both languages without a warning', () => {
    for (const lang of ['ko', 'en'] as const) {
      for (const f of splitSearchIndex(page('/search-index.json'), SITE, lang)) {
        const doc = readSearchIndexPages(f.text, f.file);
        expect(doc.diagnostics.filter((d) => d.severity !== 'info'), `${lang} ${f.file}`).toEqual([]);
        expect(doc.services[0]?.operations.every((o) => o.name !== undefined)).toBe(true);
      }
    }
  });
});
