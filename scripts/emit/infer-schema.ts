/**
 * Component schemas for models the docs reference but never define (AI&MLOps has no Models
 * section), inferred from the documented example JSON. The examples are weak evidence, so:
 * - a type is given only where the value shows it: `""` and `null` say nothing (the docs write `""`
 *   for integers and booleans too), so such a property stays an open schema with a note, unless
 *   the operation's description says the value is true / false (a single-property result object);
 * - arrays get an item type from the items the examples show; `[]` leaves the items open (noted);
 * - a string is `format: date-time` when every example of it is an RFC 3339 timestamp;
 * - `"CREATE | UPDATE | DELETE"` is an enum of those choices (the docs' way to list them);
 * - nothing is `required`, and the component is marked `x-scp-inferred: true`.
 * Several samples of one model are merged; conflicting evidence leaves the type open.
 * Pure; never throws.
 */
import type { SchemaExpr } from '../model.ts';
import type { JsonSchema } from './json-schema.ts';

/** One example value of a model and where it was documented (for the component's description). */
export interface ExampleSample {
  readonly value: unknown;
  readonly origin: string;
  /** The documenting operation's description says its result is true or false. */
  readonly saysTrueFalse?: boolean;
}

type Shape =
  | { readonly kind: 'unknown'; readonly seen: ReadonlySet<'empty-string' | 'null'> }
  | { readonly kind: 'mixed' }
  | { readonly kind: 'string'; readonly choices: readonly string[]; readonly plain: readonly string[]; readonly dateTime: boolean }
  | { readonly kind: 'integer' | 'number' }
  | { readonly kind: 'boolean'; readonly because?: string }
  | { readonly kind: 'array'; readonly items?: Shape }
  | { readonly kind: 'object'; readonly props: ReadonlyMap<string, Shape> };

/** RFC 3339 date-time as JSON Schema's `format: date-time` requires (a `Z` or `±hh:mm` offset). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

/** A description that documents a true / false result, e.g. `(false: no duplicate value, true: duplicate value)`. */
export function saysTrueFalse(description: string): boolean {
  return /\btrue\b/i.test(description) && /\bfalse\b/i.test(description);
}

/** `"CREATE | UPDATE | DELETE"` → ['CREATE', 'UPDATE', 'DELETE']; anything else → []. */
export function pseudoEnumChoices(value: string): string[] {
  // Only the spaced ` | ` separator counts: a bare `|` is more likely part of a regex or a path.
  const parts = value.split(' | ');
  if (parts.length < 2) return [];
  return parts.every((p) => p !== '' && p === p.trim() && !p.includes('|')) ? parts : [];
}

function shapeOf(value: unknown): Shape {
  if (value === null) return { kind: 'unknown', seen: new Set(['null']) };
  if (value === '') return { kind: 'unknown', seen: new Set(['empty-string']) };
  if (typeof value === 'string') {
    const choices = pseudoEnumChoices(value);
    return { kind: 'string', choices, plain: choices.length > 0 ? [] : [value], dateTime: DATE_TIME.test(value) };
  }
  if (typeof value === 'boolean') return { kind: 'boolean' };
  if (typeof value === 'number') return { kind: Number.isInteger(value) ? 'integer' : 'number' };
  if (Array.isArray(value)) {
    const items = value.map(shapeOf).reduce<Shape | undefined>((acc, s) => (acc ? mergeShapes(acc, s) : s), undefined);
    return items ? { kind: 'array', items } : { kind: 'array' };
  }
  if (typeof value === 'object') {
    const props = new Map<string, Shape>();
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) props.set(k, shapeOf(v));
    return { kind: 'object', props };
  }
  return { kind: 'mixed' };
}

function mergeShapes(a: Shape, b: Shape): Shape {
  if (a.kind === 'unknown' && b.kind === 'unknown') return { kind: 'unknown', seen: new Set([...a.seen, ...b.seen]) };
  // An empty string or null is no evidence against a type seen elsewhere.
  if (a.kind === 'unknown') return b;
  if (b.kind === 'unknown') return a;
  if (a.kind === 'mixed' || b.kind === 'mixed') return { kind: 'mixed' };
  if ((a.kind === 'integer' && b.kind === 'number') || (a.kind === 'number' && b.kind === 'integer')) return { kind: 'number' };
  if (a.kind === 'string' && b.kind === 'string') {
    return { kind: 'string', choices: [...new Set([...a.choices, ...b.choices])], plain: [...new Set([...a.plain, ...b.plain])], dateTime: a.dateTime && b.dateTime };
  }
  if (a.kind === 'array' && b.kind === 'array') {
    if (!a.items) return b;
    if (!b.items) return a;
    return { kind: 'array', items: mergeShapes(a.items, b.items) };
  }
  if (a.kind === 'object' && b.kind === 'object') {
    const props = new Map(a.props);
    for (const [k, v] of b.props) {
      const prev = props.get(k);
      props.set(k, prev ? mergeShapes(prev, v) : v);
    }
    return { kind: 'object', props };
  }
  if (a.kind === b.kind) return a;
  return { kind: 'mixed' };
}

