/**
 * Round trip through `update`: the 17 committed specs → the live site's forms (test/tools/site, Korean
 * and English pages, search index, contents list, print pages) served from 127.0.0.1 by the update
 * tests' site server → `runUpdate --from` that server into a fresh project (no sources, no specs) →
 * the same 17 specs, byte for byte apart from `externalDocs`. Those name the pages each spec was read
 * from, which differ by design: the service's overview or print page, where the embedded snapshot read
 * category and APIs print pages. They are checked to sit on the same operations and to name pages the
 * site serves. Both discovery paths run: the search index, and (the index gone) the contents list with
 * each service's print page.
 *
 * The round-tripped project then meets the removal check on a site large enough (174
 * operation-versions) that one vanished operation is within the floor gate's margin: the refusal comes
 * from the removal check on the staged build, and a removal the page confirms is committed.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseManifest } from '../../scripts/manifest.ts';
import { listSpecFiles } from '../../scripts/specs-dir.ts';
import { loadSpecs } from '../../scripts/typegen-cli.ts';
import { runUpdate, type UpdateResult } from '../../scripts/update/update.ts';
import { freshManifest, renderSite, siteServices, withoutProvenance } from '../tools/site/index.ts';
import { searchIndexJson, type IndexDocument } from '../tools/site/search-index.ts';
import { liveTrees, Projects } from '../update/helpers/projects.ts';
import { startSiteServer, treeHashes, type SiteServer } from '../update/site-server.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SITE = 'https://docs.e.samsungsdscloud.com';
const NOW = (): Date => new Date('2026-12-14T06:00:00Z');
const INDEX = '/search-index.json';
const specs = await loadSpecs(path.join(ROOT, 'specs'));
const services = siteServices(specs);
const projects = new Projects('scp-update-roundtrip-');

/** The rendered site: URL path → body. */
let site: Map<string, string>;
let server: SiteServer;

beforeAll(async () => {
  site = new Map([...renderSite(specs)].map(([p, f]) => [p, f.body]));
  server = await startSiteServer();
}, 120_000);

afterAll(async () => {
  await server?.close();
  await projects.disposeAll();
});

/** A project that has never read the site: a manifest with the reviewed facts no page gives (cited facts, acknowledgements). */
async function freshProject(): Promise<string> {
  const root = await projects.empty();
  const repo = parseManifest(await readFile(path.join(ROOT, 'sources', 'manifest.json'), 'utf8'), 'sources/manifest.json');
  await mkdir(path.join(root, 'sources'));
  await writeFile(path.join(root, 'sources', 'manifest.json'), `${JSON.stringify(freshManifest(services, repo.acknowledged), null, 2)}\n`);
  return root;
}

/** An update of `root` from the server, serving exactly `files`. */
function update(root: string, files: ReadonlyMap<string, string>): Promise<UpdateResult> {
  server.options.extra = new Map(files);
  return runUpdate({ root, from: server.url, stages: ['specs'], retryBaseMs: 1, progress: false, now: NOW });
}

/** Where each part of a spec points its externalDocs: `info` for the root, `METHOD /path` for operations. */
function externalDocsOf(text: string): Map<string, string> {
  const doc = parseYaml(text) as { externalDocs?: { url: string }; paths: Record<string, Record<string, { externalDocs?: { url: string } }>> };
  const out = new Map<string, string>();
  if (doc.externalDocs) out.set('info', doc.externalDocs.url);
  for (const [p, item] of Object.entries(doc.paths)) for (const [m, op] of Object.entries(item)) if (op.externalDocs) out.set(`${m.toUpperCase()} ${p}`, op.externalDocs.url);
  return out;
}

const specFile = (s: { service: string; version: string }): string => `specs/${s.service}/${s.version}.yaml`;

describe.each([
  ['the search index', 'search-index', () => site],
  ['the contents list and print pages (no search index)', 'contents-list', () => new Map([...site].filter(([p]) => p !== INDEX))],
] as const)('specs → site → update through %s → specs', (_label, method, files) => {
  let root: string;
  let r: UpdateResult;

  beforeAll(async () => {
    root = await freshProject();
    r = await update(root, files());
  }, 300_000);

  it('commits every spec the site was rendered from, and nothing else', async () => {
    expect(r.error).toBeUndefined();
    expect(r.discovery).toBe(method);
    expect(specs).toHaveLength(17);
    expect(await listSpecFiles(root)).toEqual(specs.map(specFile).sort());
    expect(r.build?.failures).toEqual([]);
  });

  it('gives back each of the 17 specs byte for byte apart from externalDocs', async () => {
    for (const s of specs) {
      const original = await readFile(path.join(ROOT, specFile(s)), 'utf8');
      const again = await readFile(path.join(root, specFile(s)), 'utf8');
      expect(withoutProvenance(again), specFile(s)).toBe(withoutProvenance(original));
    }
  });

  it('keeps externalDocs on the same parts of each spec, each naming a page the site serves', async () => {
    for (const s of specs) {
      const original = externalDocsOf(await readFile(path.join(ROOT, specFile(s)), 'utf8'));
      const again = externalDocsOf(await readFile(path.join(root, specFile(s)), 'utf8'));
      expect([...again.keys()].sort(), specFile(s)).toEqual([...original.keys()].sort());
      for (const [part, url] of again) {
        expect(url.startsWith(`${SITE}/apireference/`), `${specFile(s)} ${part}`).toBe(true);
        expect(site.has(url.slice(SITE.length)), `${specFile(s)} ${part}: ${url}`).toBe(true);
      }
    }
  });
});

