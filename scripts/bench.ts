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
  const read: number[] = [];
  const emit: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    const { model } = await readSnapshot(root);
    const t1 = performance.now();
    emitAllSpecs(model);
    const t2 = performance.now();
    read.push(t1 - t0);
    emit.push(t2 - t1);
  }
  const total = read.map((r, i) => r + (emit[i] ?? 0));
  console.log('parse + emit (all sources, all specs, in-process; median of 7, first run included in the max)');
  console.log(`  read+merge   ${median(read).toFixed(1)} ms`);
  console.log(`  emit+yaml    ${median(emit).toFixed(1)} ms`);
  console.log(`  total        ${median(total).toFixed(1)} ms  (max ${Math.max(...total).toFixed(1)} ms; target < 300 ms)`);
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
