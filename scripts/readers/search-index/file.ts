/**
 * The per-service search-index source file written by `update`: `{"origin", "category", "service",
 * "lang", "pages": [ {ref, title, lang, categories, body}, … ]}` with one page entry per line. A whole MiniSearch `toJSON()` document (pages under `storedFields`)
 * is read too. Each page gets the line its entry starts on.
 */
import { lineLocator } from '../html/lines.ts';
import type { DiagnosticSink } from '../diagnostic-sink.ts';

export interface IndexPage {
  readonly ref: string;
  readonly title: string;
  readonly lang?: string;
  readonly body: string;
  readonly line: number;
}

export interface IndexFile {
  readonly origin?: string;
  readonly category?: string;
  readonly service?: string;
  readonly lang?: string;
  readonly pages: readonly IndexPage[];
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function jsonErrorLine(text: string, message: string, lineAt: (offset: number) => number): number {
  const pos = /position (\d+)/.exec(message);
  if (pos) return lineAt(Math.min(Number(pos[1]), text.length));
  const line = /line (\d+)/.exec(message);
  return line ? Number(line[1]) : 1;
}

export function parseIndexFile(text: string, sink: DiagnosticSink): IndexFile | undefined {
  const lineAt = lineLocator(text);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    sink.report('error', 'bad-json', `the search-index file is not valid JSON (${message})`, jsonErrorLine(text, message, lineAt));
    return undefined;
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    sink.report('error', 'bad-index-file', 'the search-index file is not a JSON object', 1);
    return undefined;
  }
  const o = raw as Record<string, unknown>;
  const stored = o['storedFields'];
  const list: unknown = Array.isArray(o['pages']) ? o['pages'] : stored !== null && typeof stored === 'object' ? Object.values(stored) : undefined;
  if (!Array.isArray(list)) {
    sink.report('error', 'bad-index-file', 'the search-index file has neither a "pages" array nor MiniSearch "storedFields"', 1);
    return undefined;
  }
  const pages: IndexPage[] = [];
  let cursor = 0;
  list.forEach((p: unknown, i) => {
    const e = (p ?? {}) as Record<string, unknown>;
    const ref = str(e['ref']);
    // The entry's line: where its ref is written, searching on from the previous entry.
    const needle = ref !== undefined ? JSON.stringify(ref) : undefined;
    const found = needle !== undefined ? text.indexOf(needle, cursor) : -1;
    if (found !== -1) cursor = found + 1;
    const line = lineAt(found !== -1 ? found : cursor);
    const body = str(e['body']);
    if (ref === undefined || body === undefined) {
      sink.report('error', 'bad-page-entry', `page entry ${i} has no string "ref" and "body"; entry skipped`, line);
      return;
    }
    const lang = str(e['lang']);
    pages.push({ ref, title: str(e['title']) ?? '', body, line, ...(lang !== undefined ? { lang } : {}) });
  });
  const meta = (k: string): Record<string, string> => (str(o[k]) !== undefined ? { [k]: str(o[k]) as string } : {});
  return { ...meta('origin'), ...meta('category'), ...meta('service'), ...meta('lang'), pages };
}

type PageKind =
  | { readonly kind: 'overview' }
  | { readonly kind: 'apis' }
  | { readonly kind: 'operation-section'; readonly slug: string }
  | { readonly kind: 'operation'; readonly slug: string; readonly version: string }
  | { readonly kind: 'models' }
  | { readonly kind: 'model'; readonly name: string }
  | { readonly kind: 'other' };

export interface PagePlace {
  readonly lang: 'ko' | 'en';
  readonly category: string;
  readonly service: string;
  readonly page: PageKind;
}

const REF = /^(\/en)?\/apireference\/([^/]+)\/([^/]+)\/(?:(apis|models)\/(?:([^/]+)\/(?:([^/]+)\/)?)?)?$/;

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Where a ref sits in the site: category, service and page kind (undefined: not a service page). */
export function placeOf(ref: string): PagePlace | undefined {
  const pathOnly = ref.replace(/^[a-z]+:\/\/[^/]+/i, '').replace(/[?#].*$/, '');
  const m = REF.exec(pathOnly.endsWith('/') ? pathOnly : `${pathOnly}/`);
  if (!m) return undefined;
  const [, en, category, service, section, a, b] = m as unknown as [string, string | undefined, string, string, string | undefined, string | undefined, string | undefined];
  const lang = en ? 'en' : 'ko';
  const at = (page: PageKind): PagePlace => ({ lang, category, service, page });
  if (section === undefined) return at({ kind: 'overview' });
  if (section === 'models') return at(a === undefined ? { kind: 'models' } : b === undefined ? { kind: 'model', name: decode(a) } : { kind: 'other' });
  if (a === undefined) return at({ kind: 'apis' });
  return at(b === undefined ? { kind: 'operation-section', slug: a } : { kind: 'operation', slug: a, version: b });
}
