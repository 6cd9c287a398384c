/**
 * Throw-away project roots for update tests: copies of a template root (each test gets its own,
 * removed by `disposeAll`), and the hashes of the live tree an update must leave byte-identical
 * when it refuses.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { treeHashes } from '../site-server.ts';

export class Projects {
  private readonly roots: string[] = [];

  constructor(private readonly prefix: string) {}

  /** Remember a root made elsewhere (a template) so that `disposeAll` removes it too. */
  track(root: string): string {
    this.roots.push(root);
    return root;
  }

  /** An empty directory in the OS temp dir. */
  async empty(): Promise<string> {
    return this.track(await mkdtemp(path.join(os.tmpdir(), this.prefix)));
  }

  /** A fresh copy of `template` in the OS temp dir. */
  async copyOf(template: string): Promise<string> {
    const root = await this.empty();
    await cp(template, root, { recursive: true });
    return root;
  }

  async disposeAll(): Promise<void> {
    await Promise.all(this.roots.splice(0).map((r) => rm(r, { recursive: true, force: true })));
  }
}

/** sources/, specs/ and generated/ as sha256 per file: what a refused update must leave as it was. */
export async function liveTrees(root: string): Promise<Record<string, Record<string, string>>> {
  return { sources: await treeHashes(path.join(root, 'sources')), specs: await treeHashes(path.join(root, 'specs')), generated: await treeHashes(path.join(root, 'generated')) };
}
