/**
 * `npm run bench`: prints numbers, never pass/fail. Targets are shown beside each figure.
 *  - reading + merging + emitting every spec in-process (target < 300 ms)
 *  - the signed client vs openapi-fetch vs plain fetch on loopback, and signing µs/op
 *  - full and no-change regeneration wall time (targets 6 s and 0.5 s)
 */
import path from 'node:path';
import { emitAllSpecs, readSnapshot } from './build.ts';

const root = path.resolve(import.meta.dirname, '..');
const only = process.argv.slice(2);
const want = (name: string): boolean => only.length === 0 || only.includes(name);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

async function benchParseEmit(): Promise<void> {
  // The same steps as emitAllSpecs, timed apart: reading, the spec objects, their YAML text.
  const { emitLatestOpenApi, emitOpenApi } = await import('./emit/emit-openapi.ts');
  const { serializeSpecYaml } = await import('./emit/serialize.ts');
  const { compareVersionsDesc } = await import('./merge.ts');
  const runs: { read: number; emit: number; yaml: number; total: number }[] = [];
  let texts: string[] = [];
  let model: Awaited<ReturnType<typeof readSnapshot>>['model'] | undefined;
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    model = (await readSnapshot(root)).model;
    const t1 = performance.now();
    const docs: Record<string, unknown>[] = [];
    for (const service of model.services) {
      const versions = [...new Set(service.operations.map((o) => o.version))].sort(compareVersionsDesc);
      for (const version of versions) docs.push(emitOpenApi(service, version).doc);
      if (versions.length > 0) docs.push(emitLatestOpenApi(service).doc);
    }
    const t2 = performance.now();
    texts = docs.map((d) => serializeSpecYaml(d));
    const t3 = performance.now();
    runs.push({ read: t1 - t0, emit: t2 - t1, yaml: t3 - t2, total: t3 - t0 });
  }
  // Guard: the split loop must do exactly what the pipeline does.
  if (model && emitAllSpecs(model).map((s) => s.text).join('\u0000') !== texts.join('\u0000')) {
    console.log('  (warning: the timed steps no longer match emitAllSpecs)');
  }
  const first = runs[0] as (typeof runs)[number];
  const col = (k: keyof (typeof runs)[number]): string =>
    `${median(runs.map((r) => r[k])).toFixed(1).padStart(7)} ms   first run ${first[k].toFixed(1).padStart(7)} ms`;
  console.log(`parse + emit (all sources, ${texts.length} specs, in-process; median of 7, and the first, cold run)`);
  console.log(`  read+merge    ${col('read')}`);
  console.log(`  emit objects  ${col('emit')}`);
  console.log(`  yaml          ${col('yaml')}`);
  console.log(`  total         ${col('total')}  (max ${Math.max(...runs.map((r) => r.total)).toFixed(1)} ms; target < 300 ms)`);
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
