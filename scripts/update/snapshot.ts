/**
 * The new sources/ snapshot from fetched pages: which files to write and remove and the new
 * manifest text. Pure; the manifest's other fields (`$comment`, `categories`, `services`, extra keys
 * of each entry) are kept as they are, and its text is rewritten only when something changed.
 */
import { sha256 as sha256Hex } from '../hash.ts';
import type { PagePlan } from './plan.ts';

export interface FetchedPage {
  readonly plan: PagePlan;
  /** undefined when the server answered 304 Not Modified. */
  readonly body?: Buffer;
  readonly etag?: string;
  readonly lastModified?: string;
}

export interface SnapshotChange {
  /** Files to (over)write in sources/, with their bytes. */
  readonly writes: readonly { readonly file: string; readonly body: Buffer }[];
  /** Files to delete from sources/ (entries replaced by a fetched page under another name). */
  readonly removes: readonly string[];
  /** New manifest.json text, or undefined when the manifest is unchanged. */
  readonly manifestText?: string;
  /** Origins whose content changed (new file or new bytes). */
  readonly changedOrigins: readonly string[];
}

type RawEntry = Record<string, unknown> & { file: string; origin: string };
type RawManifest = Record<string, unknown> & { files: RawEntry[] };

function withValidators(entry: Record<string, unknown>, page: FetchedPage): Record<string, unknown> {
  const { etag: _e, lastModified: _l, ...rest } = entry;
  return { ...rest, ...(page.etag ? { etag: page.etag } : {}), ...(page.lastModified ? { lastModified: page.lastModified } : {}) };
}

export function applyFetchedPages(manifestText: string, pages: readonly FetchedPage[]): SnapshotChange {
  const raw = JSON.parse(manifestText) as RawManifest;
  const byOrigin = new Map(pages.map((p) => [p.plan.origin, p]));
  const writes: { file: string; body: Buffer }[] = [];
  const removes = new Set<string>();
  const changedOrigins: string[] = [];
  const files: Record<string, unknown>[] = [];
  const placed = new Set<string>();
  let dirty = false;

  for (const entry of raw.files) {
    const page = byOrigin.get(entry.origin);
    if (!page) {
      files.push(entry);
      continue;
    }
    if (placed.has(entry.origin)) {
      // A second entry for an origin already replaced: dropped with its file.
      removes.add(entry.file);
      dirty = true;
      continue;
    }
    placed.add(entry.origin);
    const { plan } = page;
    if (page.body === undefined) {
      // 304: the stored page stands; only the validators may have moved.
      const next = withValidators(entry, { ...page, etag: page.etag ?? plan.etag, lastModified: page.lastModified ?? plan.lastModified });
      if (JSON.stringify(next) !== JSON.stringify(entry)) dirty = true;
      files.push(next);
      continue;
    }
    const sha = sha256Hex(page.body);
    const same = entry.layout === 'html' && entry.file === plan.file && entry.sha256 === sha;
    if (same) {
      const next = withValidators(entry, page);
      if (JSON.stringify(next) !== JSON.stringify(entry)) dirty = true;
      files.push(next);
      continue;
    }
    // The note described how the old file was rendered; it does not hold for the fetched page.
    const { originNote: _note, ...kept } = entry;
    files.push(withValidators({ ...kept, file: plan.file, layout: 'html', sha256: sha }, page));
    writes.push({ file: plan.file, body: page.body });
    if (entry.file !== plan.file) removes.add(entry.file);
    changedOrigins.push(entry.origin);
    dirty = true;
  }
  for (const w of writes) removes.delete(w.file);
  return {
    writes,
    removes: [...removes],
    ...(dirty ? { manifestText: `${JSON.stringify({ ...raw, files }, null, 2)}\n` } : {}),
    changedOrigins,
  };
}
