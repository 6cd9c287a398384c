/**
 * Regeneration benchmark: on a temp copy of the project's sources/, the wall time of a full
 * regeneration (every stage forced: specs, types, lint, docs) and of a no-change regeneration (the
 * same build again, which should skip every stage). Wired into `npm run bench` by scripts/bench.ts.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runBuild, type Stage } from './build.ts';

const ALL_STAGES: readonly Stage[] = ['specs', 'types', 'lint', 'docs'];

export interface RegenerationTimes {
  readonly fullMs: number;
  readonly noChangeMs: number;
}

export async function benchRegeneration(root: string, log: (line: string) => void = () => {}): Promise<RegenerationTimes> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'scp-bench-regen-'));
  try {
    await cp(path.join(root, 'sources'), path.join(tmp, 'sources'), { recursive: true });
    let t = performance.now();
    const full = await runBuild({ root: tmp, stages: ALL_STAGES, force: true });
    const fullMs = performance.now() - t;
    t = performance.now();
    const again = await runBuild({ root: tmp, stages: ALL_STAGES });
    const noChangeMs = performance.now() - t;
    // Timings of a failed build are still timings, but say so.
    if (!full.ok || !again.ok) log(`bench-regen: build reported problems (full ok=${full.ok}, no-change ok=${again.ok})`);
    if (again.stagesRun.length > 0) log(`bench-regen: the no-change build still ran ${again.stagesRun.join(', ')}`);
    return { fullMs, noChangeMs };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.resolve(import.meta.dirname, '..');
  const r = await benchRegeneration(root, (l) => console.error(l));
  console.log(`full regeneration: ${r.fullMs.toFixed(0)} ms; no-change regeneration: ${r.noChangeMs.toFixed(0)} ms`);
}
