/**
 * `externalDocs`: the docs page each operation and each document came from, named only from the
 * pages the snapshot was actually read from (sources/manifest.json `origin`, carried on the doc
 * model as `sourcePages`). Slugs of per-operation pages are never derived from headings (they do not
 * always match); a page is linked only when a source file was rendered from it.
 *
 * - An operation read from its own page (`…/apis/<slug>/<version>/`) links that page.
 * - Otherwise it links the narrowest section page it was read from, usually a printable view
 *   (`…/_print/`): the operation's text is on that page.
 * - A document links the narrowest section that holds the service, lifted from the service's
 *   `…/<service>/apis/` section to its overview `…/<service>/` (the site's URL scheme: a `_print/`
 *   view is its section's URL plus `_print/`; an operation page sits under `…/apis/`).
 * - A search-index source (`…/search-index.json#/apireference/…/`) stands for the section page its
 *   fragment names.
 */
import type { MergedService } from '../model.ts';
import type { Operation } from './emission.ts';
import { hasOwn, type Json } from './json-value.ts';

/** A page a source file was rendered from, and the section URL that holds it. */
type Page =
  | { readonly kind: 'operation'; readonly url: string; readonly section: string; readonly version: string }
  | { readonly kind: 'print' | 'section'; readonly url: string; readonly section: string };

const OPERATION_PAGE = /^(.*\/apis\/)[a-z0-9]+\/(\d+(?:\.\d+)*)\/?$/;
const SEARCH_INDEX = /^(https?:\/\/[^/#]+)(?:\/[^#]*)?\/search-index\.json#(\/.+)$/;

/** What kind of page a manifest origin is (undefined: not a page we can link). */
export function classifyOrigin(origin: string): Page | undefined {
  const si = SEARCH_INDEX.exec(origin);
  if (si) {
    const url = `${si[1]}${si[2]}`.replace(/\/?$/, '/');
    return { kind: 'section', url, section: url };
  }
  if (!/^https?:\/\//.test(origin)) return undefined;
  if (/\/_print\/?$/.test(origin)) return { kind: 'print', url: origin, section: origin.replace(/_print\/?$/, '') };
  const op = OPERATION_PAGE.exec(origin);
  if (op) return { kind: 'operation', url: origin, section: op[1] as string, version: op[2] as string };
  return { kind: 'section', url: origin, section: origin };
}

function pagesOf(service: MergedService, files: readonly string[]): Page[] {
  const pages = service.sourcePages ?? {};
  const out: Page[] = [];
  for (const f of files) {
    const origin = hasOwn(pages, f) ? pages[f] : undefined;
    const page = origin !== undefined ? classifyOrigin(origin) : undefined;
    if (page) out.push(page);
  }
  return out;
}

/** The deepest section first (the narrowest), then by URL for a stable choice. */
function narrowestFirst(a: Page, b: Page): number {
  const depth = (u: string): number => u.split('/').length;
  return depth(b.section) - depth(a.section) || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);
}

/** externalDocs of one operation, or undefined when none of its sources names a page. */
export function operationExternalDocs(service: MergedService, op: Operation): Json | undefined {
  const pages = pagesOf(service, [...new Set(op.sources.map((s) => s.file))]);
  const own = pages.find((p) => p.kind === 'operation' && p.version === op.version);
  if (own) return { description: `${op.name} ${op.version} in the SCP API reference`, url: own.url };
  const best = pages.filter((p) => p.kind !== 'operation').sort(narrowestFirst)[0];
  if (!best) return undefined;
  const where = best.kind === 'print' ? `the printable view of ${best.section}` : best.url;
  return { description: `${op.name} ${op.version} is documented on ${where} (no page of its own is known to this build)`, url: best.url };
}

/**
 * externalDocs of a whole document: the narrowest section that holds the service, lifted from the
 * service's `…/apis/` section to its overview page.
 */
export function serviceExternalDocs(service: MergedService): Json | undefined {
  const best = pagesOf(service, service.sourceFiles).sort(narrowestFirst)[0];
  if (!best) return undefined;
  const name = service.title || service.id;
  if (/\/apis\/$/.test(best.section)) return { description: `${name} in the SCP API reference`, url: best.section.replace(/\/apis\/$/, '/') };
  return { description: `The section of the SCP API reference that holds ${name}`, url: best.section };
}
