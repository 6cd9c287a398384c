/**
 * `update` of the synthetic site at a small size (the full 63-service site is `npm run bench --
 * update`): served from 127.0.0.1 with 503s and slow pages mixed in, some older operation pages
 * served but left out of the search index, into a fresh project with `--strict`. Every
 * operation-version of the site arrives in the specs, and the strict build passes (no
 * component-conflict where `latest` mixes versions of an inferred schema).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { listSpecFiles } from '../../scripts/specs-dir.ts';
import { loadSpecs } from '../../scripts/typegen-cli.ts';
import { runUpdate, type UpdateResult } from '../../scripts/update/update.ts';
import { faultPlan, syntheticUpdateSite, type SyntheticUpdateSite } from '../tools/site/synthetic-update.ts';
import { Projects } from './helpers/projects.ts';
import { startSiteServer, type SiteServer } from './site-server.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const projects = new Projects('scp-synthetic-');
let site: SyntheticUpdateSite;
let server: SiteServer;
let root: string;
let r: UpdateResult;

type Paths = Record<string, Record<string, unknown>>;
const operations = (paths: Paths): string[] => Object.entries(paths).flatMap(([p, item]) => Object.keys(item).map((m) => `${m} ${p}`)).sort();

beforeAll(async () => {
  site = syntheticUpdateSite(await loadSpecs(path.join(ROOT, 'specs')), { services: 8, unindexedEvery: 3, languages: ['ko'] });
  const plan = faultPlan(site.unindexed, { share: 0.25, slowMs: 300 });
  server = await startSiteServer({
    extra: new Map(site.files),
    faults: new Map([...plan.faults].map(([p, codes]) => [p, [...codes]])),
    delays: new Map(plan.delays),
  });
  root = await projects.empty();
  await mkdir(path.join(root, 'sources'));
  await writeFile(path.join(root, 'sources', 'manifest.json'), JSON.stringify(site.manifest, null, 2));
  r = await runUpdate({ root, from: server.url, stages: ['specs'], strict: true, retryBaseMs: 1, progress: false, now: () => new Date('2026-12-21T00:00:00Z') });
}, 300_000);

afterAll(async () => {
  await server?.close();
  await projects.disposeAll();
});

describe('update of the synthetic site (8 services)', () => {
  it('passes the strict build: every warning is acknowledged or absent, none is component-conflict', () => {
    expect(r.error).toBeUndefined();
    expect(r.ok).toBe(true);
    expect(r.discovery).toBe('search-index');
    expect(r.build?.failures).toEqual([]);
    expect(r.build?.diagnostics.filter((d) => d.code === 'component-conflict')).toEqual([]);
    // The services that copy AI&MLOps (no models) are the acknowledged ones, and latest mixes their versions.
    expect(r.build?.diagnostics.filter((d) => d.acknowledged !== undefined).map((d) => `${d.code} ${d.service}`)).toEqual(site.manifest.acknowledged?.map((a) => `${a.code} ${a.service}`));
    expect(site.manifest.acknowledged?.map((a) => a.service)).toContain('product');
  });

  it('has every operation-version of the site in the specs, those left out of the index included', async () => {
    expect(site.operationVersions).toBeGreaterThan(150);
    const expected = [...site.specs.map((s) => `specs/${s.service}/${s.version}.yaml`), ...[...new Set(site.specs.map((s) => s.service))].map((s) => `specs/${s}/latest.yaml`)].sort();
    expect(await listSpecFiles(root)).toEqual(expected);
    for (const s of site.specs) {
      const doc = parseYaml(await readFile(path.join(root, 'specs', s.service, `${s.version}.yaml`), 'utf8')) as { paths: Paths };
      expect(operations(doc.paths), `${s.service} ${s.version}`).toEqual(operations(s.doc.paths as Paths));
    }
    expect(site.unindexed.length).toBeGreaterThan(10);
    const fetched = new Map(r.pages.map((p) => [p.url.slice(server.url.length), p]));
    for (const p of site.unindexed) expect(fetched.get(p)?.result, p).toBe('changed');
  });

  it('went through the 503s (retried) and the slow pages', () => {
    const statuses = (p: string): number[] => server.requests.filter((q) => q.path === p).map((q) => q.status);
    expect(statuses('/search-index.json')).toEqual([503, 200]);
    const twice = site.unindexed.filter((p) => statuses(p)[1] === 503);
    const once = site.unindexed.filter((p) => statuses(p)[0] === 503 && statuses(p)[1] !== 503);
    expect(once.length + twice.length).toBeGreaterThan(0);
    for (const p of once) expect(statuses(p)).toEqual([503, 206]);
    for (const p of twice) expect(statuses(p)).toEqual([503, 503, 206]);
    expect(r.pages.filter((p) => p.attempts > 1).length).toBe(once.length + twice.length);
  });
});
