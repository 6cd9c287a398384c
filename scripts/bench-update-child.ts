/**
 * One measured run for `npm run bench -- update` (scripts/bench-update.ts), in a process of its own
 * so that its peak RSS is its own. Prints one line of JSON.
 *   update <root> <from> <stages>   `runUpdate --strict` of <root> from <from> (stages comma-separated)
 *   read-emit <root> <runs>         reading + merging + emitting every spec of <root>'s snapshot, <runs> times
 */
import type { Stage } from './build.ts';
import { emitAllSpecs, readSnapshot } from './stages/specs.ts';
import { runUpdate } from './update/update.ts';

export interface UpdateRun {
  readonly ok: boolean;
  readonly error?: string;
  readonly timings: Readonly<Record<string, number>>;
  readonly build: Readonly<Record<string, number>>;
  readonly specs: number;
  readonly pages: number;
  readonly retried: number;
  readonly failures: readonly string[];
  /** Peak resident set of this process, bytes. */
  readonly maxRss: number;
  /** CPU time of this process (user + system), ms: on a shared machine the wall time says less. */
  readonly cpuMs: number;
}

export interface ReadEmitRun {
  /** Milliseconds of each run, the first one cold. */
  readonly ms: readonly number[];
  readonly operationVersions: number;
  readonly specs: number;
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

async function update(root: string, from: string, stages: readonly Stage[]): Promise<UpdateRun> {
  const r = await runUpdate({ root, from, stages, strict: true, progress: false });
  return {
    ok: r.ok,
    ...(r.error !== undefined ? { error: r.error } : {}),
    timings: r.timings,
    build: r.build?.timings ?? {},
    specs: (r.build?.specsWritten.length ?? 0) + (r.build?.specsUnchanged.length ?? 0),
    pages: r.pages.length,
    retried: r.pages.filter((p) => p.attempts > 1).length,
    failures: (r.build?.failures ?? []).map((d) => `${d.severity} ${d.code} ${d.service ?? ''} ${d.operation ?? ''}`),
    maxRss: process.resourceUsage().maxRSS * 1024,
    cpuMs: cpuMs(),
  };
}

async function readEmit(root: string, runs: number): Promise<ReadEmitRun> {
  const ms: number[] = [];
  let operationVersions = 0;
  let specs = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const { model } = await readSnapshot(root);
    const emitted = emitAllSpecs(model);
    ms.push(performance.now() - t);
    operationVersions = model.services.reduce((n, s) => n + s.operations.length, 0);
    specs = emitted.length;
  }
  return { ms, operationVersions, specs };
}

const [mode, root, a, b] = process.argv.slice(2);
if (mode === 'update' && root && a && b) process.stdout.write(`${JSON.stringify(await update(root, a, b.split(',') as Stage[]))}\n`);
else if (mode === 'read-emit' && root && a) process.stdout.write(`${JSON.stringify(await readEmit(root, Number(a)))}\n`);
else throw new Error('usage: bench-update-child.ts update <root> <from> <stages> | read-emit <root> <runs>');
