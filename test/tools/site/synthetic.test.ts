/**
 * The synthetic site has the advertised size and variety, is the same for the same seed, and the
 * readers read all of it without a warning: the search-index reader every service's pages (Korean
 * and English), the Docsy HTML reader every category print page (Korean).
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSpecs } from '../../../scripts/typegen-cli.ts';
import type { SourceDoc } from '../../../scripts/model.ts';
import { readDocsyHtml } from '../../../scripts/readers/docsy-html.ts';
import { readSearchIndexPages } from '../../../scripts/readers/search-index.ts';
import type { SpecInput } from './from-spec.ts';
import { splitSearchIndex } from './index-files.ts';
import { SITE } from './page.ts';
import type { SiteFile } from './render-site.ts';
import { SYNTHETIC_CATEGORIES, syntheticSite, syntheticSpecs } from './synthetic.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const real = await loadSpecs(path.join(ROOT, 'specs'));

type Op = Record<string, unknown>;
function operations(specs: readonly SpecInput[]): { service: string; version: string; op: Op }[] {
  return specs.flatMap((s) => Object.values(s.doc.paths as Record<string, Record<string, Op>>).flatMap((item) => Object.values(item).map((op) => ({ service: s.service, version: s.version, op }))));
}

const warnings = (docs: readonly SourceDoc[]): string[] => docs.flatMap((d) => d.diagnostics.filter((x) => x.severity !== 'info').map((x) => `${x.source.file}:${x.source.line} ${x.code} ${x.message}`));

describe('the synthetic site', () => {
  const specs = syntheticSpecs(real);
  const ops = operations(specs);
  let site: Map<string, SiteFile>;

  beforeAll(() => {
    // Titles only are indexed for search (the stored bodies are complete): indexing bodies is most of the cost.
    site = syntheticSite(real, { indexFields: ['title'] });
  }, 300_000); // ~15 s on a quiet machine; the margin is for a loaded one

  it('has 63 services in 12 categories and about 1,500 operation-versions', () => {
    expect(new Set(specs.map((s) => s.service)).size).toBe(63);
    expect(new Set(specs.map((s) => (s.doc.info as Record<string, unknown>)['x-scp-category'])).size).toBe(12);
    expect(new Set(specs.map((s) => (s.doc.info as Record<string, unknown>)['x-scp-category']))).toEqual(new Set(SYNTHETIC_CATEGORIES));
    expect(ops.length).toBeGreaterThanOrEqual(1450);
    expect(ops.length).toBeLessThanOrEqual(1550);
  });

  it('varies versions per operation, statuses, and the URL form', () => {
    expect(new Set(specs.map((s) => s.version))).toEqual(new Set(['1.0', '1.1', '1.2']));
    expect(new Set(ops.map((o) => o.op['x-scp-status']))).toEqual(new Set(['CURRENT', 'DEPRECATED', 'SUPPORTED']));
    // Some services have operations whose newest version is older than the service's newest.
    const newest = new Map<string, string>();
    for (const o of ops) if ((newest.get(o.service) ?? '') < o.version) newest.set(o.service, o.version);
    const behind = new Set(ops.filter((o) => o.op['x-scp-status'] === 'CURRENT' && o.version !== newest.get(o.service)).map((o) => o.service));
    expect(behind.size).toBeGreaterThan(5);
    const urls = specs.map((s) => (s.doc.servers as { url: string }[])[0]?.url);
    expect(urls).toContain('https://product.{environment}.samsungsdscloud.com');
    expect(urls.filter((u) => u?.includes('{region}')).length).toBe(specs.length - specs.filter((s) => s.service === 'product').length);
  });

  it('is the same for the same seed and different for another', () => {
    expect(JSON.stringify(syntheticSpecs(real))).toBe(JSON.stringify(specs));
    expect(JSON.stringify(syntheticSpecs(real, { seed: 7 }))).not.toBe(JSON.stringify(specs));
  });

  it('is rendered in Korean and English, every operation-version with its page', () => {
    const opPages = (lang: string): number => [...site.keys()].filter((p) => p.startsWith(`${lang}/apireference/`) && /\/apis\/[^/]+\/\d+\.\d+\/$/.test(p)).length;
    expect(opPages('')).toBe(ops.length);
    expect(opPages('/en')).toBe(ops.length);
  });

  it('is read by the search-index reader without a warning, in both languages', { timeout: 300_000 }, () => {
    for (const lang of ['ko', 'en'] as const) {
      const docs = splitSearchIndex(site.get('/search-index.json')?.body ?? '', SITE, lang).map((f) => readSearchIndexPages(f.text, f.file));
      expect(docs).toHaveLength(63);
      expect(warnings(docs)).toEqual([]);
      expect(docs.reduce((n, d) => n + (d.services[0]?.operations.length ?? 0), 0)).toBe(ops.length);
    }
  });

  it('is read by the Docsy HTML reader (category print pages) without a warning', () => {
    const prints = SYNTHETIC_CATEGORIES.map((c) => `/apireference/${c}/_print/`);
    const docs = prints.map((p) => readDocsyHtml(site.get(p)?.body ?? '', p));
    expect(warnings(docs)).toEqual([]);
    expect(docs.reduce((n, d) => n + d.services.reduce((m, s) => m + s.operations.length, 0), 0)).toBe(ops.length);
  }, 300_000);
});
