/**
 * `npm run bench -- update`: `update` of the synthetic site (test/tools/site: 63 services in 12
 * categories, ≈1,480 operation-versions, Korean and English, some older operation pages left out of
 * the search index and fetched from their own pages) served from 127.0.0.1 with 503s and slow pages
 * mixed in, into a fresh project, `--strict`, with the build's default stages; then reading + emitting
 * at three sizes of the same site to show how it grows. Each run is a process of its own
 * (scripts/bench-update-child.ts) whose peak RSS is measured. The sites are rendered once into
 * .cache/bench-update/ (keyed by the renderer's code and the specs) and served from there; render time
 * is reported apart. Targets: update+build ≤ 30 s, read+emit at 10× the pages ≤ 10× the time, peak ≤ 1 GB.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sha256 } from './hash.ts';
import { followImports } from './import-graph.ts';
import type { Manifest } from './manifest.ts';
import type { ReadEmitRun, UpdateRun } from './bench-update-child.ts';
import { parseSpecDoc, readSpecTexts, type SpecText } from './specs-dir.ts';

const SIZES = [6, 20, 63] as const;
const CHILD = path.join(import.meta.dirname, 'bench-update-child.ts');
const SITE_TOOL = path.join(import.meta.dirname, '..', 'test', 'tools', 'site', 'synthetic-update.ts');

interface CachedSite {
  readonly dir: string;
  readonly renderMs: number;
  readonly cached: boolean;
  readonly operationVersions: number;
  readonly unindexed: readonly string[];
  readonly manifest: Manifest;
}

/** The cache directory of a site: keyed by the size, the renderer's code and the specs it is made from. */
async function siteKey(specs: readonly SpecText[], services: number): Promise<string> {
  const code = await followImports([SITE_TOOL]);
  const texts = await Promise.all(code.files.map((f) => readFile(f, 'utf8')));
  return `site-${services}-${sha256([...texts, ...specs.map((s) => `${s.file}\u0000${s.text}`)].join('\u0000')).slice(0, 12)}`;
}

/** The rendered site of `services` synthetic services, from the cache or rendered now into it. */
async function siteFor(root: string, services: number): Promise<CachedSite> {
  const cacheDir = path.join(root, '.cache', 'bench-update');
  const specs = await readSpecTexts(path.join(root, 'specs'));
  const key = await siteKey(specs, services);
  const dir = path.join(cacheDir, key);
  const metaFile = path.join(dir, 'meta.json');
  if (existsSync(metaFile)) return { ...(JSON.parse(await readFile(metaFile, 'utf8')) as Omit<CachedSite, 'dir' | 'cached'>), dir, cached: true };
  // A site of this size rendered by other code or from other specs is stale.
  for (const stale of (await readdir(cacheDir).catch(() => [] as string[])).filter((d) => d.startsWith(`site-${services}-`))) await rm(path.join(cacheDir, stale), { recursive: true, force: true });
  const { syntheticUpdateSite } = await import('../test/tools/site/synthetic-update.ts');
  const t = performance.now();
  const site = syntheticUpdateSite(specs.map((s) => ({ service: s.service, version: s.version, doc: parseSpecDoc(s.file, s.text) })), { services });
  const renderMs = performance.now() - t;
  for (const [urlPath, body] of site.files) {
    await mkdir(path.join(dir, 'site', urlPath), { recursive: true });
    await writeFile(path.join(dir, 'site', urlPath, 'index.html'), body);
  }
  const meta = { renderMs, operationVersions: site.operationVersions, unindexed: site.unindexed, manifest: site.manifest };
  await writeFile(metaFile, JSON.stringify(meta));
  return { ...meta, dir, cached: false };
}

interface ChildOutput {
  readonly json: string;
  /** With GNU time at hand: the peak RSS of the largest process of the child's tree (the lint stage's redocly too), bytes. */
  readonly treeMaxRss?: number;
  /** With GNU time at hand: CPU time (user + system) of the child's whole tree, ms. */
  readonly treeCpuMs?: number;
}

function runChild(args: readonly string[]): Promise<ChildOutput> {
  const time = existsSync('/usr/bin/time') ? ['/usr/bin/time', '-f', 'maxrss-kb %M cpu-s %U %S'] : [];
  const [cmd, ...rest] = [...time, process.execPath, '--import', 'tsx', CHILD, ...args] as [string, ...string[]];
  return new Promise((resolve, reject) => {
    execFile(cmd, rest, { maxBuffer: 64 * 1024 * 1024, env: { ...process.env, REDOCLY_TELEMETRY: 'off' } }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`${error.message}\n${stderr.slice(-2000)}`));
      const m = /maxrss-kb (\d+) cpu-s ([\d.]+) ([\d.]+)/.exec(stderr);
      const tree = m ? { treeMaxRss: Number(m[1]) * 1024, treeCpuMs: (Number(m[2]) + Number(m[3])) * 1000 } : {};
      resolve({ json: stdout.trim().split('\n').pop() ?? '{}', ...tree });
    });
  });
}

