/**
 * Hand-run entry for the docs site: `npx tsx scripts/docs/main.ts build [--specs dir] [--out dir]
 * [--force]` builds and prints the summary; `... serve [--site dir] [--port n]` serves it.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildDocsSite } from './build-site.ts';
import { serveDocs } from './serve.ts';

const root = path.resolve(import.meta.dirname, '../..');

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      specs: { type: 'string', default: path.join(root, 'specs') },
      out: { type: 'string', default: path.join(root, 'site') },
      site: { type: 'string' },
      cache: { type: 'string', default: path.join(root, '.cache', 'docs') },
      manifest: { type: 'string', default: path.join(root, 'sources', 'manifest.json') },
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      force: { type: 'boolean', default: false },
    },
  });
  const command = positionals[0] ?? 'build';
  if (command === 'build') {
    if (values.force) await rm(values.cache, { recursive: true, force: true });
    const r = await buildDocsSite({
      specsDir: values.specs,
      outDir: values.out,
      manifestPath: values.manifest,
      cacheDir: values.cache,
      log: (l) => console.log(l),
    });
    console.log(
      `\npages built: ${r.pagesBuilt}, skipped (unchanged): ${r.pagesSkipped}` +
        `\ntotal size: ${(r.totalBytes / 1024 / 1024).toFixed(2)} MB (${r.totalBytes} bytes)` +
        `\ntook: ${(r.ms / 1000).toFixed(2)} s`,
    );
  } else if (command === 'serve') {
    const server = await serveDocs({ siteDir: values.site ?? values.out, port: Number(values.port), host: values.host });
    console.log(`Serving ${values.site ?? values.out} at ${server.url} (Ctrl-C to stop)`);
  } else {
    console.error(`unknown command "${command}" (use build or serve)`);
    process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