describe('removals on the round-tripped project (one operation-version of 174: within the floor margin)', () => {
  const OP_PAGES = '/apireference/data-analytics/vertica/apis/listbackuphistories/';
  const OVERVIEW = '/apireference/data-analytics/vertica/';
  let base: string;

  beforeAll(async () => {
    base = await freshProject();
    expect((await update(base, site)).ok).toBe(true);
  }, 300_000);

  /**
   * The site without ListBackupHistories in its index, the vertica overview's text extended by
   * `history`; its own pages are gone too unless `pagesStay`.
   */
  function withoutListBackupHistories(history: string, pagesStay = false): Map<string, string> {
    const stored = (JSON.parse(site.get(INDEX) as string) as { storedFields: Record<string, IndexDocument> }).storedFields;
    const docs = Object.values(stored)
      .filter((d) => !d.ref.startsWith(OP_PAGES))
      .map((d) => (d.ref === OVERVIEW ? { ...d, body: `${d.body}${history}` } : d));
    const pages = [...site].filter(([p]) => pagesStay || !p.replace(/^\/en\//, '/').startsWith(OP_PAGES));
    return new Map([...pages, [INDEX, searchIndexJson(docs, ['title'])]]);
  }

  it('an operation-version the index dropped but the site still serves is read from its own page: nothing vanishes', async () => {
    const root = await projects.copyOf(base);
    const specsBefore = await treeHashes(path.join(root, 'specs'));
    const r = await update(root, withoutListBackupHistories('', true));
    expect(r.error).toBeUndefined();
    expect(r.pages.filter((p) => p.url.includes('/listbackuphistories/')).map((p) => [p.url.replace(server.url, ''), p.result])).toEqual([[`${OP_PAGES}1.0/`, 'changed']]);
    expect(r.floor?.lostOperations).toEqual([]);
    expect(r.removals).toEqual([]);
    // The same specs, but for the operation's externalDocs, which now name its own page.
    const changed = Object.entries(await treeHashes(path.join(root, 'specs'))).filter(([f, h]) => specsBefore[f] !== h).map(([f]) => f);
    expect(changed.sort()).toEqual(['vertica/1.0.yaml', 'vertica/latest.yaml']);
    for (const f of changed) {
      const text = await readFile(path.join(root, 'specs', f), 'utf8');
      expect(withoutProvenance(text), f).toBe(withoutProvenance(await readFile(path.join(base, 'specs', f), 'utf8')));
      expect(externalDocsOf(text).get('GET /v1/clusters/{cluster_id}/backup-histories')).toBe(`${SITE}${OP_PAGES}1.0/`);
    }
  }, 120_000);

  it('refuses an operation that vanished without a [삭제] line: the removal check names the page, the tree stays', async () => {
    const root = await projects.copyOf(base);
    const before = await liveTrees(root);
    const r = await update(root, withoutListBackupHistories(''));
    expect(r.ok).toBe(false);
    expect(r.floor?.ok).toBe(true); // the floor gate let it through: 1 ≤ 3
    expect(r.error).toContain('1 removal is not confirmed by the pages');
    expect(r.error).toMatch(/si_vertica\.json:1 vertica listBackupHistories 1\.0 \(GET \/v1\/clusters\/\{cluster_id\}\/backup-histories\): the pages carrying it \(si_vertica\.json\): vertica has no API Version History to confirm the removal: not committed as a removal/);
    expect(r.removals?.map((d) => [d.severity, d.code])).toEqual([['error', 'unconfirmed-removal']]);
    expect(await liveTrees(root)).toEqual(before);
  }, 120_000);

  it('commits a removal the page confirms and reports it as breaking', async () => {
    const root = await projects.copyOf(base);
    const r = await update(root, withoutListBackupHistories(' API Version History 1.0  [삭제] GET /v1/clusters/{cluster_id}/backup-histories - ListBackupHistories API가 삭제되었습니다. '));
    expect(r.error).toBeUndefined();
    expect(r.floor?.confirmedOperations.map((o) => o.name)).toEqual(['ListBackupHistories']);
    expect(r.removals?.map((d) => [d.severity, d.code, d.source.file])).toEqual([['info', 'confirmed-removal', 'si_vertica.json']]);
    const changes = await readFile(path.join(root, 'CHANGES.md'), 'utf8');
    expect(changes).toContain('### vertica 1.0\n\n- **BREAKING** `GET /v1/clusters/{cluster_id}/backup-histories` (listBackupHistories): operation removed');
    const before = parseYaml(await readFile(path.join(base, 'specs', 'vertica', '1.0.yaml'), 'utf8')) as { paths: Record<string, Record<string, unknown>> };
    const after = parseYaml(await readFile(path.join(root, 'specs', 'vertica', '1.0.yaml'), 'utf8')) as { paths: Record<string, Record<string, unknown>> };
    const methods = (doc: typeof after): string[] => Object.entries(doc.paths).flatMap(([p, item]) => Object.keys(item).map((m) => `${m} ${p}`));
    expect(methods(before).filter((m) => !methods(after).includes(m))).toEqual(['get /v1/clusters/{cluster_id}/backup-histories']);
    expect(methods(after).length).toBe(methods(before).length - 1);
  }, 120_000);
});