/** A fresh project holding only the site's manifest, updated from the cached site served with faults. */
async function updateOnce(site: CachedSite, stages: string, faults: boolean): Promise<Omit<ChildOutput, 'json'> & { run: UpdateRun; root: string; faulted: number; slow: number }> {
  const { startSiteServer } = await import('../test/update/site-server.ts');
  const { faultPlan } = await import('../test/tools/site/synthetic-update.ts');
  const plan = faults ? faultPlan(site.unindexed) : { faults: new Map<string, readonly number[]>(), delays: new Map<string, number>() };
  // The server reads <siteDir>/<version>/<path>/index.html: the cache keeps the pages under site/.
  const server = await startSiteServer({ siteDir: site.dir, version: 'site', faults: new Map([...plan.faults].map(([p, c]) => [p, [...c]])), delays: new Map(plan.delays) });
  const root = await mkdtemp(path.join(os.tmpdir(), 'scp-bench-update-'));
  try {
    await mkdir(path.join(root, 'sources'));
    await writeFile(path.join(root, 'sources', 'manifest.json'), JSON.stringify(site.manifest, null, 2));
    const out = await runChild(['update', root, server.url, stages]);
    const { json, ...tree } = out;
    return { run: JSON.parse(json) as UpdateRun, ...tree, root, faulted: plan.faults.size, slow: plan.delays.size };
  } finally {
    await server.close();
  }
}

const s = (ms: number | undefined): string => (ms === undefined ? '-' : `${(ms / 1000).toFixed(1)} s`);
const mb = (bytes: number | undefined): string => (bytes === undefined ? '-' : `${(bytes / 1024 / 1024).toFixed(0)} MB`);
const median = (xs: readonly number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? NaN;

function printUpdate(site: CachedSite, u: Awaited<ReturnType<typeof updateOnce>>): void {
  const { run } = u;
  console.log(`update of the synthetic site (63 services, 12 categories, ${site.operationVersions} operation-versions, Korean and English; ${site.unindexed.length} older pages only on their own pages)`);
  console.log(`  served from 127.0.0.1 with ${u.faulted} paths answering 503 first (the index too) and ${u.slow} slow ones; fresh project; --strict; stages specs, types, lint`);
  console.log(`  render (test tool, once)   ${s(site.renderMs)}${site.cached ? '  (cached from an earlier run)' : ''}`);
  if (!run.ok) console.log(`  UPDATE FAILED: ${run.error ?? ''}\n  ${run.failures.slice(0, 10).join('\n  ')}`);
  const load = os.loadavg().map((x) => x.toFixed(1)).join(' ');
  console.log(`  update+build               ${s(run.timings.total)}  (target <= 30 s; wall time, ${os.cpus().length} cores, load average now ${load})`);
  console.log(`    CPU time: update process ${s(run.cpuMs)}, with the lint process ${s(u.treeCpuMs)}`);
  const steps = ['readSnapshot', 'discover', 'fetch', 'stage', 'build', 'diff', 'commit'].map((k) => `${k} ${s(run.timings[k])}`).join(', ');
  console.log(`    ${steps}`);
  console.log(`    build: specs ${s(run.build.specs)} (read+merge+emit ${s(run.build.parseEmit)}, yaml ${s(run.build.yaml)}), types ${s(run.build.types)}, lint ${s(run.build.lint)} beside them`);
  console.log(`    ${run.specs} specs, ${run.pages} pages fetched besides the index, ${run.retried} of them retried`);
  const tree = u.treeMaxRss === undefined ? 'no /usr/bin/time here' : `${mb(u.treeMaxRss)} by GNU time's %M`;
  console.log(`  peak RSS (target <= 1 GB): update process ${mb(run.maxRss)} by its own resourceUsage().maxRSS; largest process of its tree ${tree}`);
}

export async function benchUpdate(root: string): Promise<void> {
  const sites = new Map<number, CachedSite>();
  for (const n of SIZES) sites.set(n, await siteFor(root, n));
  const full = sites.get(63) as CachedSite;
  const main = await updateOnce(full, 'specs,types,lint', true);
  printUpdate(full, main);

  console.log('\nread+emit by size (the same site cut to fewer services; one process per size: a cold run, then the median of 3 warm ones)');
  console.log('  services  op-versions      cold      warm   warm µs per op-version');
  const rows: { n: number; ops: number; warm: number }[] = [];
  const roots = [main.root];
  try {
    for (const n of SIZES) {
      const small = n === 63 ? undefined : await updateOnce(sites.get(n) as CachedSite, 'specs', false);
      if (small) roots.push(small.root);
      if (small && !small.run.ok) console.log(`  (update of ${n} services failed: ${small.run.error ?? ''})`);
      const projectRoot = small?.root ?? main.root;
      const r = JSON.parse((await runChild(['read-emit', projectRoot, '4'])).json) as ReadEmitRun;
      const warm = median(r.ms.slice(1));
      rows.push({ n, ops: r.operationVersions, warm });
      console.log(`  ${String(n).padStart(8)}  ${String(r.operationVersions).padStart(11)}  ${s(r.ms[0]).padStart(8)}  ${s(warm).padStart(8)}   ${((warm * 1000) / r.operationVersions).toFixed(0).padStart(8)}`);
    }
  } finally {
    await Promise.all(roots.map((r) => rm(r, { recursive: true, force: true })));
  }
  const [small, , big] = rows as [(typeof rows)[0], (typeof rows)[0], (typeof rows)[0]];
  console.log(`  ${SIZES[2]} vs ${SIZES[0]} services: ${(big.ops / small.ops).toFixed(1)}× the operation-versions in ${(big.warm / small.warm).toFixed(1)}× the time (target: time ratio <= page ratio)`);
}
