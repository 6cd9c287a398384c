/**
 * Schema column expression → JSON Schema 2020-12 (the OpenAPI 3.1 dialect), and the docs'
 * constraint lines / raw defaults → schema keywords. Never emits the 3.0 `nullable` keyword.
 * Pure; problems are returned as messages for the caller to turn into Diagnostics.
 */
import type { Constraint, SchemaExpr } from '../model.ts';
import { pythonLiteralToJson } from './python-literal.ts';
import { unicodeSafePattern } from './unicode-pattern.ts';

/** A JSON Schema object as emitted (known keywords typed, `x-` extensions open). */
export interface JsonSchema {
  $ref?: string;
  description?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  default?: unknown;
  examples?: unknown[];
  [extension: `x-${string}`]: unknown;
}

/** JSON value types as JSON Schema names them. */
type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null';

/**
 * The docs' `object` fields have no properties (their shape is only in a Python-literal example).
 * Say explicitly that any properties are allowed: it is the JSON Schema default anyway, and type
 * generators otherwise render a property-less object as an empty record (`Record<string, never>`).
 */
function withOpenObject(schema: JsonSchema): JsonSchema {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return types.includes('object') ? { ...schema, additionalProperties: true } : schema;
}

function isNull(expr: SchemaExpr): boolean {
  return expr.kind === 'primitive' && expr.type === 'null';
}

/** Convert a parsed Schema column to JSON Schema; `refFor` maps a model name to its `$ref` target. */
export function schemaExprToJsonSchema(expr: SchemaExpr, refFor: (model: string) => string): JsonSchema {
  switch (expr.kind) {
    case 'primitive':
      return withOpenObject(expr.format ? { type: expr.type, format: expr.format } : { type: expr.type });
    case 'array':
      return { type: 'array', items: schemaExprToJsonSchema(expr.items, refFor) };
    case 'enum':
      return { type: 'string', enum: [...expr.values] };
    case 'ref':
      return { $ref: refFor(expr.model) };
    case 'anyOf':
      return anyOfToJsonSchema(expr.members, refFor);
  }
}

function anyOfToJsonSchema(members: readonly SchemaExpr[], refFor: (model: string) => string): JsonSchema {
  const hasNull = members.some(isNull);
  const rest = members.filter((m) => !isNull(m));
  const only = rest.length === 1 ? rest[0] : undefined;
  if (only && hasNull) {
    // `any of [T, null]`: a type list where JSON Schema allows one, anyOf otherwise.
    if (only.kind === 'primitive') {
      const out: JsonSchema = { type: [only.type, 'null'] };
      if (only.format) out.format = only.format;
      return withOpenObject(out);
    }
    // The enum must list null too, or `type: [string, null]` would still reject null.
    if (only.kind === 'enum') return { type: ['string', 'null'], enum: [...only.values, null] };
    return { anyOf: [schemaExprToJsonSchema(only, refFor), { type: 'null' }] };
  }
  if (only && !hasNull) return schemaExprToJsonSchema(only, refFor);
  if (rest.length > 0 && rest.every((m) => m.kind === 'primitive' && !m.format)) {
    const types = [...new Set(rest.map((m) => (m as { type: string }).type))];
    return withOpenObject({ type: hasNull ? [...types, 'null'] : types });
  }
  const out = rest.map((m) => schemaExprToJsonSchema(m, refFor));
  if (hasNull) out.push({ type: 'null' });
  if (out.length === 0) return { type: 'null' };
  return { anyOf: out };
}

/** The JSON types a value of this expression may have (a model reference is an object). */
function jsonTypesOf(expr: SchemaExpr): Set<JsonType> {
  switch (expr.kind) {
    case 'primitive':
      return new Set([expr.type]);
    case 'array':
      return new Set(['array']);
    case 'enum':
      return new Set(['string']);
    case 'ref':
      return new Set(['object']);
    case 'anyOf':
      return new Set(expr.members.flatMap((m) => [...jsonTypesOf(m)]));
  }
}

function jsonTypeOfValue(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'string';
  return 'object';
}

function typeAllows(types: Set<JsonType>, value: unknown): boolean {
  const t = jsonTypeOfValue(value);
  return types.has(t) || (t === 'integer' && types.has('number'));
}

/**
 * Read a raw `Example :` / Default text as a value of the schema's type: a Python literal when it
 * parses to a non-string value the schema admits (`False`, `20`, `{'a': ''}`), the text itself when
 * the schema admits strings (`22.04` for a string stays "22.04"), otherwise the best reading, which
 * the example checker will then flag as not matching.
 */
