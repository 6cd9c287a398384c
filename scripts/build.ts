/**
 * The build: sources/ → specs/ (OpenAPI 3.1 YAML) → generated/ (types + registry) → lint → dist/ →
 * site/, as one table of stages. Each stage names the data it reads, the modules that make its code
 * (followed through their imports, with the locked versions of the packages they use) and how it runs.
 * A stage is skipped when the hash of all that equals the one recorded in .cache/build-state.json and
 * the files it wrote are still as it wrote them. Error diagnostics fail the build; so do warnings
 * under --strict, unless sources/manifest.json acknowledges them. A failing specs stage writes
 * nothing and stops the stages after it.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { failingDiagnostics } from './acknowledge.ts';
import { sha256 } from './hash.ts';
import { followImports, lockedVersions, type Lockfile } from './import-graph.ts';
import type { LintResult } from './lint.ts';
import type { Diagnostic } from './model.ts';
import { listSpecFiles } from './specs-dir.ts';
import { hashFiles } from './stages/files.ts';
import type { BuildReport, Stage, StageContext, StageOutcome, StageRecord } from './stages/stage.ts';
import type { SpecRow } from './summary.ts';
import { completeInterruptedCommit } from './update/stage.ts';

export type { Stage } from './stages/stage.ts';

const DEFAULT_STAGES: readonly Stage[] = ['specs', 'types', 'lint'];

export interface BuildOptions {
  /** Project root holding sources/, specs/, generated/, site/ and .cache/. */
  readonly root: string;
  /** Warnings fail the build too (errors always do). */
  readonly strict?: boolean;
  readonly stages?: readonly Stage[];
  /** Ignore the recorded hashes and run every requested stage. */
  readonly force?: boolean;
  readonly log?: (line: string) => void;
  /** Where the pipeline's scripts/ and package-lock.json are read for the stage hashes (default: this checkout). */
  readonly codeRoot?: string;
}

export interface BuildResult {
  /** False when a stage failed or a diagnostic failed the build (see `failures`). */
  readonly ok: boolean;
  readonly specsWritten: readonly string[];
  readonly specsUnchanged: readonly string[];
  readonly specsRemoved: readonly string[];
  readonly stagesRun: readonly Stage[];
  readonly stagesSkipped: readonly Stage[];
  /** Requested stages that did not run because a stage or a diagnostic before them failed the build. */
  readonly stagesBlocked: readonly Stage[];
  readonly stagesFailed: readonly Stage[];
  readonly diagnostics: readonly Diagnostic[];
  /** The diagnostics that failed the build: unacknowledged errors, and warnings under --strict. */
  readonly failures: readonly Diagnostic[];
  readonly rows: readonly SpecRow[];
  readonly lint?: LintResult;
  /** Milliseconds per step; `parseEmit` is reading + merging + emitting spec objects in-process (`yaml` is serialising them). */
  readonly timings: Readonly<Record<string, number>>;
}

interface StageDef {
  readonly name: Stage;
  /** Modules or directories under scripts/ whose code, followed through its imports, makes the stage. */
  readonly code: readonly string[];
  /** Packages the stage runs as programs rather than importing. */
  readonly tools?: readonly string[];
  /** Data files the stage reads (relative to the root); undefined when there is nothing to do under this root. */
  readonly inputs: (ctx: StageContext) => Promise<readonly string[] | undefined>;
  /** Done before the stage starts; for a background stage, before anything runs beside it. */
  readonly prepare?: (ctx: StageContext) => Promise<void>;
  readonly run: (ctx: StageContext) => Promise<StageOutcome>;
  /** A separate process: started in order, awaited after the other stages. */
  readonly background?: boolean;
}

/** sources/manifest.json and every file it lists. */
async function specsInputs(ctx: StageContext): Promise<string[]> {
  const text = await readFile(path.join(ctx.root, 'sources', 'manifest.json'), 'utf8').catch(() => '{}');
  let files: { file?: unknown }[] = [];
  try {
    files = (JSON.parse(text) as { files?: { file?: unknown }[] }).files ?? [];
  } catch {
    // The stage itself reports an unreadable manifest.
  }
  return ['sources/manifest.json', ...files.flatMap((f) => (typeof f.file === 'string' ? [`sources/${f.file}`] : []))];
}

