/**
 * What a piece of the pipeline's code consists of: the files reached by following relative imports
 * from its entry modules, and the exact versions (package-lock.json) of the packages those files
 * import, with everything those packages depend on. A build stage hashes this, so editing any of its
 * modules or bumping a package it uses re-runs it, and nothing else does.
 */
import { builtinModules } from 'node:module';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * `from 'x'`, `import 'x'`, `import('x')`, `export … from 'x'`, `new URL('x', import.meta.url)`.
 * A commented-out import is followed too: an over-approximation that only costs a re-run.
 */
const SPECIFIER = /(?:\bfrom|\bimport|\bURL)\s*\(?\s*['"]([^'"\n]+)['"]/g;
const CODE_FILE = /\.(?:ts|mts|cts|js|mjs|cjs)$/;
const BUILTINS: ReadonlySet<string> = new Set(builtinModules);
const PACKAGE_NAME = /^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/;

/** `import type … from 'x'` / `export type … from 'x'`: erased when compiled, so not part of what runs. */
const TYPE_ONLY = /\b(?:import|export)\s+type\s+(?:\{[^}]*\}|\*\s+as\s+\w+|\w+)\s+from\s*['"][^'"\n]+['"]/g;

/** Specifiers a module names at run time (type-only imports left out), duplicates removed, in order. */
export function importSpecifiers(source: string): string[] {
  const code = source.replace(TYPE_ONLY, '');
  return [...new Set([...code.matchAll(SPECIFIER)].map((m) => m[1] as string))];
}

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`; undefined for relative, absolute, `node:` and built-in specifiers. */
export function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:') || specifier.includes(':')) return undefined;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
  // Text that only looks like a specifier (a template literal in a string) is no package name.
  return BUILTINS.has(name) || !PACKAGE_NAME.test(name) ? undefined : name;
}

export interface CodeGraph {
  /** Absolute paths of every file reached, sorted. */
  readonly files: readonly string[];
  /** Packages imported by those files (bare specifiers), sorted. */
  readonly packages: readonly string[];
}

function readOrUndefined(file: string): Promise<string | undefined> {
  return readFile(file, 'utf8').catch(() => undefined);
}

async function expand(entry: string): Promise<string[]> {
  const s = await stat(entry).catch(() => undefined);
  if (!s?.isDirectory()) return [entry];
  const found = await readdir(entry, { withFileTypes: true, recursive: true });
  return found.filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name));
}

/**
 * Follow relative imports from the entries (files, or directories taken whole). Missing files are
 * skipped: a specifier may name a file that exists only after a build step. `readText` lets several
 * walks share one read of each file.
 */
export async function followImports(entries: readonly string[], readText: (file: string) => Promise<string | undefined> = readOrUndefined): Promise<CodeGraph> {
  const pending = (await Promise.all(entries.map((e) => expand(path.resolve(e))))).flat();
  const seen = new Set<string>();
  const files: string[] = [];
  const packages = new Set<string>();
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = await readText(file);
    if (text === undefined) continue;
    files.push(file);
    if (!CODE_FILE.test(file)) continue;
    for (const spec of importSpecifiers(text)) {
      const pkg = packageOf(spec);
      if (pkg !== undefined) packages.add(pkg);
      else if (spec.startsWith('.')) pending.push(path.resolve(path.dirname(file), spec));
    }
  }
  return { files: files.sort(), packages: [...packages].sort() };
}

interface LockPackage {
  readonly version?: string;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
}

export interface Lockfile {
  readonly packages: Readonly<Record<string, LockPackage>>;
}

/** Where npm placed `name` for the package installed at `from` (`node_modules/a`, or '' for the project). */
function resolveInLock(lock: Lockfile, from: string, name: string): string | undefined {
  for (let dir = from; ; ) {
    const key = dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
    if (lock.packages[key]) return key;
    if (dir === '') return undefined;
    const up = dir.lastIndexOf('/node_modules/');
    dir = up === -1 ? '' : dir.slice(0, up);
  }
}

/**
 * `name@version` of each package and, transitively, of everything it depends on, as locked; sorted.
 * A package missing from the lockfile is listed as `name@?` (its absence is part of the state too).
 */
export function lockedVersions(lock: Lockfile, packages: readonly string[]): string[] {
  const out = new Set<string>();
  const visit = (from: string, name: string): void => {
    const key = resolveInLock(lock, from, name);
    if (key === undefined) {
      out.add(`${name}@?`);
      return;
    }
    const id = `${name}@${lock.packages[key]?.version ?? '?'}`;
    if (out.has(id)) return;
    out.add(id);
    const p = lock.packages[key] ?? {};
    for (const dep of Object.keys({ ...p.dependencies, ...p.optionalDependencies, ...p.peerDependencies })) visit(key, dep);
  };
  for (const name of packages) visit('', name);
  return [...out].sort();
}
