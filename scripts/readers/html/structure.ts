/**
 * The section tree of a Docsy page. A print page (`…/_print/`) is a root `div.td-content` (banner,
 * `<h1 class="title">`, table of contents, own content in `div.content`) followed by one
 * `div.td-content` per page with `<h1 id="pg-…">N.M - Title</h1>`; the numbers give the nesting.
 * A single page is one `div.td-content` whose `<h1>` is the page title.
 */
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { ReadContext } from './context.ts';
import { classList, isElement, textLines, textOf } from './text.ts';

export interface Section {
  readonly title: string;
  /** Heading number components (`1.2.3` → [1, 2, 3]); undefined for a page root. */
  readonly number?: readonly number[];
  /** The heading (or container) the section starts at, for line numbers. */
  readonly node: AnyNode | undefined;
  readonly content: readonly AnyNode[];
  readonly children: Section[];
}

/** One entry of a print page's table of contents: `<li>1.2: <a href="#pg-…">Models</a>`. */
interface TocLink {
  readonly number: string;
  readonly title: string;
  /** The section id the entry links to (`pg-…`). */
  readonly target: string;
  readonly node: Element;
}

export interface PageStructure {
  readonly kind: 'print' | 'single';
  readonly root: Section;
  /** Breadcrumb item texts, outermost first (single pages). */
  readonly breadcrumb: readonly string[];
  /** The print page's table of contents (empty for single pages and print pages that lost their head). */
  readonly toc: readonly TocLink[];
  /** Ids of the print sections present on the page (`pg-…`). */
  readonly sectionIds: ReadonlySet<string>;
}

const NUMBERED = /^(\d+(?:\.\d+)*) - (.+)$/;
const PRINT_BANNERS = ['multi-page printable view', '다중 페이지 출력 화면'];

function isTdContent(el: Element): boolean {
  return classList(el).includes('td-content');
}

/** Top-level `div.td-content` elements in document order (never nested ones). */
function contentDivs(nodes: readonly AnyNode[], out: Element[]): void {
  for (const n of nodes) {
    if (!isElement(n)) continue;
    if (n.name === 'div' && isTdContent(n)) out.push(n);
    else if (n.name !== 'nav' && n.name !== 'aside' && n.name !== 'script' && n.name !== 'style') contentDivs(n.children, out);
  }
}

function firstChildElement(el: Element, pred: (c: Element) => boolean): Element | undefined {
  for (const c of el.children) if (isElement(c) && pred(c)) return c;
  return undefined;
}

function after(el: Element, marker: Element | undefined): AnyNode[] {
  if (!marker) return [...el.children];
  const i = el.children.indexOf(marker);
  return el.children.slice(i + 1);
}

function isPrintRoot(div: Element): boolean {
  const banner = firstChildElement(div, (c) => classList(c).includes('pageinfo'));
  if (banner && PRINT_BANNERS.some((b) => textOf(banner).includes(b))) return true;
  const h1 = firstChildElement(div, (c) => c.name === 'h1');
  return h1 !== undefined && classList(h1).includes('title') && firstChildElement(div, (c) => classList(c).includes('content')) !== undefined;
}

function numberedHeading(div: Element): { h1: Element; number: number[]; title: string } | undefined {
  const h1 = firstChildElement(div, (c) => c.name === 'h1');
  if (!h1) return undefined;
  const m = NUMBERED.exec(textOf(h1));
  if (!m) return undefined;
  return { h1, number: (m[1] as string).split('.').map(Number), title: m[2] as string };
}

function sameNumber(a: readonly number[] | undefined, b: readonly number[]): boolean {
  return a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);
}

function isBreadcrumb(el: Element): boolean {
  return (
    (el.name === 'nav' && (classList(el).includes('td-breadcrumbs') || el.attribs['aria-label'] === 'breadcrumb')) ||
    (el.name === 'ol' && classList(el).includes('breadcrumb'))
  );
}

function collectItems(el: Element, out: string[]): void {
  for (const c of el.children) {
    if (!isElement(c)) continue;
    if (c.name === 'li') {
      const text = textLines(c).join(' ');
      if (text !== '') out.push(text);
    } else collectItems(c, out);
  }
}

const TOC_NUMBER = /^(\d+(?:\.\d+)*):/;

/** Links to `#pg-…` sections in the print root (its TOC), outside its own content. */
function tocLinks(nodes: readonly AnyNode[], out: TocLink[]): void {
  for (const n of nodes) {
    if (!isElement(n) || classList(n).includes('content')) continue;
    const href = n.name === 'a' ? n.attribs['href'] : undefined;
    if (href?.startsWith('#pg-')) {
      const li = n.parent && isElement(n.parent) && n.parent.name === 'li' ? n.parent : undefined;
      const number = li ? TOC_NUMBER.exec(textOf(li))?.[1] : undefined;
      if (number !== undefined) out.push({ number, title: textOf(n), target: href.slice(1), node: n });
      continue;
    }
    tocLinks(n.children, out);
  }
}

