/**
 * The synthetic site as `update` meets it, for the update test and `npm run bench -- update`:
 * - rendered in Korean and English (titles indexed for search: `update` reads the stored texts and
 *   stops before the term index); the search index leaves out the oldest version's operation pages
 *   of some services, which the site still serves at a live page's weight (the live index keeps some
 *   older pages out; `update` finds them through the service's version table);
 * - the manifest of a project that never read the site: the facts no page gives (cited from other
 *   pages), and a reviewed acknowledgement for each service that, like AI&MLOps, defines no models;
 * - a fault plan: 503s and slow answers mixed in, chosen by a seed.
 */
import type { Acknowledgement, Manifest } from '../../../scripts/manifest.ts';
import { compareVersions } from '../../../src/version-order.ts';
import type { Lang } from './content.ts';
import type { SiteService, SpecInput } from './from-spec.ts';
import { servicePages } from './pages.ts';
import { renderSite, siteServices } from './render-site.ts';
import { freshManifest } from './roundtrip.ts';
import { random, syntheticSpecs } from './synthetic.ts';

export interface SyntheticUpdateOptions {
  /** Services (default 63, the live count). */
  readonly services?: number;
  readonly seed?: number;
  /** Every n-th service with more than one version has its oldest version left out of the index (default 6). */
  readonly unindexedEvery?: number;
  /** Bytes of the pages left out of the index (default 1 MB; `update` asks for their tail only). */
  readonly pageWeight?: number;
  /** Languages rendered (default Korean and English, as the live site; `update` reads Korean). */
  readonly languages?: readonly Lang[];
}

export interface SyntheticUpdateSite {
  /** URL path → body. */
  readonly files: ReadonlyMap<string, string>;
  readonly specs: readonly SpecInput[];
  /** Korean operation pages served but not in the index. */
  readonly unindexed: readonly string[];
  readonly manifest: Manifest;
  readonly operationVersions: number;
}

/** The Korean operation pages of the oldest version of every `every`-th service that has several versions. */
function unindexedPages(services: readonly SiteService[], every: number): Set<string> {
  const pages = new Set<string>();
  services.forEach((service, i) => {
    const versions = [...new Set(service.operations.map((o) => o.version))].sort(compareVersions);
    if (versions.length < 2 || i % every !== 1) return;
    for (const p of servicePages(service, 'ko', '').pages) if (p.kind === 'operation' && p.ref.endsWith(`/${versions[0]}/`)) pages.add(p.ref);
  });
  return pages;
}

export function syntheticUpdateSite(real: readonly SpecInput[], options: SyntheticUpdateOptions = {}): SyntheticUpdateSite {
  const specs = syntheticSpecs(real, { ...(options.services !== undefined ? { services: options.services } : {}), ...(options.seed !== undefined ? { seed: options.seed } : {}) });
  const services = siteServices(specs);
  const unindexed = unindexedPages(services, options.unindexedEvery ?? 6);
  const korean = (p: string): string => p.replace(/^\/en\//, '/');
  const site = renderSite(specs, {
    categoryTitles: { storage: 'Storage' },
    ...(options.languages ? { languages: options.languages } : {}),
    indexFields: ['title'],
    indexed: (p) => !unindexed.has(korean(p)),
    padTo: options.pageWeight ?? 1_000_000,
    pad: (p) => unindexed.has(p),
  });
  const acknowledged: Acknowledgement[] = services
    .filter((s) => s.models.length === 0)
    .map((s) => ({ code: 'missing-models', service: s.id, reason: `${s.title} copies AI&MLOps Platform, whose docs define no models: its schemas are inferred from the examples` }));
  const operationVersions = specs.reduce((n, s) => n + Object.values(s.doc.paths as Record<string, object>).reduce((m, item) => m + Object.keys(item).length, 0), 0);
  return { files: new Map([...site].map(([p, f]) => [p, f.body])), specs, unindexed: [...unindexed].sort(), manifest: freshManifest(services, acknowledged), operationVersions };
}

export interface FaultPlan {
  /** Per path, the error statuses answered before the page (each served once). */
  readonly faults: ReadonlyMap<string, readonly number[]>;
  /** Per path, milliseconds before the answer. */
  readonly delays: ReadonlyMap<string, number>;
}

/**
 * 503s and slow answers for the pages `update` will ask for: the search index answers 503 once and
 * slowly; of the other `paths`, about `share` of them answer 503 first (a few twice) and as many are slow.
 */
export function faultPlan(paths: readonly string[], options: { readonly seed?: number; readonly share?: number; readonly slowMs?: number } = {}): FaultPlan {
  const rnd = random(options.seed ?? 503);
  const share = options.share ?? 0.1;
  const slowMs = options.slowMs ?? 1500;
  const faults = new Map<string, number[]>([['/search-index.json', [503]]]);
  const delays = new Map<string, number>([['/search-index.json', slowMs]]);
  for (const p of paths) {
    const r = rnd();
    if (r < share) faults.set(p, r < share / 4 ? [503, 503] : [503]);
    else if (r < 2 * share) delays.set(p, Math.round(slowMs * (0.5 + rnd())));
  }
  return { faults, delays };
}
