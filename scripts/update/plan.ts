/**
 * Which pages an update fetches, and where each lands in sources/. Pure.
 *
 * Discovery is the manifest itself: every entry's `origin` is re-fetched (print pages are the sturdy
 * entry point: one page per section, robust to changes of the index pages' link shapes), rebased onto
 * `--from`. Single pages (per-operation `…/apis/<slug>/<version>/`, per-model `…/models/<Name>/`) are
 * kept only where the manifest already needs them, and fetched with a suffix Range request because
 * their content sits at the end of ~4 MB of navigation.
 */
import { groupBy } from '../group-by.ts';
import type { Manifest, ManifestFile } from '../manifest.ts';

export type PageKind = 'print' | 'operation' | 'model' | 'other';

export interface PagePlan {
  readonly origin: string;
  /** The URL actually requested (origin rebased onto `from`). */
  readonly url: string;
  readonly kind: PageKind;
  /** Manifest entries with this origin (usually one); all are replaced by the fetched page. */
  readonly entries: readonly ManifestFile[];
  /** File name in sources/ for the fetched page (`<old base name>.html`). */
  readonly file: string;
  /** Suffix bytes to request, for single pages. */
  readonly tailBytes?: number;
  /** Validators to send: only when the stored file is this page as fetched before. */
  readonly etag?: string;
  readonly lastModified?: string;
}

export const DEFAULT_TAIL_BYTES = 320_000;

export function pageKind(origin: string): PageKind {
  const p = new URL(origin).pathname;
  if (/\/_print\/?$/.test(p)) return 'print';
  if (/\/apis\/[^/]+\/\d+(?:\.\d+)+\/?$/.test(p)) return 'operation';
  if (/\/models\/[^/]+\/?$/.test(p)) return 'model';
  return 'other';
}

/** `003_c1a3….txt` → `003_c1a3….html` (the name keeps the entry recognisable across layouts). */
export function htmlFileName(file: string): string {
  const dot = file.lastIndexOf('.');
  return `${dot > 0 ? file.slice(0, dot) : file}.html`;
}

export function planPages(manifest: Manifest, rebase: (origin: string) => string, tailBytes: number = DEFAULT_TAIL_BYTES): PagePlan[] {
  const plans: PagePlan[] = [];
  for (const [origin, entries] of groupBy(manifest.files, (f) => f.origin)) {
    const kind = pageKind(origin);
    const first = entries[0] as ManifestFile;
    // Keep the name of an entry already holding this page as HTML, so an unchanged page keeps its file.
    const html = entries.find((e) => e.layout === 'html');
    const file = html ? html.file : htmlFileName(first.file);
    plans.push({
      origin,
      url: rebase(origin),
      kind,
      entries,
      file,
      ...(kind === 'operation' || kind === 'model' ? { tailBytes } : {}),
      ...(html?.etag ? { etag: html.etag } : {}),
      ...(html?.lastModified ? { lastModified: html.lastModified } : {}),
    });
  }
  return plans;
}
