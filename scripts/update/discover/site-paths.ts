/**
 * The docs site's URL scheme, as far as discovery needs it (DOCS-SITE.md, the search-index
 * contract): which page a path is, per-operation page URLs, and service paths found in any text.
 * Pure; knows URL shapes only, never page layouts.
 */

/** The site's default language (Korean): its pages have no prefix; others sit under `/<lang>/`. */
export const DEFAULT_LANG = 'ko';

export type RefKind = 'overview' | 'api-list' | 'operation-section' | 'operation' | 'model-list' | 'model' | 'other';

export interface RefInfo {
  readonly kind: RefKind;
  readonly lang: string;
  readonly category: string;
  /** The `<svc>` path segment. */
  readonly service: string;
  /** Operation pages and their section (`…/apis/<slug>/`): the slug; operation pages: the API version. */
  readonly slug?: string;
  readonly version?: string;
  /** Model pages: the model name. */
  readonly model?: string;
}

const SEGMENT = '[A-Za-z0-9][A-Za-z0-9._%-]*';
const SECTION = new RegExp(`^(?:/([a-z]{2}))?/apireference/(${SEGMENT})/(${SEGMENT})/(.*)$`);
const VERSION = /^\d+(?:\.\d+)*$/;

function kindOf(rest: string): Pick<RefInfo, 'kind' | 'slug' | 'version' | 'model'> {
  const parts = rest.split('/').filter((p) => p !== '');
  const [section, a, b, ...more] = parts;
  if (section === undefined) return { kind: 'overview' };
  if (more.length > 0) return { kind: 'other' };
  if (section === 'apis') {
    if (a === undefined) return { kind: 'api-list' };
    if (b === undefined) return { kind: 'operation-section', slug: a };
    return VERSION.test(b) ? { kind: 'operation', slug: a, version: b } : { kind: 'other' };
  }
  if (section === 'models') return a === undefined ? { kind: 'model-list' } : b === undefined ? { kind: 'model', model: a } : { kind: 'other' };
  return { kind: 'other' };
}

/** Which service section a ref (a page path) belongs to and what page it is; undefined outside every service section. */
export function classifyRef(ref: string): RefInfo | undefined {
  const m = SECTION.exec(ref.endsWith('/') ? ref : `${ref}/`);
  if (!m) return undefined;
  const [, lang = DEFAULT_LANG, category = '', service = '', rest = ''] = m;
  if (service.startsWith('_')) return undefined;
  return { lang, category, service, ...kindOf(rest) };
}

/** `/apireference/<cat>/` (or under a language prefix): a category index page, whose title names the category. */
export function categoryOfRef(ref: string): { readonly lang: string; readonly category: string } | undefined {
  const m = new RegExp(`^(?:/([a-z]{2}))?/apireference/(${SEGMENT})/?$`).exec(ref);
  return m ? { lang: m[1] ?? DEFAULT_LANG, category: m[2] ?? '' } : undefined;
}

/** Path prefix of a service section: `/apireference/<cat>/<svc>/`. */
export function servicePath(category: string, service: string, lang: string = DEFAULT_LANG): string {
  return `${lang === DEFAULT_LANG ? '' : `/${lang}`}/apireference/${category}/${service}/`;
}

export function operationPath(category: string, service: string, slug: string, version: string, lang: string = DEFAULT_LANG): string {
  return `${servicePath(category, service, lang)}apis/${slug}/${version}/`;
}

/** The Docsy print view of a section. */
export function printPath(sectionPath: string): string {
  return `${sectionPath.replace(/\/?$/, '/')}_print/`;
}

/** A per-operation page slug when no page tells it: the heading's letters and digits, lower case (`Add Instances` → `addinstances`). */
export function guessSlug(operationName: string): string {
  return operationName.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * Every `(category, service)` whose section path appears in `text` (links of a contents list, in any
 * markup or none), in first-seen order. Paths under other languages count too; `_print/`, `apis/`
 * and `models/` are not services.
 */
export function servicePathsIn(text: string): { readonly category: string; readonly service: string }[] {
  const seen = new Map<string, { category: string; service: string }>();
  const re = new RegExp(`/apireference/(${SEGMENT})/(${SEGMENT})/`, 'g');
  for (const m of text.matchAll(re)) {
    const [, category = '', service = ''] = m;
    if (service.startsWith('_') || service === 'apis' || service === 'models') continue;
    const key = `${category}/${service}`;
    if (!seen.has(key)) seen.set(key, { category, service });
  }
  return [...seen.values()];
}