function shapeToSchema(shape: Shape): JsonSchema {
  switch (shape.kind) {
    case 'unknown': {
      const what = [...shape.seen].map((s) => (s === 'null' ? 'null' : 'an empty string')).join(' or ');
      return { description: `Type not documented: the example value is only ${what}.` };
    }
    case 'mixed':
      return { description: 'Type not documented: the examples disagree on the type.' };
    case 'string':
      return stringSchema(shape);
    case 'integer':
    case 'number':
      return { type: shape.kind };
    case 'boolean':
      return shape.because !== undefined ? { description: `true or false, as ${shape.because} says.`, type: 'boolean' } : { type: 'boolean' };
    case 'array':
      return shape.items ? { type: 'array', items: shapeToSchema(shape.items) } : { description: 'Item type not documented: the example array is empty.', type: 'array' };
    case 'object': {
      const properties: Record<string, JsonSchema> = {};
      for (const [k, v] of shape.props) Object.defineProperty(properties, k, { value: shapeToSchema(v), enumerable: true, writable: true, configurable: true });
      return { type: 'object', properties };
    }
  }
}

function stringSchema(shape: Extract<Shape, { kind: 'string' }>): JsonSchema {
  // Choices become an enum only when every plain example is one of them.
  if (shape.choices.length > 0 && shape.plain.every((v) => shape.choices.includes(v))) return { type: 'string', enum: [...shape.choices] };
  return shape.dateTime ? { type: 'string', format: 'date-time' } : { type: 'string' };
}

/**
 * A sample whose operation documents a true / false result: a result object with one property
 * and no typed value (`{"result": ""}`) has a boolean there.
 */
function sampleShape(sample: ExampleSample): Shape {
  const shape = shapeOf(sample.value);
  if (sample.saysTrueFalse !== true || shape.kind !== 'object' || shape.props.size !== 1) return shape;
  const [[name, only]] = [...shape.props] as [[string, Shape]];
  if (only.kind !== 'unknown') return shape;
  const operation = sample.origin.replace(/ (?:request body|response \d+)$/, '');
  return { kind: 'object', props: new Map([[name, { kind: 'boolean', because: `the description of ${operation}` }]]) };
}

function inferFromSamples(samples: readonly ExampleSample[]): JsonSchema {
  const merged = samples.map(sampleShape).reduce<Shape | undefined>((acc, s) => (acc ? mergeShapes(acc, s) : s), undefined);
  return merged ? shapeToSchema(merged) : {};
}

/** Shape-only schema of the merged example values (no marker, no description). */
export function inferSchema(values: readonly unknown[]): JsonSchema {
  return inferFromSamples(values.map((value) => ({ value, origin: '' })));
}

/** A component schema for `model`, inferred from its samples; undefined when there is none. */
export function inferComponentSchema(model: string, samples: readonly ExampleSample[]): JsonSchema | undefined {
  if (samples.length === 0) return undefined;
  const origins = [...new Set(samples.map((s) => s.origin))];
  const schema = inferFromSamples(samples);
  const note =
    `The docs define no ${model} model; this schema is inferred from the documented example JSON ` +
    `(${origins.join('; ')}). Types are given only where the example shows them; no property is known to be required.`;
  return {
    ...schema,
    description: schema.description ? `${note} ${schema.description}` : note,
    'x-scp-inferred': true,
  };
}

/**
 * The parts of an example `value` documented with schema `expr` that are instances of `model`:
 * the value itself for `Model`, each element for `array[Model]`, the non-null value for `any of [Model, null]`.
 */
export function samplesForModel(expr: SchemaExpr, value: unknown, model: string): unknown[] {
  if (value === undefined) return [];
  switch (expr.kind) {
    case 'ref':
      return expr.model === model ? [value] : [];
    case 'array':
      return Array.isArray(value) ? value.flatMap((v) => samplesForModel(expr.items, v, model)) : [];
    case 'anyOf':
      return value === null ? [] : expr.members.flatMap((m) => samplesForModel(m, value, model));
    default:
      return [];
  }
}
