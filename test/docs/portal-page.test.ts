import * as cheerio from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml, jsonForScript } from '../../scripts/docs/html.ts';
import { AssetTable } from '../../scripts/docs/site-assets.ts';
import { type PortalModel, buildPortalModel } from '../../scripts/docs/portal-model.ts';
import { renderPortalPage } from '../../scripts/docs/portal-page.ts';
import { type SearchIndex, buildSearchIndex } from '../../scripts/docs/search-index.ts';
import { readSpecsDir } from '../../scripts/docs/spec-files.ts';
import { FIXTURE_SPECS, loadManifest } from './helpers.ts';

/** Assets with fixed contents: the page must link their hashed names. */
const assets = new AssetTable(['portal.css', 'portal.js', 'search-core.js', 'favicon.svg'].map((name) => ({ name, content: Buffer.from(`/* ${name} */`) })));
const SEARCH_INDEX_REL = 'assets/search-index.0123456789.js';

let model: PortalModel;
let index: SearchIndex;
let $: cheerio.CheerioAPI;
beforeAll(async () => {
  model = buildPortalModel(await readSpecsDir(FIXTURE_SPECS), loadManifest());
  index = buildSearchIndex(model);
  $ = cheerio.load(renderPortalPage(model, { assets, searchIndexRel: SEARCH_INDEX_REL }));
});

describe('portal home page', () => {
  it('shows the categories, and each service under its category', () => {
    expect($('.category-head h2').map((_, e) => $(e).text()).get()).toEqual(model.categories.map((c) => c.title));
    for (const c of model.categories) {
      expect($(`#cat-${c.id} .card h3`).map((_, e) => $(e).text()).get()).toEqual(c.services.map((s) => s.title));
    }
  });

  it('gives every version a row with its status badge, operation count, support date and links', () => {
    for (const s of model.categories.flatMap((c) => c.services)) {
      const rows = $(`#svc-${s.id} tr.version-row`);
      expect(rows.map((_, r) => $(r).attr('data-version')).get()).toEqual(s.versions.map((v) => v.version));
      s.versions.forEach((v, i) => {
        const row = rows.eq(i);
        expect(row.find('.badge').text()).toBe(v.status);
        expect(row.find('td.num').text()).toBe(String(v.operationCount));
        expect(row.find('.support-date time').attr('datetime')).toBe(v.supportedUntil);
        expect(row.find('.links a').map((_, a) => $(a).attr('href')).get()).toEqual([v.pageHref, v.yamlHref, v.jsonHref]);
        expect(row.find('.default').length).toBe(v.isDefault ? 1 : 0);
      });
    }
  });

  it('labels the support date by status', () => {
    expect($('#svc-data-flow tr[data-version="1.0"] .support-date').text()).toBe('Supported until 2026-07-01');
    expect($('#svc-aimlops-platform tr[data-version="1.0"] .support-date').text()).toBe('Removal not before 2026-03-19');
  });

  it('links the latest document with its downloads', () => {
    expect($('#svc-data-flow tr.latest-row .links a').map((_, a) => $(a).attr('href')).get()).toEqual([
      'data-flow/latest.html',
      'specs/data-flow/latest.yaml',
      'specs/data-flow/latest.json',
    ]);
  });

  it('uses only relative links and local assets', () => {
    const urls = $('[href], [src]')
      .map((_, e) => $(e).attr('href') ?? $(e).attr('src'))
      .get();
    expect(urls.length).toBeGreaterThan(10);
    for (const u of urls) expect(u, u).not.toMatch(/^(?:[a-z]+:)?\/\//i);
    for (const u of urls) expect(u, u).not.toMatch(/^\//);
  });

  it('links content-hashed assets and names the search index script the search loads on first use', () => {
    expect($('link[rel="stylesheet"]').attr('href')).toBe(assets.rel('portal.css'));
    expect($('script[src]').map((_, e) => $(e).attr('src')).get()).toEqual([assets.rel('search-core.js'), assets.rel('portal.js')]);
    expect(assets.rel('portal.css')).toMatch(/^assets\/portal\.[0-9a-f]{10}\.css$/);
    expect($('#search').attr('data-index-src')).toBe(SEARCH_INDEX_REL);
  });

  it('makes the search an ARIA combobox with a labelled listbox popup and a live count', () => {
    const input = $('#search');
    expect(input.attr('role')).toBe('combobox');
    expect(input.attr('aria-expanded')).toBe('false');
    expect(input.attr('aria-controls')).toBe('search-results');
    expect($(`label[for="search"]`).text()).toBe('Search operations');
    expect($('#search-results').attr('role')).toBe('listbox');
    expect($('#search-results').attr('aria-label')).toBeTruthy();
    expect($('#search-status').attr('role')).toBe('status');
  });

  it('links each service with two or more versions to its changelog, and the authentication guide from the top bar', () => {
    expect($('#svc-data-flow .card-links a').attr('href')).toBe('data-flow/changes.html');
    expect($('#svc-aimlops-platform .card-links').length).toBe(0);
    expect($('.topnav a').map((_, a) => $(a).attr('href')).get()).toContain('auth.html');
  });
});

describe('html helpers', () => {
  it('escapes markup and keeps </script> out of embedded JSON', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const json = jsonForScript({ summary: '</script><script>alert(1)</script>\u2028' });
    expect(json).not.toContain('</script');
    expect(JSON.parse(json)).toEqual({ summary: '</script><script>alert(1)</script>\u2028' });
  });

  it('escapes text from specs in the page', () => {
    const m = buildPortalModel([{ service: 'x', version: '1.0', doc: { info: { title: '<b>X</b> API' }, paths: {} } }], {});
    const html = renderPortalPage(m, { assets, searchIndexRel: SEARCH_INDEX_REL });
    expect(html).toContain('&lt;b&gt;X&lt;/b&gt;');
    expect(html).not.toContain('<b>X</b>');
  });
});
