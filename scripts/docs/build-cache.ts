/**
 * What the last docs build of an output directory produced: the content key of each rendered page
 * (so unchanged pages skip build-docs) and every file written (so files of removed specs can be
 * cleaned up). One JSON file per output directory inside the cache directory.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface BuildState {
  readonly format: 1;
  readonly outDir: string;
  /** Page path (relative to outDir) → content key. */
  readonly pages: Readonly<Record<string, string>>;
  /** Every file the build wrote, relative to outDir. */
  readonly files: readonly string[];
}

/** sha256 over the parts, each length-prefixed so ("ab","c") and ("a","bc") differ. */
export function contentKey(parts: readonly string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(`${Buffer.byteLength(p)}:`).update(p);
  return h.digest('hex');
}

function stateFile(cacheDir: string, outDir: string): string {
  const id = createHash('sha256').update(path.resolve(outDir)).digest('hex').slice(0, 16);
  return path.join(cacheDir, `docs-site-${id}.json`);
}

export async function loadBuildState(cacheDir: string, outDir: string): Promise<BuildState> {
  const empty: BuildState = { format: 1, outDir: path.resolve(outDir), pages: {}, files: [] };
  try {
    const s = JSON.parse(await readFile(stateFile(cacheDir, outDir), 'utf8')) as Partial<BuildState>;
    if (s.format !== 1 || s.outDir !== empty.outDir || typeof s.pages !== 'object' || !Array.isArray(s.files)) return empty;
    return { format: 1, outDir: empty.outDir, pages: s.pages ?? {}, files: s.files };
  } catch {
    return empty; // no or unreadable state: everything is rebuilt
  }
}

export async function saveBuildState(cacheDir: string, state: BuildState): Promise<void> {
  await mkdir(cacheDir, { recursive: true });
  await writeFile(stateFile(cacheDir, state.outDir), `${JSON.stringify(state, null, 1)}\n`);
}