/** The stages in the order they run; each loads its module only when it runs. */
const STAGES: readonly StageDef[] = [
  { name: 'specs', code: ['stages/specs.ts'], inputs: specsInputs, run: async (c) => (await import('./stages/specs.ts')).run(c) },
  {
    name: 'lint',
    code: ['stages/lint.ts'],
    tools: ['@redocly/cli'],
    inputs: async (c) => c.specFiles,
    prepare: async (c) => (await import('./stages/lint.ts')).prepare(c),
    run: async (c) => (await import('./stages/lint.ts')).run(c),
    background: true,
  },
  { name: 'types', code: ['stages/types.ts'], inputs: async (c) => c.specFiles, run: async (c) => (await import('./stages/types.ts')).run(c) },
  {
    name: 'lib',
    code: ['stages/lib.ts'],
    tools: ['typescript'],
    inputs: async (c) => (await import('./stages/lib.ts')).inputs(c.root),
    run: async (c) => (await import('./stages/lib.ts')).run(c),
  },
  {
    name: 'docs',
    code: ['stages/docs.ts', 'docs'],
    tools: ['@redocly/cli'],
    inputs: async (c) => [...c.specFiles, 'sources/manifest.json'],
    run: async (c) => (await import('./stages/docs.ts')).run(c),
  },
];

/** .cache/build-state.json: the one build cache. */
interface StageCache {
  readonly format: 3;
  readonly stages: Partial<Record<Stage, StageRecord>>;
  /** What the last successful specs stage reported, shown again when it is skipped. */
  readonly rows: readonly SpecRow[];
  readonly diagnostics: readonly Diagnostic[];
}

const EMPTY_CACHE: StageCache = { format: 3, stages: {}, rows: [], diagnostics: [] };

async function loadCache(file: string): Promise<StageCache> {
  const parsed = await readFile(file, 'utf8').then((t) => JSON.parse(t) as Partial<StageCache>, () => undefined);
  return parsed?.format === 3 && parsed.stages ? { ...EMPTY_CACHE, ...parsed } : EMPTY_CACHE;
}

/** The hash of a stage's code: its modules' text and the locked versions of the packages they and its tools use. */
class CodeHasher {
  private readonly texts = new Map<string, Promise<string | undefined>>();
  private lock: Promise<Lockfile> | undefined;

  constructor(private readonly codeRoot: string) {}

  private read = (file: string): Promise<string | undefined> => {
    let t = this.texts.get(file);
    if (!t) {
      t = readFile(file, 'utf8').catch(() => undefined);
      this.texts.set(file, t);
    }
    return t;
  };

  async hash(def: StageDef): Promise<string> {
    const scripts = path.join(this.codeRoot, 'scripts');
    const graph = await followImports(def.code.map((c) => path.join(scripts, c)), this.read);
    this.lock ??= readFile(path.join(this.codeRoot, 'package-lock.json'), 'utf8').then((t) => JSON.parse(t) as Lockfile, () => ({ packages: {} }));
    const versions = lockedVersions(await this.lock, [...graph.packages, ...(def.tools ?? [])]);
    const files = await Promise.all(graph.files.map(async (f) => `${path.relative(this.codeRoot, f)}:${sha256((await this.read(f)) ?? '')}`));
    return sha256([...files, ...versions].join('\n'));
  }
}

async function outputsIntact(root: string, outputs: Readonly<Record<string, string>>): Promise<boolean> {
  const now = await hashFiles(root, Object.keys(outputs));
  return now !== undefined && Object.entries(outputs).every(([k, v]) => now[k] === v);
}

/** The spec files of the last successful specs stage (for the stages after a skipped one). */
function recordedSpecs(cache: StageCache): string[] {
  return Object.keys(cache.stages.specs?.outputs ?? {}).sort();
}

interface Progress {
  readonly run: Stage[];
  readonly skipped: Stage[];
  readonly blocked: Stage[];
  readonly failed: Stage[];
}

