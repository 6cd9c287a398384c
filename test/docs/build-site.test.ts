import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { runBuild } from '../../scripts/build.ts';
import { type BuildDocsOptions, type DocsReport, DocsBuildError, buildDocsSite } from '../../scripts/docs/build-site.ts';
import type { DocsRecord } from '../../scripts/docs/docs-record.ts';
import { FIXTURE_SPECS, ROOT } from './helpers.ts';

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(p)));
    else out.push(p);
  }
  return out;
}

// Redoc views come from the published `redocly build-docs`, one run of the bin each (about six in this suite).
describe('buildDocsSite', () => {
  let work: string;
  let opts: BuildDocsOptions;
  const lines: string[] = [];
  /** Each build is given the record of the one before, as the docs stage does through the build cache. */
  let previous: DocsRecord | undefined;
  const build = async (): Promise<DocsReport> => {
    const r = await buildDocsSite({ ...opts, ...(previous ? { previous } : {}) });
    previous = r.record;
    return r;
  };
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'scp-docs-build-'));
    const specs = path.join(work, 'specs', 'data-flow');
    for (const v of ['1.0', '1.1']) await cp(path.join(FIXTURE_SPECS, 'data-flow', `${v}.yaml`), path.join(specs, `${v}.yaml`));
    opts = {
      specsDir: path.join(work, 'specs'),
      outDir: path.join(work, 'site'),
      manifestPath: path.join(ROOT, 'sources/manifest.json'),
      log: (l) => lines.push(l),
    };
  });
  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });
  const site = (...p: string[]): string => path.join(work, 'site', ...p);

  it('renders every page, its Redoc view, the portal, guides, search index, raw specs and hashed, precompressed assets', async () => {
    const r = await build();
    expect(r.pages).toEqual(['data-flow/1.0.html', 'data-flow/1.1.html']);
    expect([r.pagesBuilt, r.pagesSkipped]).toEqual([2, 0]);
    const files = await filesUnder(site());
    expect(r.totalBytes).toBe((await Promise.all(files.map((f) => stat(f)))).reduce((n, s) => n + s.size, 0));
    expect(lines.some((l) => l.includes('2 pages built'))).toBe(true);

    for (const f of ['index.html', '404.html', 'auth.html', 'search-index.json', 'data-flow/changes.html', 'data-flow/1.0.redoc.html', 'data-flow/1.1.redoc.html']) expect(existsSync(site(f)), f).toBe(true);
    const yamlText = await readFile(path.join(opts.specsDir, 'data-flow', '1.1.yaml'), 'utf8');
    expect(await readFile(site('specs/data-flow/1.1.yaml'), 'utf8')).toBe(yamlText);
    expect(JSON.parse(await readFile(site('specs/data-flow/1.1.json'), 'utf8'))).toEqual(parse(yamlText));

    // Assets under content-hashed names; text files over 1 KB with gzip and brotli copies of the same bytes.
    const assets = (await readdir(site('assets'))).filter((f) => !/\.(gz|br)$/.test(f));
    for (const a of assets) expect(a, a).toMatch(/\.[0-9a-f]{10}\.(css|js|svg)$/);
    for (const f of ['index.html', 'data-flow/1.1.html', 'data-flow/1.1.redoc.html']) {
      const plain = await readFile(site(f));
      expect(gunzipSync(await readFile(site(`${f}.gz`))).equals(plain), f).toBe(true);
      expect(brotliDecompressSync(await readFile(site(`${f}.br`))).equals(plain), f).toBe(true);
    }

    // One Redoc bundle, referenced (not inlined) by every Redoc view; nothing points at a CDN.
    const bundles = assets.filter((a) => a.startsWith('redoc.standalone.'));
    expect(bundles).toHaveLength(1);
    for (const p of r.pages) {
      const view = await readFile(site(p.replace(/\.html$/, '.redoc.html')), 'utf8');
      expect(view).toContain(`<script src="../assets/${bundles[0]}"></script>`);
      expect(view).not.toMatch(/cdn\.redoc/);
      expect(view).toContain('class="scp-bar"');
      // The reference page is complete without the bundle: no Redoc script at all.
      const page = await readFile(site(p), 'utf8');
      expect(page).not.toContain('redoc.standalone');
      expect(page).toContain('data-operation');
    }
  }, 180_000);

  it('skips pages whose spec, template and version bar did not change', async () => {
    const before = await stat(site('data-flow/1.1.html'));
    const r = await build();
    expect([r.pagesBuilt, r.pagesSkipped]).toEqual([0, 2]);
    expect((await stat(site('data-flow/1.1.html'))).mtimeMs).toBe(before.mtimeMs);
  }, 60_000);

  it('renders a page changed since the last build again, and restores any other changed file', async () => {
    const page = site('data-flow/1.0.html');
    const original = await readFile(page, 'utf8');
    const portal = await readFile(site('index.html'), 'utf8');
    await writeFile(page, original.replace('class="scp-bar"', 'class="scp-bar" data-edited'));
    await writeFile(site('data-flow/1.1.redoc.html'), 'edited');
    await writeFile(site('index.html'), 'edited');
    const r = await build();
    expect([r.pagesBuilt, r.pagesSkipped]).toEqual([2, 0]);
    expect(await readFile(page, 'utf8')).toBe(original);
    expect(await readFile(site('data-flow/1.1.redoc.html'), 'utf8')).toContain('class="scp-bar"');
    expect(await readFile(site('index.html'), 'utf8')).toBe(portal);
  }, 120_000);

  it('re-renders a changed spec and a page that went missing, and nothing else', async () => {
    const spec = path.join(opts.specsDir, 'data-flow', '1.0.yaml');
    await writeFile(spec, (await readFile(spec, 'utf8')).replace('description: get dataflow list console v1.0', 'description: edited'));
    await rm(site('data-flow/1.1.html'));
    const r = await build();
    expect([r.pagesBuilt, r.pagesSkipped]).toEqual([2, 0]);
    expect(await readFile(site('data-flow/1.0.html'), 'utf8')).toContain('edited');
    expect(existsSync(site('data-flow/1.1.html'))).toBe(true);
  }, 180_000);

  it('removes the page and raw files of a spec that is gone, and re-renders siblings whose bar changed', async () => {
    await rm(path.join(opts.specsDir, 'data-flow', '1.0.yaml'));
    const r = await build();
    expect(r.pages).toEqual(['data-flow/1.1.html']);
    expect([r.pagesBuilt, r.pagesSkipped]).toEqual([1, 0]);
    for (const f of ['data-flow/1.0.html', 'data-flow/1.0.redoc.html', 'data-flow/1.0.html.br', 'specs/data-flow/1.0.yaml', 'specs/data-flow/1.0.json', 'data-flow/changes.html']) expect(existsSync(site(f)), f).toBe(false);
    expect(await readFile(site('data-flow/1.1.html'), 'utf8')).not.toContain('href="1.0.html"');
  }, 120_000);
});

