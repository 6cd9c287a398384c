/** File helpers of the build stages: content hashes and tree listings. */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { sha256 } from '../hash.ts';

/** sha256 of each file (relative to root); undefined when one is missing. */
export async function hashFiles(root: string, rels: readonly string[]): Promise<Record<string, string> | undefined> {
  const out: Record<string, string> = {};
  for (const rel of rels) {
    const content = await readFile(path.join(root, rel)).catch(() => undefined);
    if (content === undefined) return undefined;
    out[rel] = sha256(content);
  }
  return out;
}

/** Every file under `dir` (relative to root), sorted; [] when the directory is missing. */
export async function listFiles(root: string, dir: string): Promise<string[]> {
  const entries = await readdir(path.join(root, dir), { withFileTypes: true, recursive: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();
}