/** Breadcrumb item texts. Docsy renders the breadcrumb in <main> before the content; the content itself is not searched. */
function readBreadcrumb(nodes: readonly AnyNode[]): string[] {
  for (const n of nodes) {
    if (!isElement(n) || isTdContent(n)) continue;
    if (isBreadcrumb(n)) {
      const out: string[] = [];
      collectItems(n, out);
      return out;
    }
    const inner = readBreadcrumb(n.children);
    if (inner.length > 0) return inner;
  }
  return [];
}

export function readStructure($: CheerioAPI, ctx: ReadContext): PageStructure | undefined {
  const divs: Element[] = [];
  contentDivs($.root().children().toArray(), divs);
  const breadcrumb = readBreadcrumb($.root().children().toArray());
  if (divs.length === 0) {
    // A <main> without td-content: read main itself as a single page.
    const main = $('main').first().toArray()[0];
    if (!main || !isElement(main)) return undefined;
    // The element holding the first <h1> plays the part of div.td-content.
    const h1 = $(main).find('h1').first().toArray()[0];
    const container = h1?.parent && isElement(h1.parent) ? h1.parent : main;
    ctx.report('info', 'no-td-content', '<main> has no div.td-content; the element holding its title is read instead', container);
    divs.push(container);
  }
  const first = divs[0] as Element;
  const printRoot = isPrintRoot(first);
  const numbered = divs.map(numberedHeading);
  const isPrint = printRoot || numbered.some((n) => n !== undefined && (n.h1.attribs['id'] ?? '').startsWith('pg-')) || (divs.length > 1 && numbered.some((n) => n !== undefined));
  if (!isPrint) {
    if (divs.length > 1) ctx.report('warning', 'extra-content-container', `${divs.length} div.td-content found on a single page; only the first is read`, divs[1]);
    const h1 = firstChildElement(first, (c) => c.name === 'h1');
    if (!h1) ctx.report('warning', 'missing-title', 'the content has no <h1> title', first);
    const root: Section = { title: h1 ? textOf(h1) : '', node: h1 ?? first, content: after(first, h1), children: [] };
    return { kind: 'single', root, breadcrumb, toc: [], sectionIds: new Set() };
  }

  let root: Section;
  let rest = divs;
  const toc: TocLink[] = [];
  if (printRoot) {
    tocLinks(first.children, toc);
    const h1 = firstChildElement(first, (c) => c.name === 'h1');
    const own = firstChildElement(first, (c) => classList(c).includes('content'));
    root = { title: h1 ? textOf(h1) : '', node: h1 ?? first, content: own ? [...own.children] : [], children: [] };
    rest = divs.slice(1);
  } else {
    ctx.report('error', 'truncated-page', 'print page without its title and table of contents: its start is cut off, so no one can tell what else it lost; sections are read as found', first);
    root = { title: '', node: first, content: [], children: [] };
  }

  // Nesting by heading number: a section's parent is the nearest open section whose number is its prefix.
  const stack: Section[] = [];
  for (const div of rest) {
    const h = numberedHeading(div);
    if (!h) {
      const h1 = firstChildElement(div, (c) => c.name === 'h1');
      ctx.report('warning', 'unnumbered-section', `print section "${h1 ? textOf(h1) : '(no title)'}" has no "N - Title" heading; read at top level`, h1 ?? div);
      root.children.push({ title: h1 ? textOf(h1) : '', node: h1 ?? div, content: after(div, h1), children: [] });
      continue;
    }
    const section: Section = { title: h.title, number: h.number, node: h.h1, content: after(div, h.h1), children: [] };
    while (stack.length > 0 && !sameNumber((stack[stack.length - 1] as Section).number, h.number.slice(0, -1))) stack.pop();
    const parent = stack[stack.length - 1];
    const siblings = parent ? parent.children : root.children;
    if (!parent && h.number.length > 1) {
      ctx.report('info', 'orphan-section', `section ${h.number.join('.')} "${h.title}" has no parent section on the page (a truncated page?); read at top level`, h.h1);
    } else {
      const prev = siblings[siblings.length - 1]?.number;
      const expected = prev ? (prev[prev.length - 1] as number) + 1 : 1;
      if (h.number[h.number.length - 1] !== expected) {
        ctx.report('info', 'section-number-gap', `section ${h.number.join('.')} does not continue the numbering (expected …${expected})`, h.h1);
      }
    }
    siblings.push(section);
    stack.push(section);
  }
  const sectionIds = new Set(rest.map((div) => firstChildElement(div, (c) => c.name === 'h1')?.attribs['id']).filter((id): id is string => id !== undefined));
  return { kind: 'print', root, breadcrumb, toc, sectionIds };
}
