/**
 * Finds where the content of a Docsy page starts, on the raw text, before any parsing: a page
 * renders the whole navigation tree (~4 MB) before `<main>`, so only the tail is worth parsing.
 * Also tells whether the page lost its head (a suffix Range response, which starts mid-tag).
 */
export interface ContentLocation {
  /** Offset of the content container's start tag; -1 when none was found. */
  readonly start: number;
  readonly via: 'main' | 'td-content' | 'none';
  /** True when the text does not start with a document prologue (`<!doctype`, `<html`, `<head`). */
  readonly headless: boolean;
  /** The `<head>` markup, when present. */
  readonly head?: string;
}

const PROLOGUE = /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype|html|head)[\s>]/i;

function findTag(html: string, tag: string): number {
  const needle = `<${tag}`;
  for (let i = html.indexOf(needle); i !== -1; i = html.indexOf(needle, i + 1)) {
    const next = html.charCodeAt(i + needle.length);
    // whitespace, '>' or '/' ends the tag name; anything else is a longer name (`<mainx`).
    if (next === 62 || next === 47 || next === 32 || next === 9 || next === 10 || next === 13) return i;
  }
  return -1;
}

/** First `<div … class="… td-content …">` start tag. */
function findTdContent(html: string): number {
  for (let i = html.indexOf('td-content'); i !== -1; i = html.indexOf('td-content', i + 1)) {
    const open = html.lastIndexOf('<', i);
    const close = html.lastIndexOf('>', i);
    if (open <= close) continue; // not inside a tag
    const tag = html.slice(open, i + 'td-content'.length + 1);
    // Only the exact class token (not `td-content-foo`) on a div.
    if (/^<div\s[^>]*\bclass\s*=\s*["']?(?:[^"'>]*\s)?td-content(?:["'\s>]|$)/i.test(tag)) return open;
  }
  return -1;
}

export function locateContent(html: string): ContentLocation {
  const headless = !PROLOGUE.test(html.slice(0, 4096));
  let head: string | undefined;
  if (!headless) {
    const end = html.search(/<\/head\s*>/i);
    if (end !== -1) head = html.slice(0, end);
  }
  const main = findTag(html, 'main');
  if (main !== -1) return { start: main, via: 'main', headless, ...(head !== undefined ? { head } : {}) };
  const td = findTdContent(html);
  if (td !== -1) return { start: td, via: 'td-content', headless, ...(head !== undefined ? { head } : {}) };
  return { start: -1, via: 'none', headless, ...(head !== undefined ? { head } : {}) };
}