export function literalForSchema(text: string, expr: SchemaExpr): unknown {
  const types = jsonTypesOf(expr);
  const parsed = pythonLiteralToJson(text);
  if (parsed.ok && typeof parsed.value !== 'string' && typeAllows(types, parsed.value)) return parsed.value;
  if (types.has('string')) return text;
  if (parsed.ok) return parsed.value;
  return text;
}

/** Raw Default column → default value; `None` and '' mean "no default". */
export function defaultForSchema(raw: string | undefined, expr: SchemaExpr): { present: false } | { present: true; value: unknown } {
  if (raw === undefined || raw === '' || raw === 'None') return { present: false };
  return { present: true, value: literalForSchema(raw, expr) };
}

export interface ConstrainedSchema {
  /** The input schema plus pattern/length/range keywords (examples are not added here). */
  readonly schema: JsonSchema;
  /** Converted `Example :` values, in order. */
  readonly examples: readonly unknown[];
  /** Human-readable problems (bad numbers, constraints that cannot apply to the type, bad patterns). */
  readonly problems: readonly string[];
}

const NUMERIC_KEYWORD = {
  Minimum: 'minimum',
  Maximum: 'maximum',
  'Minimum length': 'minLength',
  'Maximum length': 'maxLength',
} as const;

/**
 * Map constraint lines onto a schema: Minimum→minimum, Maximum→maximum, Minimum length→minLength,
 * Maximum length→maxLength, Pattern→pattern (made `u`-safe where the docs use identity escapes
 * that only work without the `u` flag, the docs' text kept as `x-scp-pattern-original`), Example→`examples` (converted, returned separately).
 */
export function applyConstraints(schema: JsonSchema, expr: SchemaExpr, constraints: readonly Constraint[]): ConstrainedSchema {
  const out: JsonSchema = { ...schema };
  const examples: unknown[] = [];
  const problems: string[] = [];
  const types = jsonTypesOf(expr);
  const numeric = types.has('integer') || types.has('number');
  const stringy = types.has('string');
  for (const c of constraints) {
    switch (c.key) {
      case 'Example':
        // An empty `Example :` line is the docs' placeholder for "no example".
        if (c.value.trim() !== '') examples.push(literalForSchema(c.value, expr));
        break;
      case 'Pattern': {
        if (!stringy) problems.push(`Pattern on a non-string schema: ${c.value}`);
        if (c.value === '') {
          problems.push('empty Pattern');
          break;
        }
        try {
          new RegExp(c.value);
        } catch (e) {
          problems.push(`Pattern is not a valid regular expression (${(e as Error).message}); kept as x-scp-invalid-pattern`);
          out['x-scp-invalid-pattern'] = c.value;
          break;
        }
        const previous = out['x-scp-pattern-original'] ?? out.pattern;
        if (previous !== undefined && previous !== c.value) problems.push(`second Pattern replaces ${String(previous)}`);
        // JSON Schema tools compile patterns with the u flag; keep the docs' text beside a u-safe equivalent.
        const safe = unicodeSafePattern(c.value);
        if (safe !== undefined) {
          out.pattern = safe;
          out['x-scp-pattern-original'] = c.value;
        } else {
          out.pattern = c.value;
          delete out['x-scp-pattern-original'];
          try {
            new RegExp(c.value, 'u');
          } catch (e) {
            problems.push(`Pattern does not compile with the u flag that JSON Schema tools use (${(e as Error).message})`);
          }
        }
        break;
      }
      default: {
        const keyword = NUMERIC_KEYWORD[c.key];
        const isLength = keyword === 'minLength' || keyword === 'maxLength';
        const n = /^-?\d+(?:\.\d+)?$/.test(c.value.trim()) ? Number(c.value.trim()) : NaN;
        if (Number.isNaN(n) || (isLength && (!Number.isInteger(n) || n < 0))) {
          problems.push(`${c.key} is not a ${isLength ? 'non-negative integer' : 'number'}: "${c.value}"`);
          break;
        }
        if (isLength && !stringy) problems.push(`${c.key} on a non-string schema`);
        if (!isLength && !numeric) problems.push(`${c.key} on a non-numeric schema`);
        if (out[keyword] !== undefined && out[keyword] !== n) problems.push(`second ${c.key} replaces ${String(out[keyword])}`);
        out[keyword] = n;
      }
    }
  }
  for (const [lo, hi] of [
    ['minimum', 'maximum'],
    ['minLength', 'maxLength'],
  ] as const) {
    const a = out[lo];
    const b = out[hi];
    if (a !== undefined && b !== undefined && a > b) problems.push(`${lo} ${a} is greater than ${hi} ${b}`);
  }
  return { schema: out, examples, problems };
}
