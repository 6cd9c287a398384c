/**
 * The inverse of the emitter's value and schema conversions, for rendering a spec back into the
 * docs' text: JSON Schema → Schema-column expression, and a value → the `Example :` / Default text
 * the emitter would read back as that very value (checked with the emitter's own `literalForSchema`).
 */
import type { Constraint, SchemaExpr } from '../../../scripts/model.ts';
import { literalForSchema } from '../../../scripts/emit/json-schema.ts';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const NULL: SchemaExpr = { kind: 'primitive', type: 'null' };

function primitive(type: unknown, format: unknown): SchemaExpr {
  const t = type as 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'null';
  return typeof format === 'string' ? { kind: 'primitive', type: t, format } : { kind: 'primitive', type: t };
}

/** `#/components/schemas/A~1B` → `A/B`. */
export function refName(ref: string): string {
  return ref.replace(/^#\/components\/schemas\//, '').replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The Schema-column expression a JSON Schema was emitted from (the forms scripts/emit/json-schema.ts writes). */
export function schemaToExpr(schema: unknown): SchemaExpr {
  if (!isObject(schema)) return { kind: 'primitive', type: 'object' };
  if (typeof schema.$ref === 'string') return { kind: 'ref', model: refName(schema.$ref) };
  if (Array.isArray(schema.anyOf)) {
    return { kind: 'anyOf', members: schema.anyOf.map((m) => (isObject(m) && m.type === 'null' && Object.keys(m).length === 1 ? NULL : schemaToExpr(m))) };
  }
  const types = Array.isArray(schema.type) ? (schema.type as unknown[]) : [schema.type];
  const nonNull = types.filter((t) => t !== 'null');
  if (Array.isArray(schema.enum)) {
    const values = schema.enum.filter((v) => v !== null).map(String);
    const e: SchemaExpr = { kind: 'enum', values };
    return nonNull.length < types.length ? { kind: 'anyOf', members: [e, NULL] } : e;
  }
  if (schema.type === 'array') return { kind: 'array', items: schemaToExpr(schema.items) };
  if (types.length === 1) return primitive(types[0], schema.format);
  const members = nonNull.map((t) => primitive(t, schema.format));
  return { kind: 'anyOf', members: nonNull.length < types.length ? [...members, NULL] : members };
}

function pyString(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of s) {
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else out += ch;
  }
  return `${quote}${out}${quote}`;
}

/** Python's `repr` of a JSON value, the way the docs print `Example :` values. */
export function pythonRepr(value: unknown): string {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value);
  if (typeof value === 'string') return pyString(value);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  if (isObject(value)) return `{${Object.entries(value).map(([k, v]) => `${pyString(k)}: ${pythonRepr(v)}`).join(', ')}}`;
  return String(value);
}

/**
 * Text that `literalForSchema(text, expr)` reads back as `value`: the plain string first (the docs
 * write string examples bare), else Python's repr. undefined when no text gives the value back.
 */
export function valueText(value: unknown, expr: SchemaExpr): string | undefined {
  const candidates = typeof value === 'string' ? [value, pyString(value)] : [pythonRepr(value)];
  return candidates.find((text) => JSON.stringify(literalForSchema(text, expr)) === JSON.stringify(value));
}

/** Values recorded under an `x-scp-invalid-*` key: `{value, message}` or a list of them. */
export function invalidValues(recorded: unknown): unknown[] {
  const list = Array.isArray(recorded) ? recorded : recorded === undefined ? [] : [recorded];
  return list.filter(isObject).map((r) => r.value);
}

/** Constraint lines of a parameter or field, in the order the docs print them. */
export function constraintsOf(schema: Json, examples: readonly unknown[], expr: SchemaExpr): { constraints: Constraint[]; unrendered: string[] } {
  const constraints: Constraint[] = [];
  const unrendered: string[] = [];
  for (const value of examples) {
    const text = valueText(value, expr);
    if (text === undefined) unrendered.push(`example ${JSON.stringify(value)}`);
    else constraints.push({ key: 'Example', value: text });
  }
  const pattern = schema['x-scp-invalid-pattern'] ?? schema['x-scp-pattern-original'] ?? schema.pattern;
  if (typeof pattern === 'string') constraints.push({ key: 'Pattern', value: pattern });
  const numeric: readonly [string, Constraint['key']][] = [
    ['minLength', 'Minimum length'],
    ['maxLength', 'Maximum length'],
    ['minimum', 'Minimum'],
    ['maximum', 'Maximum'],
  ];
  for (const [keyword, key] of numeric) if (typeof schema[keyword] === 'number') constraints.push({ key, value: String(schema[keyword]) });
  return { constraints, unrendered };
}
