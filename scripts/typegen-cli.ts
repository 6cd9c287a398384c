/**
 * Run the type generator by hand: `npx tsx scripts/typegen-cli.ts [--specs specs] [--out generated]`.
 * Reads every `<specs>/<service>/<version>.yaml` and rewrites `<out>/` (changed files only, stale ones pruned).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parseSpecDoc, readSpecTexts } from './specs-dir.ts';
import { generateTypes, writeGeneratedFiles, type SpecInput } from './typegen.ts';

/** Load `<specsDir>/<service>/<version>.yaml` files; the service and version come from the path. */
export async function loadSpecs(specsDir: string): Promise<SpecInput[]> {
  return (await readSpecTexts(specsDir)).map((s) => ({ service: s.service, version: s.version, doc: parseSpecDoc(s.file, s.text) }));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { specs: { type: 'string', default: 'specs' }, out: { type: 'string', default: 'generated' } },
  });
  const specsDir = values.specs ?? 'specs';
  const outDir = values.out ?? 'generated';
  const specs = await loadSpecs(specsDir);
  if (specs.length === 0) throw new Error(`no specs under ${specsDir}/<service>/<version>.yaml`);
  const srcImport = path.relative(outDir, 'src').split(path.sep).join('/');
  const { files } = await generateTypes(specs, outDir, { srcImport });
  const result = await writeGeneratedFiles(files, outDir);
  console.log(
    `typegen: ${specs.length} specs → ${files.length} files (${result.written.length} written, ` +
      `${result.unchanged.length} unchanged, ${result.removed.length} removed)`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
