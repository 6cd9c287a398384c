/**
 * Text extraction from domhandler nodes, the way a browser renders it: runs of whitespace collapse,
 * `<br>` and block elements break lines, and chrome such as heading self-links is left out.
 */
import type { AnyNode, Element } from 'domhandler';

/** Elements that start a new line when they appear inside a cell or paragraph. */
export const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'address', 'article', 'aside', 'blockquote', 'dd', 'details', 'div', 'dl', 'dt', 'figcaption', 'figure',
  'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'ol', 'p', 'pre', 'section',
  'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);

const NEVER_TEXT: ReadonlySet<string> = new Set(['script', 'style', 'noscript', 'template', 'svg', 'button']);

/** Classes of Docsy chrome that never carry documentation text. */
const CHROME_CLASSES: readonly string[] = [
  'td-heading-self-link',
  'anchor',
  'headerlink',
  'd-print-none',
  'td-page-meta',
  'td-page-meta__lastmod',
  'feedback--title',
];

export function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

export function classList(el: Element): string[] {
  const c = el.attribs['class'];
  return c ? c.split(/\s+/).filter((s) => s !== '') : [];
}

/** Chrome that is skipped everywhere: scripts, self-link anchors, print-hidden widgets. */
export function isChrome(el: Element): boolean {
  if (NEVER_TEXT.has(el.name)) return true;
  const classes = classList(el);
  return classes.some((c) => CHROME_CLASSES.includes(c));
}

export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function walk(node: AnyNode, out: string[][]): void {
  if (node.type === 'text') {
    (out[out.length - 1] as string[]).push(node.data);
    return;
  }
  if (!isElement(node)) return;
  if (isChrome(node)) return;
  if (node.name === 'br') {
    out.push([]);
    return;
  }
  const block = BLOCK_TAGS.has(node.name);
  if (block) out.push([]);
  for (const child of node.children) walk(child, out);
  if (block) out.push([]);
}

/** Rendered lines of a node: `<br>` and block boundaries break, whitespace collapses, empty lines go. */
export function textLines(node: AnyNode): string[] {
  const out: string[][] = [[]];
  if (isElement(node)) for (const child of node.children) walk(child, out);
  else walk(node, out);
  return out.map((parts) => collapse(parts.join(''))).filter((line) => line !== '');
}

/** Rendered text of a node on one line. */
export function textOf(node: AnyNode): string {
  return textLines(node).join(' ');
}

function rawText(node: AnyNode, parts: string[]): void {
  if (node.type === 'text') parts.push(node.data);
  else if (isElement(node)) {
    if (node.name === 'br') parts.push('\n');
    else for (const child of node.children) rawText(child, parts);
  }
}

/** Verbatim text of a `<pre>` (whitespace kept), without the newline after the opening tag. */
export function preText(node: AnyNode): string {
  const parts: string[] = [];
  rawText(node, parts);
  return parts.join('').replace(/^\r?\n/, '');
}
