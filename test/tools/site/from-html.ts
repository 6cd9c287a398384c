/**
 * Search-index entries made from Docsy HTML pages as served: what Hugo's `.Content` of each page is
 * (the markup inside `div.td-content` after the title, without the theme's article meta and
 * last-modified line), cut from the raw HTML text so no re-serialisation changes a byte, then
 * turned into the index's plain-text body. A print page (`…/_print/`) yields one entry per section.
 */
import { load } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { plainBody } from './plain.ts';
import type { IndexDocument } from './search-index.ts';

export type IndexEntry = IndexDocument;

function isElement(n: AnyNode): n is Element {
  return n.type === 'tag';
}

function classes(el: Element): string[] {
  return (el.attribs['class'] ?? '').split(/\s+/);
}

/** Theme parts inside td-content that are not the page's `.Content`. */
function isTheme(n: AnyNode): boolean {
  return isElement(n) && (n.name === 'h1' || (n.name === 'header' && classes(n).includes('article-meta')) || classes(n).includes('td-page-meta__lastmod'));
}

function rawSlice(html: string, nodes: readonly AnyNode[]): string {
  // Every child (text nodes too) cut from the raw text; the theme parts are left out wherever they sit.
  return nodes
    .filter((n) => !isTheme(n) && n.startIndex !== null && n.endIndex !== null)
    .map((n) => html.slice(n.startIndex as number, (n.endIndex as number) + 1))
    .join('');
}

function contentDivs(html: string): Element[] {
  const $ = load(html, { xml: { xmlMode: false, withStartIndices: true, withEndIndices: true, decodeEntities: true } });
  return $('div.td-content').toArray().filter(isElement);
}

function h1Text(div: Element): string {
  const h1 = div.children.find((c): c is Element => isElement(c) && c.name === 'h1');
  return h1 ? load(h1).text().trim() : '';
}

/** The `.Content` markup and title of a single (per-operation or per-model) page. */
export function singlePageContent(html: string): { title: string; content: string } {
  const div = contentDivs(html)[0];
  if (!div) return { title: '', content: '' };
  return { title: h1Text(div), content: rawSlice(html, div.children) };
}

/** One index entry for a single page served at `ref`. */
export function entryFromSinglePage(html: string, ref: string, title?: string): IndexEntry {
  const page = singlePageContent(html);
  return { ref, title: title ?? page.title, lang: ref.startsWith('/en/') ? 'en' : 'ko', categories: [], body: plainBody(page.content) };
}

function slugOf(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

const CHILD_KIND: Readonly<Record<string, string>> = { category: 'service', apis: 'operation', operation: 'version', models: 'model' };

function baseKindOf(base: string): string {
  if (/\/apis\/$/.test(base)) return 'apis';
  return /^(?:\/en)?\/apireference\/[^/]+\/$/.test(base) ? 'category' : 'service';
}

/**
 * Index entries for a print page of `base` (`/apireference/<cat>/`, `/apireference/<cat>/<svc>/`
 * or `…/<svc>/apis/`): the root's own content is the page at `base` (a service overview), and each
 * `N.M - Title` section is the page at its place below `base`.
 */
export function entriesFromPrintPage(html: string, base: string): IndexEntry[] {
  const lang = base.startsWith('/en/') ? 'en' : 'ko';
  const divs = contentDivs(html);
  const out: IndexEntry[] = [];
  const root = divs[0]?.children.find((c): c is Element => isElement(c) && classes(c).includes('content'));
  const rootTitle = divs[0]?.children.find((c): c is Element => isElement(c) && c.name === 'h1');
  const rootBody = root ? plainBody(rawSlice(html, root.children)) : '';
  if (rootBody.trim() !== '') out.push({ ref: base, title: rootTitle ? load(rootTitle).text().trim() : '', lang, categories: [], body: rootBody });
  const stack: { depth: number; segment: string; kind: string }[] = [];
  for (const div of divs.slice(1)) {
    const m = /^(\d+(?:\.\d+)*) - (.+)$/.exec(h1Text(div));
    if (!m) continue;
    const depth = (m[1] as string).split('.').length;
    const title = m[2] as string;
    while (stack.length > 0 && (stack[stack.length - 1] as { depth: number }).depth >= depth) stack.pop();
    const parent = stack[stack.length - 1]?.kind ?? baseKindOf(base);
    const kind = title === 'APIs' ? 'apis' : title === 'Models' ? 'models' : CHILD_KIND[parent] ?? 'other';
    const segment = kind === 'service' ? title.toLowerCase().replace(/\W+/g, '-') : kind === 'operation' ? slugOf(title) : kind === 'version' || kind === 'model' ? title : kind;
    stack.push({ depth, segment, kind });
    out.push({ ref: `${base}${stack.map((s) => s.segment).join('/')}/`, title, lang, categories: [], body: plainBody(rawSlice(html, div.children)) });
  }
  return out;
}
