/**
 * `npm run bench`: prints numbers, never pass/fail. Targets are shown beside each figure.
 *  - reading + merging + emitting every spec in-process (target < 300 ms)
 *  - the signed client vs openapi-fetch vs plain fetch on loopback, and signing µs/op
 *  - full and no-change regeneration wall time (targets 6 s and 0.5 s)
 *  - the docs portal in Chromium: cold docs build, first operation visible, bytes per page and version switch
 *  - update of the 63-service synthetic site with faults (target 30 s), read+emit growth, peak memory (bench-update.ts)
 */
import path from 'node:path';
import { emitAllSpecs, readSnapshot } from './stages/specs.ts';

const root = path.resolve(import.meta.dirname, '..');
const only = process.argv.slice(2);
const want = (name: string): boolean => only.length === 0 || only.includes(name);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

async function benchParseEmit(): Promise<void> {
  // The same steps as emitAllSpecs, timed apart: reading, the spec objects, their YAML text. A build
  // does them once per process, so the figure that counts is a cold run: each of those is a fresh
  // process running this function with COLD_CHILD set, which prints one run as JSON.
  const COLD_CHILD = 'SCP_BENCH_PARSE_COLD_CHILD';
  const COLD_RUNS = 5;
  const WARM_RUNS = 7;
  const { emitLatestOpenApi, emitOpenApi } = await import('./emit/emit-openapi.ts');
  const { serializeSpecYaml } = await import('./emit/serialize.ts');
  const { compareVersionsDesc } = await import('../src/version-order.ts');
  type Run = { read: number; emit: number; yaml: number; total: number };
  const once = async (): Promise<{ run: Run; texts: string[]; model: Awaited<ReturnType<typeof readSnapshot>>['model'] }> => {
    const t0 = performance.now();
    const model = (await readSnapshot(root)).model;
    const t1 = performance.now();
    const docs: Record<string, unknown>[] = [];
    for (const service of model.services) {
      const versions = [...new Set(service.operations.map((o) => o.version))].sort(compareVersionsDesc);
      for (const version of versions) docs.push(emitOpenApi(service, version).doc);
      if (versions.length > 0) docs.push(emitLatestOpenApi(service).doc);
    }
    const t2 = performance.now();
    const texts = docs.map((d) => serializeSpecYaml(d));
    const t3 = performance.now();
    return { run: { read: t1 - t0, emit: t2 - t1, yaml: t3 - t2, total: t3 - t0 }, texts, model };
  };
  if (process.env[COLD_CHILD] === '1') {
    process.stdout.write(`${JSON.stringify((await once()).run)}\n`);
    return;
  }

  const { execFileSync } = await import('node:child_process');
  const cold: Run[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const out = execFileSync(process.execPath, [...process.execArgv, import.meta.filename, 'parse'], {
      env: { ...process.env, [COLD_CHILD]: '1' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    cold.push(JSON.parse(out.trim().split('\n').pop() ?? '{}') as Run);
  }
  const first = await once();
  const warm: Run[] = [];
  let { texts } = first;
  for (let i = 0; i < WARM_RUNS; i++) {
    const r = await once();
    warm.push(r.run);
    texts = r.texts;
  }
  // Guard: the split steps must do exactly what the pipeline does.
  if (emitAllSpecs(first.model).map((s) => s.text).join('\u0000') !== texts.join('\u0000')) {
    console.log('  (warning: the timed steps no longer match emitAllSpecs)');
  }
  const cell = (x: number | string): string => (typeof x === 'number' ? `${x.toFixed(1)} ms` : x).padStart(10);
  const line = (label: string, cols: (number | string)[]): string => `  ${label.padEnd(13)}${cols.map(cell).join('')}`;
  const row = (label: string, k: keyof Run): string => {
    const c = cold.map((r) => r[k]);
    return line(label, [median(c), Math.min(...c), Math.max(...c), median(warm.map((r) => r[k]))]);
  };
  console.log(`parse + emit (all sources, ${texts.length} specs, in-process; target: total < 300 ms)`);
  console.log(`  cold: one run in each of ${COLD_RUNS} fresh processes; warm: median of ${WARM_RUNS} runs in one process`);
  console.log(line('', ['cold med', 'cold min', 'cold max', 'warm med']));
  console.log(row('read+merge', 'read'));
  console.log(row('emit objects', 'emit'));
  console.log(row('yaml', 'yaml'));
  console.log(row('total', 'total'));
}

if (want('parse')) await benchParseEmit();
if (want('client')) {
  const { benchClient } = await import('./bench-client.ts');
  console.log('');
  await benchClient();
}
if (want('regen')) {
  const { benchRegeneration } = await import('./bench-regen.ts');
  const r = await benchRegeneration(root);
  console.log('\nregeneration (temp copy of the project: specs, types, lint, docs)');
  console.log(`  full        ${(r.fullMs / 1000).toFixed(2)} s  (target <= 6 s)`);
  console.log(`  no change   ${(r.noChangeMs / 1000).toFixed(3)} s  (target <= 0.5 s)`);
}
if (want('portal')) {
  const { runPortalBench } = await import('./docs/bench-portal.ts');
  console.log('');
  await runPortalBench(root);
}
if (want('update')) {
  const { benchUpdate } = await import('./bench-update.ts');
  console.log('');
  await benchUpdate(root);
}
