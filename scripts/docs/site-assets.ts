/**
 * The site's shared assets under content-hashed names (`assets/portal.3f2a1b9c.css`), so a server
 * can let browsers keep them for a year: a changed file gets a new name, and the pages that use it
 * change with it. Pure: names and contents in, hashed paths out.
 */
import path from 'node:path';
import { sha256 } from '../hash.ts';

export interface Asset {
  /** The logical name pages ask for, e.g. `portal.css`. */
  readonly name: string;
  readonly content: Buffer;
}

/** `portal.css` + content → `portal.<first 10 hex of sha256>.css`. */
export function hashedName(name: string, content: Buffer | string): string {
  const hash = sha256(content).slice(0, 10);
  const ext = path.extname(name);
  return `${name.slice(0, name.length - ext.length)}.${hash}${ext}`;
}

/** Matches a file name that hashedName produced (what the server may cache forever). */
export const HASHED_ASSET = /\.[0-9a-f]{10}\.[a-z0-9]+$/;

export class AssetTable {
  private readonly byName = new Map<string, { rel: string; content: Buffer }>();

  constructor(assets: readonly Asset[]) {
    for (const a of assets) this.byName.set(a.name, { rel: `assets/${hashedName(a.name, a.content)}`, content: a.content });
  }

  /** Throws for an unknown name: a page would link nowhere. */
  private entry(name: string): { rel: string; content: Buffer } {
    const a = this.byName.get(name);
    if (!a) throw new Error(`no asset named ${name}`);
    return a;
  }

  /** Site-relative path of an asset. */
  rel(name: string): string {
    return this.entry(name).rel;
  }

  /** The href from a page `depth` directories below the site root. */
  href(name: string, depth: number): string {
    return `${'../'.repeat(depth)}${this.rel(name)}`;
  }

  text(name: string): string {
    return this.entry(name).content.toString('utf8');
  }

  /** Every asset as (site-relative path, content). */
  files(): { rel: string; content: Buffer }[] {
    return [...this.byName.values()].sort((a, b) => (a.rel < b.rel ? -1 : 1));
  }
}
