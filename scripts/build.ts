/**
 * The build: sources/ → specs/ (OpenAPI 3.1 YAML) → generated/ (types + registry) → lint → site/.
 * Each stage is skipped when the content hash of its inputs (and of the code that runs it) is the
 * one recorded in .cache/build-state.json and its outputs are still on disk unchanged.
 * I/O lives here; every stage's logic is a pure module.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { emitLatestOpenApi, emitOpenApi, type EmitReport } from './emit/emit-openapi.ts';
import { serializeSpecYaml } from './emit/serialize.ts';
import { lintSpecs, writeRedoclyConfig, type LintResult } from './lint.ts';
import { loadManifest } from './manifest.ts';
import { compareVersionsDesc, mergeSources } from './merge.ts';
import type { Diagnostic, DocModel, SourceDoc } from './model.ts';
import { readSource, sha256 } from './read-source.ts';
import type { SpecRow } from './summary.ts';

export type Stage = 'specs' | 'types' | 'lint' | 'lib' | 'docs';
export const DEFAULT_STAGES: readonly Stage[] = ['specs', 'types', 'lint'];

export interface BuildOptions {
  /** Project root holding sources/, specs/, generated/, site/ and .cache/. */
  readonly root: string;
  readonly strict?: boolean;
  readonly stages?: readonly Stage[];
  /** Ignore the recorded hashes and run every requested stage. */
  readonly force?: boolean;
  readonly log?: (line: string) => void;
}

export interface BuildResult {
  /** False when a stage failed, lint found errors, or (strict) any warning was reported. */
  readonly ok: boolean;
  readonly specsWritten: readonly string[];
  readonly specsUnchanged: readonly string[];
  readonly specsRemoved: readonly string[];
  readonly stagesRun: readonly Stage[];
  readonly stagesSkipped: readonly Stage[];
  readonly diagnostics: readonly Diagnostic[];
  readonly rows: readonly SpecRow[];
  readonly lint?: LintResult;
  /** Milliseconds per step; `parseEmit` is reading + merging + emitting spec objects in-process (`yaml` is serialising them). */
  readonly timings: Readonly<Record<string, number>>;
}

/** A spec as emitted: where it goes and its text. */
export interface EmittedSpec {
  readonly service: string;
  readonly version: string;
  /** Relative to root, e.g. `specs/data-flow/1.1.yaml`. */
  readonly file: string;
  readonly doc: Record<string, unknown>;
  readonly text: string;
  readonly report: EmitReport;
}

interface StageState {
  readonly input: string;
  readonly outputs: Readonly<Record<string, string>>;
}
interface BuildState {
  readonly stages: Partial<Record<Stage, StageState>>;
  readonly rows?: readonly SpecRow[];
  readonly diagnostics?: readonly Diagnostic[];
}

const CODE_DIR = import.meta.dirname;

/** Run a build tool; its output is returned, never thrown. */
function runTool(exe: string, args: readonly string[], cwd: string): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    execFile(exe, args, { cwd, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ ok: error === null, output: `${stdout}${stderr}` });
    });
  });
}

/** Hash of the pipeline's own code, so that a changed generator re-runs its stage. */
async function codeHash(relFiles: readonly string[]): Promise<string> {
  const parts: string[] = [];
  for (const rel of relFiles) {
    const full = path.join(CODE_DIR, rel);
    const st = await readdir(full, { withFileTypes: true, recursive: true }).catch(() => undefined);
    if (st) {
      const files = st.filter((d) => d.isFile() && d.name.endsWith('.ts')).map((d) => path.join(d.parentPath, d.name)).sort();
      for (const f of files) parts.push(f.slice(CODE_DIR.length), await readFile(f, 'utf8'));
    } else {
      parts.push(rel, await readFile(full, 'utf8').catch(() => ''));
    }
  }
  return sha256(parts.join('\u0000'));
}

async function hashFiles(root: string, rels: readonly string[]): Promise<Record<string, string> | undefined> {
  const out: Record<string, string> = {};
  for (const rel of rels) {
    const text = await readFile(path.join(root, rel)).catch(() => undefined);
    if (text === undefined) return undefined;
    out[rel] = sha256(text);
  }
  return out;
}

