/**
 * Writing the site directory: each file only when its content changed (so unchanged files keep
 * their mtime and the server's ETags stay valid), with its precompressed `.gz`/`.br` copies made in
 * the background when the file was written or a copy is missing; a record of every file written
 * with its sha256 (taken from the bytes in memory, so a cold build does not read its 15 MB back),
 * so files an earlier build wrote and this one did not (a removed spec) are deleted.
 */
import { readFile, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { sha256 } from '../hash.ts';
import { writeIfChanged } from '../write-if-changed.ts';
import { compress, shouldCompress } from './precompress.ts';

/** sha256 of a file on disk, or undefined when it is missing. */
export async function fileHash(file: string): Promise<string | undefined> {
  const content = await readFile(file).catch(() => undefined);
  return content === undefined ? undefined : sha256(content);
}

export class SiteWriter {
  /** Site-relative path → sha256 of what is on disk now. */
  private readonly written = new Map<string, string>();
  /** Compressed copies being made; `settle()` waits for them. */
  private readonly pending: Promise<unknown>[] = [];

  constructor(readonly outDir: string) {}

  /**
   * Record a site file and write it if it changed; true when it did. Its compressed copies are
   * brought up to date in the background (see `settle`).
   */
  async put(rel: string, content: string | Buffer): Promise<boolean> {
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    const changed = await writeIfChanged(path.join(this.outDir, rel), bytes);
    this.written.set(rel, sha256(bytes));
    if (shouldCompress(rel, bytes.length)) {
      const job = this.compressCopies(rel, bytes, changed);
      job.catch(() => undefined); // reported by settle()
      this.pending.push(job);
    }
    return changed;
  }

  private async compressCopies(rel: string, bytes: Buffer, changed: boolean): Promise<void> {
    const file = path.join(this.outDir, rel);
    if (!changed) {
      const [gz, br] = await Promise.all([fileHash(`${file}.gz`), fileHash(`${file}.br`)]);
      if (gz !== undefined && br !== undefined) {
        this.written.set(`${rel}.gz`, gz).set(`${rel}.br`, br);
        return;
      }
    }
    const { gzip, brotli } = await compress(bytes);
    await Promise.all([writeIfChanged(`${file}.gz`, gzip), writeIfChanged(`${file}.br`, brotli)]);
    this.written.set(`${rel}.gz`, sha256(gzip)).set(`${rel}.br`, sha256(brotli));
  }

  /** Record files that stay as they are, with their hashes (e.g. a view not rendered again because nothing changed). */
  keep(files: Readonly<Record<string, string>>): void {
    for (const [rel, hash] of Object.entries(files)) this.written.set(rel, hash);
  }

  has(rel: string): boolean {
    return this.written.has(rel);
  }

  /** Wait until every compressed copy is written (throws the first failure). */
  async settle(): Promise<void> {
    await Promise.all(this.pending.splice(0));
  }

  /** Every file recorded so far → its sha256, sorted by path (call after `settle`). */
  files(): Record<string, string> {
    return Object.fromEntries([...this.written].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  /** Delete the files in `earlier` this build did not write, and directories they leave empty. */
  async removeStale(earlier: readonly string[]): Promise<void> {
    for (const rel of earlier) {
      if (this.written.has(rel)) continue;
      await rm(path.join(this.outDir, rel), { force: true });
      await rmdir(path.dirname(path.join(this.outDir, rel))).catch(() => undefined); // only succeeds once empty
    }
  }
}
