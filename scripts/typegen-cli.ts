/**
 * Run the type generator by hand: `npx tsx scripts/typegen-cli.ts [--specs specs] [--out generated]`.
 * Reads every `<specs>/<service>/<version>.yaml` and rewrites `<out>/` (changed files only, stale ones pruned).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { generateTypes, writeGeneratedFiles, type SpecInput } from './typegen.ts';

/** Load `<specsDir>/<service>/<version>.yaml` files; the service and version come from the path. */
export async function loadSpecs(specsDir: string): Promise<SpecInput[]> {
  const specs: SpecInput[] = [];
  const services = (await readdir(specsDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  for (const service of services.sort()) {
    const files = (await readdir(path.join(specsDir, service))).filter((f) => f.endsWith('.yaml')).sort();
    for (const file of files) {
      const full = path.join(specsDir, service, file);
      const doc: unknown = parse(await readFile(full, 'utf8'));
      if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new Error(`${full}: not an OpenAPI document`);
      specs.push({ service, version: file.slice(0, -'.yaml'.length), doc: doc as Record<string, unknown> });
    }
  }
  return specs;
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
