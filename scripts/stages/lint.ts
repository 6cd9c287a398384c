/**
 * The lint stage: redocly lint over every spec in one process. It runs beside the in-process stages;
 * `prepare` writes redocly.yaml first because the docs renderer reads it too.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sha256 } from '../hash.ts';
import { lintSpecs, writeRedoclyConfig, type LintSpec } from '../lint.ts';
import { specName } from '../specs-dir.ts';
import type { StageContext, StageOutcome } from './stage.ts';

function lintList(ctx: StageContext): LintSpec[] {
  return ctx.specFiles.map((file) => {
    const { service, version } = specName(file);
    return { name: `${service}@${version}`, file };
  });
}

export async function prepare(ctx: StageContext): Promise<void> {
  await writeRedoclyConfig(ctx.root, lintList(ctx));
}

export async function run(ctx: StageContext): Promise<StageOutcome> {
  const result = await lintSpecs(ctx.root, lintList(ctx));
  ctx.report.lint = result;
  ctx.report.timings.lint = result.ms;
  const config = await readFile(path.join(ctx.root, 'redocly.yaml'));
  return { ok: result.ok, outputs: { 'redocly.yaml': sha256(config) } };
}
