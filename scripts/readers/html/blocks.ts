/**
 * Flattens the markup of one content section into a list of blocks (headings, text, tables,
 * preformatted text). Wrappers such as `div.highlight` or `div.table-responsive` are looked through,
 * so the section readers see the same sequence whatever wrapper a theme version adds.
 */
import type { AnyNode, Element } from 'domhandler';
import { BLOCK_TAGS, isChrome, isElement, preText, textLines, textOf } from './text.ts';

export type Block =
  | { readonly kind: 'heading'; readonly level: number; readonly id: string | undefined; readonly text: string; readonly node: Element }
  | { readonly kind: 'text'; readonly lines: readonly string[]; readonly node: AnyNode }
  | { readonly kind: 'table'; readonly node: Element }
  | { readonly kind: 'pre'; readonly text: string; readonly node: Element };

const HEADING = /^h([1-6])$/;
/** Containers whose children are read as blocks of their own. */
const WRAPPERS: ReadonlySet<string> = new Set([
  'div', 'section', 'article', 'blockquote', 'figure', 'details', 'header', 'footer', 'main', 'aside', 'center',
]);
const LISTS: ReadonlySet<string> = new Set(['ul', 'ol', 'dl']);

function hasBlockChild(el: Element): boolean {
  return el.children.some((c) => isElement(c) && !isChrome(c) && (BLOCK_TAGS.has(c.name) || WRAPPERS.has(c.name)));
}

function pushText(out: Block[], run: AnyNode[]): void {
  if (run.length === 0) return;
  const lines = run.flatMap((n) => textLines(n));
  if (lines.length > 0) out.push({ kind: 'text', lines, node: run[0] as AnyNode });
  run.length = 0;
}

function flattenInto(nodes: readonly AnyNode[], out: Block[]): void {
  const run: AnyNode[] = []; // consecutive inline nodes form one text block
  for (const node of nodes) {
    if (node.type === 'text') {
      run.push(node);
      continue;
    }
    // <nav> holds breadcrumbs or a page table of contents, never documentation text.
    if (!isElement(node) || isChrome(node) || node.name === 'nav') continue;
    const name = node.name;
    const heading = HEADING.exec(name);
    if (heading) {
      pushText(out, run);
      out.push({ kind: 'heading', level: Number(heading[1]), id: node.attribs['id'], text: textOf(node), node });
    } else if (name === 'table') {
      pushText(out, run);
      out.push({ kind: 'table', node });
    } else if (name === 'pre') {
      pushText(out, run);
      out.push({ kind: 'pre', text: preText(node), node });
    } else if (name === 'p' || LISTS.has(name)) {
      pushText(out, run);
      run.push(node);
      pushText(out, run);
    } else if (WRAPPERS.has(name) || BLOCK_TAGS.has(name)) {
      pushText(out, run);
      if (hasBlockChild(node)) flattenInto(node.children, out);
      else {
        run.push(node);
        pushText(out, run);
      }
    } else if (name === 'br') {
      pushText(out, run);
    } else {
      run.push(node);
    }
  }
  pushText(out, run);
}

export function flattenBlocks(nodes: readonly AnyNode[]): Block[] {
  const out: Block[] = [];
  flattenInto(nodes, out);
  return out;
}
