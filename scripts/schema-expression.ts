/**
 * Parser for the docs' Schema column grammar (SOURCE-FORMATS.md section 6):
 *
 *   schema := "any of [" schema (", " schema)* "]" | "array[" schema "]"
 *           | "enum (" v (", " v)* ")" | prim [" (" format ")"] | ModelName
 *
 * `parseSchemaPrefix` parses the longest schema at the start of a text and hands back the rest,
 * which is how the flattened layout's glued `stringNone` / `integer9091` cells are split.
 * Pure; never throws.
 */
import type { PrimitiveType, SchemaExpr } from './model.ts';

export type SchemaParse =
  | { readonly ok: true; readonly expr: SchemaExpr; readonly rest: string }
  | { readonly ok: false; readonly error: string; readonly at: number };

const PRIMITIVES: readonly PrimitiveType[] = ['string', 'integer', 'number', 'boolean', 'object', 'null'];
const MODEL_NAME = /^[A-Z][A-Za-z0-9_]*/;

interface Step {
  readonly expr: SchemaExpr;
  readonly end: number;
}
type StepResult = Step | { readonly error: string; readonly at: number };

function isStep(r: StepResult): r is Step {
  return 'expr' in r;
}

function parseAt(text: string, pos: number, nested: boolean): StepResult {
  const here = text.slice(pos);
  if (here.startsWith('any of [')) {
    const members: SchemaExpr[] = [];
    let p = pos + 'any of ['.length;
    for (;;) {
      const m = parseAt(text, p, true);
      if (!isStep(m)) return m;
      members.push(m.expr);
      p = m.end;
      if (text.startsWith(', ', p)) {
        p += 2;
        continue;
      }
      if (text[p] === ']') return { expr: { kind: 'anyOf', members }, end: p + 1 };
      return { error: `expected ", " or "]" in "any of [...]"`, at: p };
    }
  }
  if (here.startsWith('array[')) {
    const m = parseAt(text, pos + 'array['.length, true);
    if (!isStep(m)) return m;
    if (text[m.end] !== ']') return { error: 'expected "]" closing "array["', at: m.end };
    return { expr: { kind: 'array', items: m.expr }, end: m.end + 1 };
  }
  if (here.startsWith('enum (')) {
    const start = pos + 'enum ('.length;
    const close = text.indexOf(')', start);
    if (close < 0) return { error: 'unterminated "enum ("', at: pos };
    const values = text.slice(start, close).split(', ');
    if (values.some((v) => v.trim() === '')) return { error: 'empty value in "enum (...)"', at: start };
    return { expr: { kind: 'enum', values }, end: close + 1 };
  }
  for (const prim of PRIMITIVES) {
    if (!here.startsWith(prim)) continue;
    let end = pos + prim.length;
    // A format is written `string (date-time)`; anything else after a space is not ours.
    const fmt = /^ \(([a-z][a-z0-9-]*)\)/.exec(text.slice(end));
    if (fmt && fmt[1] !== undefined) {
      end += fmt[0].length;
      return { expr: { kind: 'primitive', type: prim, format: fmt[1] }, end };
    }
    return { expr: { kind: 'primitive', type: prim }, end };
  }
  const model = MODEL_NAME.exec(here);
  if (model) {
    // Inside brackets a model name ends at the bracket or separator; at top level it is the whole identifier.
    return { expr: { kind: 'ref', model: model[0] }, end: pos + model[0].length };
  }
  const token = /^\S{0,24}/.exec(here)?.[0] ?? '';
  return {
    error: token === '' ? (nested ? 'missing schema inside brackets' : 'empty schema') : `unknown schema token "${token}"`,
    at: pos,
  };
}

/** Parse the longest schema expression at the start of `text`; the remainder (e.g. a glued default) is `rest`. */
export function parseSchemaPrefix(text: string): SchemaParse {
  const r = parseAt(text, 0, false);
  if (!isStep(r)) return { ok: false, error: r.error, at: r.at };
  return { ok: true, expr: r.expr, rest: text.slice(r.end) };
}

/** Parse a whole Schema cell; trailing text is an error. */
export function parseSchemaExpression(text: string): SchemaParse {
  const trimmed = text.trim();
  const r = parseSchemaPrefix(trimmed);
  if (!r.ok) return r;
  if (r.rest !== '') return { ok: false, error: `unexpected text "${r.rest.slice(0, 24)}" after schema`, at: trimmed.length - r.rest.length };
  return r;
}

/** Render a schema expression back in the docs' grammar (for messages and round-trip tests). */
export function formatSchemaExpression(expr: SchemaExpr): string {
  switch (expr.kind) {
    case 'primitive':
      return expr.format ? `${expr.type} (${expr.format})` : expr.type;
    case 'array':
      return `array[${formatSchemaExpression(expr.items)}]`;
    case 'anyOf':
      return `any of [${expr.members.map(formatSchemaExpression).join(', ')}]`;
    case 'enum':
      return `enum (${expr.values.join(', ')})`;
    case 'ref':
      return expr.model;
  }
}

/** Every model name an expression references. */
export function referencedModels(expr: SchemaExpr): string[] {
  switch (expr.kind) {
    case 'ref':
      return [expr.model];
    case 'array':
      return referencedModels(expr.items);
    case 'anyOf':
      return expr.members.flatMap(referencedModels);
    default:
      return [];
  }
}
