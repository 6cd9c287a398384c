/**
 * Reduce a JSON Schema (OpenAPI 3.1 dialect) to the facts the change report compares: type set,
 * nullability, enum values, constraints, default, properties. `$ref`s into `#/components/...` are
 * followed and the nearest model name is kept so that property paths can be rooted at it.
 * Pure; never throws on odd input (an unresolvable `$ref` becomes an untyped schema named by the ref).
 */
import { resolveLocalRef } from '../emit/json-pointer.ts';
import { isObject } from '../emit/json-value.ts';
import type { OpenApiDoc } from './types.ts';

type Obj = Readonly<Record<string, unknown>>;

export const CONSTRAINT_KEYS = [
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
] as const;
export type ConstraintName = (typeof CONSTRAINT_KEYS)[number];

export interface SchemaShape {
  /** Non-null JSON types; empty = any type. */
  readonly types: readonly string[];
  readonly nullable: boolean;
  /** Non-null enum values, undefined when the schema has no enum. */
  readonly enum?: readonly unknown[];
  readonly constraints: Readonly<Partial<Record<ConstraintName, unknown>>>;
  readonly hasDefault: boolean;
  readonly default?: unknown;
  readonly deprecated: boolean;
  /** Name of the component the schema was reached through (`#/components/schemas/<name>`). */
  readonly refName?: string;
  readonly properties?: Readonly<Record<string, unknown>>;
  readonly required: readonly string[];
  readonly items?: unknown;
}

function refName(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1);
}

function isNullSchema(s: unknown): boolean {
  return isObject(s) && (s.type === 'null' || (Array.isArray(s.enum) && s.enum.length === 1 && s.enum[0] === null));
}

function typeOfValue(v: unknown): string {
  if (Number.isInteger(v)) return 'integer';
  if (typeof v === 'number') return 'number';
  return typeof v;
}

/**
 * Unwrap `$ref` and the nullable wrapper `anyOf/oneOf: [X, {type: 'null'}]`, then read the facts.
 * Keys on a wrapper (default, deprecated, …) win over the inner schema's, as a validator sees both.
 */
export function schemaShape(doc: OpenApiDoc, schema: unknown): SchemaShape {
  let nullable = false;
  let name: string | undefined;
  const layers: Obj[] = [];
  let cur: unknown = schema;
  let unionTypes: string[] | undefined;
  for (let depth = 0; depth < 32; depth++) {
    if (!isObject(cur)) break;
    if (typeof cur.$ref === 'string') {
      name ??= refName(cur.$ref);
      const { $ref: _ref, ...rest } = cur;
      layers.push(rest);
      const target = resolveLocalRef(doc, cur.$ref);
      cur = target === undefined ? {} : target;
      continue;
    }
    const union = Array.isArray(cur.anyOf) ? cur.anyOf : Array.isArray(cur.oneOf) ? cur.oneOf : undefined;
    if (union) {
      const members = union as unknown[];
      if (members.some(isNullSchema)) nullable = true;
      const rest = members.filter((m) => !isNullSchema(m));
      const { anyOf: _a, oneOf: _o, ...wrapper } = cur;
      layers.push(wrapper);
      if (rest.length === 1) {
        cur = rest[0];
        continue;
      }
      // A real union of several types: compare its type set only.
      unionTypes = [...new Set(rest.flatMap((m) => [...schemaShape(doc, m).types]))];
      cur = {};
    }
    break;
  }
  if (isObject(cur)) layers.push(cur);
  // Inner first, wrappers override.
  const merged: Record<string, unknown> = {};
  for (const layer of [...layers].reverse()) Object.assign(merged, layer);

  let types: string[] = [];
  if (Array.isArray(merged.type)) types = (merged.type as unknown[]).map(String);
  else if (typeof merged.type === 'string') types = [merged.type];
  if (types.includes('null')) nullable = true;
  types = types.filter((t) => t !== 'null');
  if (unionTypes) types = [...new Set([...types, ...unionTypes])];
  let enumValues: unknown[] | undefined;
  if (Array.isArray(merged.enum)) {
    if (merged.enum.includes(null)) nullable = true;
    enumValues = (merged.enum as unknown[]).filter((v) => v !== null);
    if (types.length === 0) types = [...new Set(enumValues.map(typeOfValue))];
  }
  if (types.length === 0 && isObject(merged.properties)) types = ['object'];
  if (types.length === 0 && merged.items !== undefined) types = ['array'];

  const constraints: Partial<Record<ConstraintName, unknown>> = {};
  for (const k of CONSTRAINT_KEYS) if (merged[k] !== undefined) constraints[k] = merged[k];

  return {
    types: [...types].sort(),
    nullable,
    enum: enumValues,
    constraints,
    hasDefault: 'default' in merged,
    default: merged.default,
    deprecated: merged.deprecated === true,
    refName: name,
    properties: isObject(merged.properties) ? merged.properties : undefined,
    required: Array.isArray(merged.required) ? (merged.required as unknown[]).map(String) : [],
    items: merged.items,
  };
}