describe('buildDocsSite with a spec build-docs cannot render', () => {
  it('fails naming the spec, keeps the pages that did render, and renders only the rest next time', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'scp-docs-broken-'));
    try {
      const specs = path.join(work, 'specs');
      await cp(path.join(FIXTURE_SPECS, 'data-flow', '1.1.yaml'), path.join(specs, 'data-flow', '1.1.yaml'));
      await cp(path.join(FIXTURE_SPECS, 'data-flow', '1.0.yaml'), path.join(specs, 'data-flow', '1.0.yaml'));
      const broken = path.join(specs, 'data-flow', '1.0.yaml');
      const good = await readFile(broken, 'utf8');
      await writeFile(broken, good.replace(/^openapi: .*$/m, 'openapi: 9.9.9'));
      const opts = { specsDir: specs, outDir: path.join(work, 'site'), manifestPath: path.join(ROOT, 'sources/manifest.json') };
      const failure = await buildDocsSite(opts).then(() => undefined, (e: unknown) => e);
      expect(failure).toBeInstanceOf(DocsBuildError);
      expect((failure as Error).message).toMatch(/build-docs failed for .*data-flow\/1\.0\.yaml/);
      expect(existsSync(path.join(work, 'site', 'data-flow', '1.1.html'))).toBe(true);

      // Given the failed build's record, the next build renders only the view that failed.
      await writeFile(broken, good);
      const r = await buildDocsSite({ ...opts, previous: (failure as DocsBuildError).record });
      expect([r.pagesBuilt, r.pagesSkipped]).toEqual([1, 1]);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('the docs stage of the build', () => {
  it('keeps its record in the one build cache and renders again only the Redoc view whose spec changed', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'scp-docs-stage-'));
    try {
      for (const v of ['1.0', '1.1']) await cp(path.join(FIXTURE_SPECS, 'data-flow', `${v}.yaml`), path.join(root, 'specs', 'data-flow', `${v}.yaml`));
      await cp(path.join(ROOT, 'sources', 'manifest.json'), path.join(root, 'sources', 'manifest.json'));
      const first = await runBuild({ root, stages: ['docs'] });
      expect(first.stagesRun).toEqual(['docs']);
      expect((await readdir(path.join(root, '.cache'))).sort()).toEqual(['build-state.json']);
      const cache = JSON.parse(await readFile(path.join(root, '.cache', 'build-state.json'), 'utf8')) as { stages: { docs: { outputs: Record<string, string>; state: DocsRecord['state'] } } };
      const { outputs, state } = cache.stages.docs;
      const view = await readFile(path.join(root, 'site', 'data-flow', '1.1.redoc.html'));
      expect(outputs['site/data-flow/1.1.redoc.html']).toBe(createHash('sha256').update(view).digest('hex'));
      expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['site/index.html', 'site/data-flow/1.0.html.br', 'site/specs/data-flow/1.0.json']));
      expect(Object.keys(state.views).sort()).toEqual(['data-flow/1.0.redoc.html', 'data-flow/1.1.redoc.html']);

      expect((await runBuild({ root, stages: ['docs'] })).stagesSkipped).toEqual(['docs']);

      const spec = path.join(root, 'specs', 'data-flow', '1.0.yaml');
      await writeFile(spec, (await readFile(spec, 'utf8')).replace('description: get dataflow list console v1.0', 'description: edited'));
      const lines: string[] = [];
      const third = await runBuild({ root, stages: ['docs'], log: (l) => lines.push(l) });
      expect(third.stagesRun).toEqual(['docs']);
      expect(lines.filter((l) => l.startsWith('docs: rendered')).map((l) => l.split(' ')[2])).toEqual(['data-flow/1.0.redoc.html']);
      expect(await readFile(path.join(root, 'site', 'data-flow', '1.0.html'), 'utf8')).toContain('edited');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }, 180_000);
});
