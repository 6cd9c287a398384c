/**
 * What the last docs build of an output directory produced: a key over every input of the site (so
 * an unchanged site is recognised without parsing a spec), the content key of each Redoc view (so
 * unchanged views skip the build-docs process), and the size and mtime of every file written (so a file changed
 * or removed since is noticed, and files of removed specs can be cleaned up). One JSON file per
 * output directory inside the cache directory.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Enough of a file's stat to tell it was not touched since we wrote it. */
export interface FileStamp {
  readonly size: number;
  readonly mtimeMs: number;
}

export interface BuildState {
  readonly format: 2;
  readonly outDir: string;
  /** contentKey over every input of the site (specs, manifest, the docs code, assets, toolchain). */
  readonly siteKey: string;
  /** Key over what every Redoc view's rendering depends on (its code, template, CLI version). */
  readonly pipeline: string;
  /** Redoc view path (relative to outDir) → content key. */
  readonly pages: Readonly<Record<string, string>>;
  /** Redoc view path → key of the spec text it was rendered from. */
  readonly specs: Readonly<Record<string, string>>;
  /** Every file the build wrote (relative to outDir) → its stamp after the build. */
  readonly files: Readonly<Record<string, FileStamp>>;
  /** Operations in the search index (for the summary line of a build that changed nothing). */
  readonly indexed: number;
}

/** sha256 over the parts, each length-prefixed so ("ab","c") and ("a","bc") differ. */
export function contentKey(parts: readonly (string | Buffer)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(`${Buffer.byteLength(p)}:`).update(p);
  return h.digest('hex');
}

function stateFile(cacheDir: string, outDir: string): string {
  const id = createHash('sha256').update(path.resolve(outDir)).digest('hex').slice(0, 16);
  return path.join(cacheDir, `docs-site-${id}.json`);
}

export function emptyBuildState(outDir: string): BuildState {
  return { format: 2, outDir: path.resolve(outDir), siteKey: '', pipeline: '', pages: {}, specs: {}, files: {}, indexed: 0 };
}

function isRecord(v: unknown): v is Record<string, never> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export async function loadBuildState(cacheDir: string, outDir: string): Promise<BuildState> {
  const empty = emptyBuildState(outDir);
  try {
    const s = JSON.parse(await readFile(stateFile(cacheDir, outDir), 'utf8')) as Partial<BuildState>;
    if (s.format !== 2 || s.outDir !== empty.outDir || !isRecord(s.pages) || !isRecord(s.files) || !isRecord(s.specs)) return empty;
    return { ...empty, siteKey: s.siteKey ?? '', pipeline: s.pipeline ?? '', pages: s.pages, specs: s.specs, files: s.files, indexed: s.indexed ?? 0 };
  } catch {
    return empty; // no or unreadable state (or an older format): everything is rebuilt
  }
}

export async function saveBuildState(cacheDir: string, state: BuildState): Promise<void> {
  await mkdir(cacheDir, { recursive: true });
  await writeFile(stateFile(cacheDir, state.outDir), `${JSON.stringify(state, null, 1)}\n`);
}

/** The stamp of a file now, or undefined when it is gone. */
export async function stampOf(file: string): Promise<FileStamp | undefined> {
  const s = await stat(file).catch(() => undefined);
  return s?.isFile() ? { size: s.size, mtimeMs: s.mtimeMs } : undefined;
}

export function sameStamp(a: FileStamp | undefined, b: FileStamp | undefined): boolean {
  return a !== undefined && b !== undefined && a.size === b.size && a.mtimeMs === b.mtimeMs;
}
