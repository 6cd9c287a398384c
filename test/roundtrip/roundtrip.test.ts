/**
 * Round trip, reader level: each of the committed specs → the live site's forms (test/tools/site)
 * → the readers (search-index reader; Docsy HTML reader for operation and print pages) → merge →
 * emit, with the build's own functions → the same spec, byte for byte (except `externalDocs`,
 * which name the pages the spec was read from, when the emitter writes them). Three snapshot forms are
 * checked: the search index split per service, the index without its operation pages plus each
 * operation page as served, and the category print pages.
 *
 * The renderer renders what the docs show and nothing the emitter derives; the last test shows
 * that derived additions to a spec (a `Scp-Api-Version` header parameter, externalDocs, servers
 * per environment) leave the rendered site unchanged.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { emitAllSpecs, readSnapshot } from '../../scripts/stages/specs.ts';
import type { Diagnostic } from '../../scripts/model.ts';
import { loadSpecs } from '../../scripts/typegen-cli.ts';
import { CATEGORY_TITLES, renderSite, siteServices, type SiteFile } from '../tools/site/render-site.ts';
import { manifestFor, siteSources, specsFromSources, withoutProvenance, type RoundTrip, type SiteForm } from '../tools/site/roundtrip.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** What a diagnostic says, without where (the places differ between the snapshot and a rendered site). */
const what = (d: Diagnostic): string => `${d.severity} ${d.code} ${d.operation ?? ''}`;

const specs = await loadSpecs(path.join(ROOT, 'specs'));

describe('specs → site → readers → merge → emit', () => {
  const services = siteServices(specs);
  let site: Map<string, SiteFile>;
  let snapshotWarnings: string[];

  beforeAll(async () => {
    site = renderSite(specs, { languages: ['ko'] });
    const { model } = await readSnapshot(ROOT);
    const all = [...model.diagnostics, ...emitAllSpecs(model).flatMap((s) => s.report.diagnostics)];
    snapshotWarnings = all.filter((d) => d.severity !== 'info').map(what).sort();
  });

  it('covers every committed spec and renders everything the docs show', () => {
    expect(specs).toHaveLength(17);
    expect(services.map((s) => `${s.id} ${s.operations.length} ${s.models.length}`)).toEqual([
      'aimlops-platform 12 0',
      'data-flow 34 27',
      'data-ops 34 26',
      'eventstreams 23 37',
      'quick-query 24 28',
      'searchengine 24 37',
      'vertica 23 35',
    ]);
    expect(services.flatMap((s) => s.unrendered)).toEqual([]);
  });

  describe.each(['search-index', 'index-and-pages', 'print'] as const satisfies readonly SiteForm[])('through %s', (form) => {
    let rt: RoundTrip;
    beforeAll(() => {
      const sources = siteSources(site, services, form);
      rt = specsFromSources(sources, manifestFor(sources, services, CATEGORY_TITLES));
    });

    it('gives back every spec byte for byte (apart from externalDocs, which name the pages read)', () => {
      expect(rt.specs.map((s) => s.file).sort()).toEqual(specs.map((s) => `specs/${s.service}/${s.version}.yaml`).sort());
      for (const s of rt.specs) {
        const original = readFileSync(path.join(ROOT, s.file), 'utf8');
        if (original.includes('externalDocs:')) expect(withoutProvenance(s.text), s.file).toBe(withoutProvenance(original));
        else expect(s.text, s.file).toBe(original);
      }
    });

    it('reads the site with no warning or error beyond those the embedded snapshot has', () => {
      // The snapshot's one warning (an unresolved description placeholder) comes through as well.
      expect(snapshotWarnings).toEqual(['warning unresolved-placeholder ListDataOps 1.0']);
      expect(rt.diagnostics.filter((d) => d.severity !== 'info').map(what).sort()).toEqual(snapshotWarnings);
    });
  });

  it('does not render what the emitter derives (a Scp-Api-Version parameter, externalDocs, servers per environment)', () => {
    const derived = specs.map((s) => {
      const doc = structuredClone(s.doc);
      const servers = doc.servers as Record<string, unknown>[];
      doc.servers = [...servers, { url: 'https://data-flow.kr-west1.s.samsungsdscloud.com', description: 'environment s, region kr-west1' }];
      for (const item of Object.values(doc.paths as Record<string, Record<string, Record<string, unknown>>>)) {
        for (const op of Object.values(item)) {
          const version = op['x-scp-api-version'] as string;
          op.parameters = [...((op.parameters as unknown[] | undefined) ?? []), { name: 'Scp-Api-Version', in: 'header', required: true, schema: { type: 'string', const: version } }];
          op.externalDocs = { url: 'https://docs.e.samsungsdscloud.com/apireference/' };
        }
      }
      return { ...s, doc };
    });
    const again = renderSite(derived, { languages: ['ko'] });
    const pages = [...site.keys()].filter((p) => p !== '/search-index.json');
    expect(pages.length).toBeGreaterThan(300);
    for (const p of pages) expect(again.get(p)?.body, p).toBe(site.get(p)?.body);
  });
});