/** Decide whether one stage runs, run it (or start it, in the background), and record the outcome. */
async function runStage(def: StageDef, ctx: StageContext, opts: { force: boolean; cache: StageCache; next: Partial<Record<Stage, StageRecord>>; code: CodeHasher; progress: Progress; background: Promise<void>[] }): Promise<boolean> {
  const inputs = await def.inputs(ctx);
  if (inputs === undefined) {
    ctx.log(`${def.name}: nothing to build under this root`);
    return true;
  }
  const data = await Promise.all([...inputs].sort().map(async (rel) => `${rel}:${(await hashFiles(ctx.root, [rel]))?.[rel] ?? 'missing'}`));
  const key = sha256([...data, await opts.code.hash(def)].join('\n'));
  const prev = opts.cache.stages[def.name];
  if (!opts.force && prev?.key === key && (await outputsIntact(ctx.root, prev.outputs))) {
    opts.progress.skipped.push(def.name);
    return true;
  }
  opts.progress.run.push(def.name);
  await def.prepare?.(ctx);
  const t = performance.now();
  const finish = (outcome: StageOutcome): boolean => {
    ctx.report.timings[def.name] ??= performance.now() - t;
    const state = outcome.state === undefined ? {} : { state: outcome.state };
    if (outcome.ok) opts.next[def.name] = { key, outputs: outcome.outputs, ...state };
    else {
      // A failed stage runs again next time; what state it kept (e.g. the pages it did render) is handed back to it.
      if (outcome.state === undefined) delete opts.next[def.name];
      else opts.next[def.name] = { key: '', outputs: outcome.outputs, ...state };
      opts.progress.failed.push(def.name);
    }
    return !outcome.halt;
  };
  if (def.background) {
    opts.background.push(def.run(ctx).then((o) => void finish(o)));
    return true;
  }
  return finish(await def.run(ctx));
}

export async function runBuild(opts: BuildOptions): Promise<BuildResult> {
  const root = path.resolve(opts.root);
  // An update killed mid-commit leaves a journal: finish that commit before reading a half-swapped tree.
  if (await completeInterruptedCommit(root)) opts.log?.('completed the commit of an interrupted update (its journal was written) before building');
  const requested = opts.stages ?? DEFAULT_STAGES;
  const cacheFile = path.join(root, '.cache', 'build-state.json');
  const cache = await loadCache(cacheFile);
  const report: BuildReport = { diagnostics: cache.diagnostics, rows: cache.rows, specsWritten: [], specsUnchanged: [], specsRemoved: [], timings: {} };
  const ctx: StageContext = { root, strict: opts.strict ?? false, log: opts.log ?? (() => {}), specFiles: recordedSpecs(cache), report, recorded: cache.stages };
  const next: Partial<Record<Stage, StageRecord>> = { ...cache.stages };
  const progress: Progress = { run: [], skipped: [], blocked: [], failed: [] };
  const background: Promise<void>[] = [];
  const code = new CodeHasher(path.resolve(opts.codeRoot ?? path.join(import.meta.dirname, '..')));
  const t0 = performance.now();

  if (ctx.specFiles.length === 0) ctx.specFiles = await listSpecFiles(root);
  let going = true;
  for (const def of STAGES.filter((d) => requested.includes(d.name))) {
    if (!going) progress.blocked.push(def.name);
    else going = await runStage(def, ctx, { force: opts.force ?? false, cache, next, code, progress, background });
    // Failing diagnostics (also those of a skipped specs stage, under --strict) stop the stages that would build on them.
    if (failingDiagnostics(report.diagnostics, ctx.strict).length > 0) going = false;
  }
  await Promise.all(background);
  if (progress.skipped.includes('specs') || !requested.includes('specs')) report.specsUnchanged.push(...ctx.specFiles);
  report.timings.total = performance.now() - t0;

  const specsOk = progress.run.includes('specs') && next.specs !== undefined;
  const saved: StageCache = { format: 3, stages: next, rows: specsOk ? report.rows : cache.rows, diagnostics: specsOk ? report.diagnostics : cache.diagnostics };
  await mkdir(path.dirname(cacheFile), { recursive: true });
  await writeFile(cacheFile, JSON.stringify(saved));

  const failures = failingDiagnostics(report.diagnostics, ctx.strict);
  return {
    ok: progress.failed.length === 0 && failures.length === 0,
    specsWritten: report.specsWritten,
    specsUnchanged: report.specsUnchanged,
    specsRemoved: report.specsRemoved,
    stagesRun: progress.run,
    stagesSkipped: progress.skipped,
    stagesBlocked: progress.blocked,
    stagesFailed: progress.failed,
    diagnostics: report.diagnostics,
    failures,
    rows: report.rows,
    ...(report.lint ? { lint: report.lint } : {}),
    timings: report.timings,
  };
}
