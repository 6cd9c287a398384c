/** The types stage: specs/ → generated/ (openapi-typescript types per spec and the registry). */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sha256 } from '../hash.ts';
import { parseSpecDoc, specName } from '../specs-dir.ts';
import { generateTypes, writeGeneratedFiles } from '../typegen.ts';
import type { StageContext, StageOutcome } from './stage.ts';

export async function run(ctx: StageContext): Promise<StageOutcome> {
  const emitted = new Map((ctx.emitted ?? []).map((s) => [s.file, s.doc]));
  const specs = await Promise.all(
    ctx.specFiles.map(async (file) => ({
      ...specName(file),
      doc: emitted.get(file) ?? parseSpecDoc(file, await readFile(path.join(ctx.root, file), 'utf8')),
    })),
  );
  const outDir = path.join(ctx.root, 'generated');
  const gen = await generateTypes(specs, outDir);
  await writeGeneratedFiles(gen.files, outDir);
  return { ok: true, outputs: Object.fromEntries(gen.files.map((f) => [path.relative(ctx.root, path.resolve(outDir, f.path)), sha256(f.content)])) };
}
