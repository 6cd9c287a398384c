/**
 * The files (other than specs and manifest) that decide what the docs build writes: everything in
 * scripts/docs (code, template, assets) plus the project modules that code imports, found by
 * following relative import specifiers. Part of the site's cache key, so editing any of them rebuilds.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';

export interface CodeInput {
  /** Path relative to the directory given to readCodeInputs (may start with `../`). */
  readonly rel: string;
  readonly content: Buffer;
}

const CODE_FILE = /\.(?:ts|mts|mjs)$/;
/** `from './x.ts'`, `import './x.ts'`, `import('./x.ts')`, `new URL('./x.mjs', …)`. */
const RELATIVE_SPECIFIER = /(?:\bfrom|\bimport|\bURL)\s*\(?\s*['"](\.\.?\/[^'"]+)['"]/g;

/** Relative specifiers a module names (duplicates removed). */
export function relativeImports(source: string): string[] {
  return [...new Set([...source.matchAll(RELATIVE_SPECIFIER)].map((m) => m[1] as string))];
}

/** Every file under `dir` and, transitively, every existing file its code imports; sorted by path. */
export async function readCodeInputs(dir: string): Promise<CodeInput[]> {
  const root = path.resolve(dir);
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  const pending = entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  const contents = new Map<string, Buffer>();
  while (pending.length > 0) {
    const batch = pending.splice(0).filter((f) => !contents.has(f));
    const read = await Promise.all(batch.map(async (f) => [f, await readFile(f).catch(() => undefined)] as const));
    for (const [file, content] of read) {
      if (!content || contents.has(file)) continue;
      contents.set(file, content);
      if (CODE_FILE.test(file)) {
        for (const spec of relativeImports(content.toString('utf8'))) pending.push(path.resolve(path.dirname(file), spec));
      }
    }
  }
  return [...contents]
    .map(([file, content]) => ({ rel: path.relative(root, file), content }))
    .sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}
