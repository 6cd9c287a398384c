/**
 * Writing the site directory: each file only when its content changed (so unchanged files keep
 * their mtime and the server's ETags stay valid), with its precompressed `.gz`/`.br` copies made
 * when the file was written or a copy is missing; a record of every file written, so files an
 * earlier build wrote and this one did not (a removed spec) are deleted; and their stamps for the
 * next build's "untouched since" check.
 */
import { rm, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeIfChanged } from '../write-if-changed.ts';
import { type FileStamp, stampOf } from './build-cache.ts';
import { compress, shouldCompress } from './precompress.ts';

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

export class SiteWriter {
  private readonly written = new Set<string>();

  constructor(readonly outDir: string) {}

  /** Record a site file, write it if it changed, and keep its compressed copies current. True when the file changed. */
  async put(rel: string, content: string | Buffer): Promise<boolean> {
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    const file = path.join(this.outDir, rel);
    this.written.add(rel);
    const changed = await writeIfChanged(file, bytes);
    if (!shouldCompress(rel, bytes.length)) return changed;
    this.written.add(`${rel}.gz`).add(`${rel}.br`);
    if (changed || !(await exists(`${file}.gz`)) || !(await exists(`${file}.br`))) {
      const { gzip, brotli } = compress(bytes);
      await Promise.all([writeIfChanged(`${file}.gz`, gzip), writeIfChanged(`${file}.br`, brotli)]);
    }
    return changed;
  }

  /** Record files that stay as they are (e.g. a page not rendered again because nothing changed). */
  keep(rels: readonly string[]): void {
    for (const rel of rels) this.written.add(rel);
  }

  has(rel: string): boolean {
    return this.written.has(rel);
  }

  files(): string[] {
    return [...this.written].sort();
  }

  /** Delete the files in `earlier` this build did not write, and directories they leave empty. */
  async removeStale(earlier: readonly string[]): Promise<void> {
    for (const rel of earlier) {
      if (this.written.has(rel)) continue;
      await rm(path.join(this.outDir, rel), { force: true });
      await rmdir(path.dirname(path.join(this.outDir, rel))).catch(() => undefined); // only succeeds once empty
    }
  }

  /** The stamps of the given files now (missing files are left out). */
  async stamps(rels: readonly string[]): Promise<Record<string, FileStamp>> {
    const out: Record<string, FileStamp> = {};
    const all = await Promise.all(rels.map((rel) => stampOf(path.join(this.outDir, rel))));
    rels.forEach((rel, i) => {
      const s = all[i];
      if (s) out[rel] = s;
    });
    return out;
  }
}
