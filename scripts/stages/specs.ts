/**
 * The specs stage: sources/ → specs/. Every snapshot file is read with its reader and checked,
 * merged into one doc model and emitted as one spec per service and version plus `latest`. The
 * diagnostics of all three steps decide: when any fails the build (an error, or a warning under
 * --strict, unless sources/manifest.json acknowledges it) nothing is written, so a damaged snapshot
 * never replaces good specs.
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { compareVersionsDesc } from '../../src/version-order.ts';
import { applyAcknowledgements, failingDiagnostics } from '../acknowledge.ts';
import { emitLatestOpenApi, emitOpenApi, type EmitReport } from '../emit/emit-openapi.ts';
import { serializeSpecYaml } from '../emit/serialize.ts';
import { sha256 } from '../hash.ts';
import { loadManifest, type Manifest } from '../manifest.ts';
import { mergeSources } from '../merge.ts';
import type { Diagnostic, DocModel, SourceDoc } from '../model.ts';
import { readSource } from '../read-source.ts';
import { listSpecFiles, specFileOf } from '../specs-dir.ts';
import type { SpecRow } from '../summary.ts';
import { writeIfChanged } from '../write-if-changed.ts';
import type { EmittedSpec, StageContext, StageOutcome } from './stage.ts';

/** Read every snapshot file with its reader and merge: the doc model, the per-file results and the manifest. */
export async function readSnapshot(root: string): Promise<{ model: DocModel; sources: SourceDoc[]; manifest: Manifest }> {
  const sourcesDir = path.join(root, 'sources');
  const manifest = await loadManifest(sourcesDir);
  const sources = await Promise.all(
    manifest.files.map(async (entry): Promise<SourceDoc> => {
      const text = await readFile(path.join(sourcesDir, entry.file), 'utf8').catch(() => undefined);
      if (text !== undefined) return readSource(entry, text);
      const message = 'listed in sources/manifest.json but not found in sources/: the snapshot is incomplete';
      return { file: entry.file, layout: entry.layout, services: [], diagnostics: [{ severity: 'error', code: 'missing-file', message, source: { file: entry.file, line: 0 } }] };
    }),
  );
  return { model: mergeSources(sources, manifest), sources, manifest };
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
    out.push({ service, version, file: specFileOf(service, version), doc, text, report });
  };
  for (const service of model.services) {
    const versions = [...new Set(service.operations.map((o) => o.version))].sort(compareVersionsDesc);
    for (const version of versions) add(service.id, version, () => emitOpenApi(service, version));
    if (versions.length > 0) add(service.id, 'latest', () => emitLatestOpenApi(service));
  }
  return out;
}

/** The summary table's rows: per spec its counts and the warnings that concern it. */
function rowsFor(specs: readonly EmittedSpec[], model: DocModel): SpecRow[] {
  return specs.map((s) => {
    const svc = model.services.find((m) => m.id === s.service);
    const fromReaders = model.diagnostics.filter(
      (d) => d.severity !== 'info' && (d.service === s.service || (svc?.sourceFiles.includes(d.source.file) && d.operation?.endsWith(` ${s.version}`))),
    );
    const { diagnostics, ...counts } = s.report;
    return { ...counts, warnings: diagnostics.filter((d) => d.severity !== 'info').length + fromReaders.length };
  });
}

/** Write the emitted specs and remove those no longer emitted. */
async function writeSpecs(ctx: StageContext, emitted: readonly EmittedSpec[]): Promise<void> {
  const { root, report } = ctx;
  for (const s of emitted) {
    if (await writeIfChanged(path.join(root, s.file), s.text)) report.specsWritten.push(s.file);
    else report.specsUnchanged.push(s.file);
  }
  const produced = new Set(emitted.map((s) => s.file));
  for (const existing of await listSpecFiles(root)) {
    if (produced.has(existing)) continue;
    await rm(path.join(root, existing));
    report.specsRemoved.push(existing);
  }
}

export async function run(ctx: StageContext): Promise<StageOutcome> {
  const { report } = ctx;
  const t = performance.now();
  const { model, manifest } = await readSnapshot(ctx.root);
  report.timings.read = performance.now() - t;
  const timing = { emitMs: 0, yamlMs: 0 };
  const emitted = emitAllSpecs(model, timing);
  Object.assign(report.timings, { emit: timing.emitMs, yaml: timing.yamlMs, parseEmit: report.timings.read + timing.emitMs });
  const found: Diagnostic[] = [...model.diagnostics, ...emitted.flatMap((s) => s.report.diagnostics)];
  report.diagnostics = applyAcknowledgements(found, manifest.acknowledged ?? []);
  report.rows = rowsFor(emitted, model);
  if (failingDiagnostics(report.diagnostics, ctx.strict).length > 0) {
    // A damaged snapshot must not replace good specs: nothing is written, and nothing after this runs.
    report.specsUnchanged.push(...(await listSpecFiles(ctx.root)));
    return { ok: false, outputs: {}, halt: true };
  }
  await writeSpecs(ctx, emitted);
  ctx.emitted = emitted;
  ctx.specFiles = emitted.map((s) => s.file);
  return { ok: true, outputs: Object.fromEntries(emitted.map((s) => [s.file, sha256(s.text)])) };
}