async function outputsIntact(root: string, state: StageState | undefined): Promise<boolean> {
  if (!state) return false;
  const now = await hashFiles(root, Object.keys(state.outputs));
  return now !== undefined && Object.entries(state.outputs).every(([k, v]) => now[k] === v);
}

async function writeIfChanged(file: string, text: string): Promise<boolean> {
  const prev = await readFile(file, 'utf8').catch(() => undefined);
  if (prev === text) return false;
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
  return true;
}

/** Read every snapshot file with its reader and merge: the doc model plus per-file results. */
export async function readSnapshot(root: string): Promise<{ model: DocModel; sources: SourceDoc[] }> {
  const sourcesDir = path.join(root, 'sources');
  const manifest = await loadManifest(sourcesDir);
  const sources: SourceDoc[] = [];
  for (const entry of manifest.files) {
    const text = await readFile(path.join(sourcesDir, entry.file), 'utf8').catch(() => undefined);
    if (text === undefined) {
      sources.push({
        file: entry.file,
        layout: entry.layout,
        services: [],
        diagnostics: [{ severity: 'error', code: 'missing-file', message: `listed in sources/manifest.json but not found in sources/`, source: { file: entry.file, line: 0 } }],
      });
      continue;
    }
    sources.push(readSource(entry, text));
  }
  return { model: mergeSources(sources, manifest), sources };
}

/** Doc model → every per-version spec plus `latest` per service, serialised once each. Pure. */
export function emitAllSpecs(model: DocModel, timing?: { emitMs: number; yamlMs: number }): EmittedSpec[] {
  const out: EmittedSpec[] = [];
  const add = (service: string, version: string, emit: () => { doc: Record<string, unknown>; report: EmitReport }): void => {
    const t0 = performance.now();
    const { doc, report } = emit();
    const t1 = performance.now();
    const text = serializeSpecYaml(doc);
    if (timing) {
      timing.emitMs += t1 - t0;
      timing.yamlMs += performance.now() - t1;
    }
    out.push({ service, version, file: `specs/${service}/${version}.yaml`, doc, text, report });
  };
  for (const service of model.services) {
    const versions = [...new Set(service.operations.map((o) => o.version))].sort(compareVersionsDesc);
    for (const version of versions) add(service.id, version, () => emitOpenApi(service, version));
    if (versions.length > 0) add(service.id, 'latest', () => emitLatestOpenApi(service));
  }
  return out;
}

function rowsFor(specs: readonly EmittedSpec[], model: DocModel): SpecRow[] {
  return specs.map((s) => {
    const svc = model.services.find((m) => m.id === s.service);
    const fromReaders = model.diagnostics.filter(
      (d) =>
        d.severity !== 'info' &&
        (d.service === s.service || (svc?.sourceFiles.includes(d.source.file) && d.operation?.endsWith(` ${s.version}`))),
    );
    return {
      service: s.service,
      version: s.version,
      operations: s.report.operations,
      parameters: s.report.parameters,
      models: s.report.models,
      properties: s.report.properties,
      inferredSchemas: s.report.inferredSchemas,
      invalidExamples: s.report.invalidExamples,
      invalidDefaults: s.report.invalidDefaults,
      examples: s.report.examples,
      warnings: s.report.diagnostics.filter((d) => d.severity !== 'info').length + fromReaders.length,
    };
  });
}

async function listSpecFiles(root: string): Promise<string[]> {
  const dir = path.join(root, 'specs');
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.yaml'))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();
}

