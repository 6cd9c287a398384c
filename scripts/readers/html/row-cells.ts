/**
 * HTML-specific cell readers: the Name cell (name plus a required/optional marker, which may sit in
 * an element of its own or after a `<br>`), Description cells (`<br>`-separated lines) and Schema
 * cells (model links read by their text).
 */
import type { AnyNode, Element } from 'domhandler';
import type { Constraint, SchemaExpr } from '../../model.ts';
import { parseConstraintLine, splitDescriptionCell, splitDescriptionLines } from '../cells.ts';
import { parseSchemaExpression } from '../../schema-expression.ts';
import { collapse, isChrome, isElement, textLines } from './text.ts';

const MARKERS: Readonly<Record<string, boolean>> = {
  required: true,
  optional: false,
  필수: true,
  선택: false,
};

function markerOf(text: string): boolean | undefined {
  const key = collapse(text).replace(/^\((.*)\)$/, '$1').toLowerCase();
  return Object.prototype.hasOwnProperty.call(MARKERS, key) ? MARKERS[key] : undefined;
}

function ownText(node: AnyNode, skip: Element | undefined, parts: string[]): void {
  if (node === skip) {
    parts.push(' ');
    return;
  }
  if (node.type === 'text') parts.push(node.data);
  else if (isElement(node) && !isChrome(node)) {
    if (node.name === 'br') parts.push(' ');
    else for (const c of node.children) ownText(c, skip, parts);
  }
}

/** Last (deepest) element whose whole text is a marker word (`<span class="badge">required</span>`). */
function findMarkerElement(el: Element): Element | undefined {
  for (let i = el.children.length - 1; i >= 0; i--) {
    const c = el.children[i] as AnyNode;
    if (!isElement(c) || isChrome(c)) continue;
    const inner = findMarkerElement(c);
    if (inner) return inner;
    if (markerOf(textLines(c).join(' ')) !== undefined) return c;
  }
  return undefined;
}

export interface NameCell {
  readonly name: string;
  /** undefined when no marker was found. */
  readonly required: boolean | undefined;
}

export function readNameCell(cell: Element): NameCell {
  const marker = findMarkerElement(cell);
  if (marker) {
    const parts: string[] = [];
    ownText(cell, marker, parts);
    return { name: collapse(parts.join('')), required: markerOf(textLines(marker).join(' ')) };
  }
  const text = textLines(cell).join(' ');
  const m = /^(.*\S)\s+\(?(\S+?)\)?$/.exec(text);
  if (m) {
    const required = markerOf(m[2] as string);
    if (required !== undefined) return { name: m[1] as string, required };
  }
  return { name: text, required: undefined };
}

/**
 * Description cell → description and constraints. Lines come from `<br>`s; a line that carries its
 * constraints inline (`Cluster ID Example : 2a9b…`, a cell rendered without `<br>`) is split the way
 * the markdown layout is, but only before the first constraint line (later free lines continue a value).
 */
export function readDescriptionCell(cell: Element | undefined): { description: string; constraints: Constraint[] } {
  if (!cell) return { description: '', constraints: [] };
  const lines: string[] = [];
  let seenConstraint = false;
  for (const line of textLines(cell)) {
    if (seenConstraint || parseConstraintLine(line)) {
      seenConstraint = true;
      lines.push(line);
      continue;
    }
    const inline = splitDescriptionCell(line);
    if (inline.constraints.length === 0) {
      lines.push(line);
      continue;
    }
    seenConstraint = true;
    if (inline.description !== '') lines.push(inline.description);
    for (const c of inline.constraints) lines.push(c.value === '' ? `${c.key} :` : `${c.key} : ${c.value}`);
  }
  return splitDescriptionLines(lines);
}

/** Text of a Schema or Default cell; `<br>` or wrapping never matters there. */
export function cellText(cell: Element | undefined): string {
  return cell ? textLines(cell).join(' ') : '';
}

export type SchemaCell = { readonly ok: true; readonly expr: SchemaExpr } | { readonly ok: false; readonly error: string };

export function readSchemaText(text: string): SchemaCell {
  const r = parseSchemaExpression(text);
  return r.ok ? { ok: true, expr: r.expr } : { ok: false, error: `${r.error} (at ${r.at})` };
}