export async function runBuild(opts: BuildOptions): Promise<BuildResult> {
  const root = path.resolve(opts.root);
  const log = opts.log ?? (() => {});
  const stages = opts.stages ?? DEFAULT_STAGES;
  const statePath = path.join(root, '.cache', 'build-state.json');
  const prevState: BuildState = JSON.parse(await readFile(statePath, 'utf8').catch(() => '{"stages":{}}')) as BuildState;
  const nextStages: Partial<Record<Stage, StageState>> = { ...prevState.stages };
  const timings: Record<string, number> = {};
  const stagesRun: Stage[] = [];
  const stagesSkipped: Stage[] = [];
  let diagnostics: readonly Diagnostic[] = prevState.diagnostics ?? [];
  let rows: readonly SpecRow[] = prevState.rows ?? [];
  const specsWritten: string[] = [];
  const specsUnchanged: string[] = [];
  const specsRemoved: string[] = [];
  let lint: LintResult | undefined;
  let failed = false;
  const t0 = performance.now();

  // --- specs ---------------------------------------------------------------------------
  const sourcesDir = path.join(root, 'sources');
  const manifestText = await readFile(path.join(sourcesDir, 'manifest.json'), 'utf8');
  const manifest = await loadManifest(sourcesDir);
  const sourceHashes = await Promise.all(
    manifest.files.map(async (f) => `${f.file}:${sha256(await readFile(path.join(sourcesDir, f.file)).catch(() => Buffer.from('')))}`),
  );
  const specsInput = sha256([manifestText, ...sourceHashes, await codeHash(['model.ts', 'readers', 'emit', 'merge.ts', 'read-source.ts', 'schema-expression.ts', 'manifest.ts', 'versions.ts', 'hash.ts', 'build.ts'])].join('\n'));
  let specs: { file: string; text: string; doc?: Record<string, unknown>; service: string; version: string }[];

  if (stages.includes('specs') && (opts.force || prevState.stages.specs?.input !== specsInput || !(await outputsIntact(root, prevState.stages.specs)))) {
    const t = performance.now();
    const { model } = await readSnapshot(root);
    const timing = { emitMs: 0, yamlMs: 0 };
    timings.read = performance.now() - t;
    const emitted = emitAllSpecs(model, timing);
    timings.emit = timing.emitMs;
    timings.yaml = timing.yamlMs;
    timings.parseEmit = timings.read + timing.emitMs;
    for (const s of emitted) {
      if (await writeIfChanged(path.join(root, s.file), s.text)) specsWritten.push(s.file);
      else specsUnchanged.push(s.file);
    }
    const produced = new Set(emitted.map((s) => s.file));
    for (const existing of await listSpecFiles(root)) {
      if (!produced.has(existing)) {
        await rm(path.join(root, existing));
        specsRemoved.push(existing);
      }
    }
    diagnostics = [...model.diagnostics, ...emitted.flatMap((s) => s.report.diagnostics)];
    rows = rowsFor(emitted, model);
    specs = emitted;
    nextStages.specs = { input: specsInput, outputs: Object.fromEntries(emitted.map((s) => [s.file, sha256(s.text)])) };
    stagesRun.push('specs');
    timings.specs = performance.now() - t;
  } else {
    const files = Object.keys(prevState.stages.specs?.outputs ?? {});
    const listed = files.length > 0 ? files : await listSpecFiles(root);
    specs = await Promise.all(
      listed.map(async (file) => {
        const [, service = '', version = ''] = /^specs\/([^/]+)\/(.+)\.yaml$/.exec(file) ?? [];
        return { file, text: await readFile(path.join(root, file), 'utf8'), service, version };
      }),
    );
    specsUnchanged.push(...listed);
    if (stages.includes('specs')) stagesSkipped.push('specs');
  }
  const specsHash = sha256(specs.map((s) => `${s.file}\n${s.text}`).join('\u0000'));
  const docOf = (s: (typeof specs)[number]): Record<string, unknown> => s.doc ?? (parseYaml(s.text) as Record<string, unknown>);

  // --- lint (a separate process: started now, it runs beside the in-process stages) -----
  let lintTask: Promise<{ result: LintResult; input: string }> | undefined;
  if (stages.includes('lint')) {
    const input = sha256(specsHash + (await codeHash(['lint.ts'])));
    if (opts.force || prevState.stages.lint?.input !== input) {
      const specList = specs.map((s) => ({ name: `${s.service}@${s.version}`, file: s.file }));
      // The docs stage reads redocly.yaml too: write it before anything runs beside lint.
      await writeRedoclyConfig(root, specList);
      lintTask = lintSpecs(root, specList).then((result) => ({ result, input }));
      stagesRun.push('lint');
    } else stagesSkipped.push('lint');
  }

  // --- types ---------------------------------------------------------------------------
  if (stages.includes('types')) {
    const input = sha256(specsHash + (await codeHash(['typegen.ts', 'versions.ts', '../src/registry-types.ts'])));
    if (opts.force || prevState.stages.types?.input !== input || !(await outputsIntact(root, prevState.stages.types))) {
      const t = performance.now();
      const { generateTypes, writeGeneratedFiles } = await import('./typegen.ts');
      const outDir = path.join(root, 'generated');
      const gen = await generateTypes(
        specs.map((s) => ({ service: s.service, version: s.version, doc: docOf(s) })),
        outDir,
      );
      await writeGeneratedFiles(gen.files, outDir);
      nextStages.types = {
        input,
        outputs: Object.fromEntries(gen.files.map((f) => [path.relative(root, path.resolve(outDir, f.path)), sha256(f.content)])),
      };
      stagesRun.push('types');
      timings.types = performance.now() - t;
    } else stagesSkipped.push('types');
  }

  // --- lib: src/ + generated/ compiled to dist/ for Node without a TypeScript loader ------
  if (stages.includes('lib')) {
    const t = performance.now();
    const srcFiles = (await readdir(path.join(root, 'src'), { recursive: true, withFileTypes: true }).catch(() => []))
      .filter((d) => d.isFile())
      .map((d) => path.relative(root, path.join(d.parentPath, d.name)))
      .sort();
    const inputs = await hashFiles(root, ['tsconfig.json', 'tsconfig.lib.json', ...srcFiles, ...Object.keys(nextStages.types?.outputs ?? {})]);
    const input = inputs ? sha256(JSON.stringify(inputs)) : undefined;
    if (input === undefined) {
      log('lib: skipped (no tsconfig.lib.json or src/ under this root)');
    } else if (opts.force || prevState.stages.lib?.input !== input || !(await readFile(path.join(root, 'dist', 'src', 'index.js')).then(() => true, () => false))) {
      const tsc = path.join(CODE_DIR, '..', 'node_modules', '.bin', 'tsc');
      const r = await runTool(tsc, ['-p', path.join(root, 'tsconfig.lib.json')], root);
      if (r.ok) nextStages.lib = { input, outputs: {} };
      else {
        failed = true;
        log(`lib: tsc failed\n${r.output}`);
      }
      stagesRun.push('lib');
      timings.lib = performance.now() - t;
    } else stagesSkipped.push('lib');
  }

  // --- docs ----------------------------------------------------------------------------
  if (stages.includes('docs')) {
    const t = performance.now();
    const { buildDocsSite } = await import('./docs/build-site.ts');
    const report = await buildDocsSite({
      specsDir: path.join(root, 'specs'),
      outDir: path.join(root, 'site'),
      manifestPath: path.join(sourcesDir, 'manifest.json'),
      cacheDir: path.join(root, '.cache', 'docs'),
      log,
    });
    if (report.pagesBuilt > 0) stagesRun.push('docs');
    else stagesSkipped.push('docs');
    timings.docs = performance.now() - t;
  }

  if (lintTask) {
    const { result, input } = await lintTask;
    lint = result;
    timings.lint = result.ms;
    if (result.ok) nextStages.lint = { input, outputs: {} };
    else failed = true;
  }

  timings.total = performance.now() - t0;
  await mkdir(path.dirname(statePath), { recursive: true });
  await writeFile(statePath, JSON.stringify({ stages: nextStages, rows, diagnostics } satisfies BuildState));

  const warnings = diagnostics.filter((d) => d.severity !== 'info');
  // Diagnostics fail the build only in strict mode; a lint error always does.
  const ok = !failed && !(opts.strict && warnings.length > 0);
  return { ok, specsWritten, specsUnchanged, specsRemoved, stagesRun, stagesSkipped, diagnostics, rows, lint, timings };
}
