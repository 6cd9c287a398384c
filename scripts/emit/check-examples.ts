/**
 * The docs' examples and defaults often contradict their own schemas (`""` for an integer, an
 * `object` field whose default is the string `CPU`). This pass validates every example and default
 * in an emitted OpenAPI document (JSON Schema 2020-12, `$ref`s resolved against the document's
 * components). A failing example is published repaired where its schema offers valid replacements
 * (repair-example.ts), the original kept under `x-scp-original-example` with the reason and the
 * changes; one that cannot be repaired, and every failing default, moves under
 * `x-scp-invalid-example` / `x-scp-invalid-default` with the reason. So nothing is dropped and
 * nothing invalid is presented as a valid example. Pure: the input document is not modified.
 *
 * The validator is @cfworker/json-schema, which interprets schemas where ajv generated and compiled
 * code for each one: a build checks each schema a few times at most, so compiling cost far more
 * than it saved (most of a cold build's emit time). Values are validated against the schema objects
 * of the output document itself, with no per-schema copy. Patterns are matched with the `u` flag,
 * as JSON Schema specifies (the emitter writes `u`-safe patterns); `format` is checked by
 * cfworker's RFC 3339 rules (`date-time` needs `Z` or a `±hh:mm` offset), and numeric formats such
 * as `int32` are annotations only. A schema that reaches a `$ref` naming nothing, or a pattern that
 * does not compile, is reported as not compilable whatever the value, as ajv did.
 */
import { validate, type OutputUnit, type Schema } from '@cfworker/json-schema';
import { pointerTo, unescapePointerPart } from './json-pointer.ts';
import { hasOwn, isObject, type Json } from './json-value.ts';
import { repairExample, type Repair, type SchemaAccess } from './repair-example.ts';
import { groupBy } from '../group-by.ts';
import { HTTP_METHODS } from '../openapi-operations.ts';

export interface ExampleFinding {
  readonly kind: 'example' | 'default';
  /** JSON pointer (RFC 6901) of the schema, parameter or media type object that held the value. */
  readonly pointer: string;
  readonly value: unknown;
  readonly message: string;
  /** `repaired`: published repaired (the changes in `repairs`); `removed`: moved under `x-scp-invalid-*`. */
  readonly outcome: 'repaired' | 'removed';
  readonly repairs?: readonly Repair[];
}

export interface CheckExamplesResult {
  readonly doc: Record<string, unknown>;
  readonly invalidExamples: number;
  readonly invalidDefaults: number;
  /** Invalid examples published repaired (counted in `invalidExamples` too). */
  readonly repairedExamples: number;
  /** Checked values: how many examples and defaults were validated (valid or not). */
  readonly checked: number;
  readonly findings: readonly ExampleFinding[];
}

/** Where an invalid value is recorded: `{value, message}` (or a list of them if several failed). */
export const INVALID_EXAMPLE_KEY = 'x-scp-invalid-example';
export const INVALID_DEFAULT_KEY = 'x-scp-invalid-default';
/** Where the docs' original of a repaired example is kept: `{value, message, repairs}`. */
export const ORIGINAL_EXAMPLE_KEY = 'x-scp-original-example';

const COMPONENT_REF = /^#\/components\/schemas\/(.+)$/;
const DRAFT = '2020-12';

/** `$ref` text → the schema it names, as the validator looks refs up. */
type Lookup = Record<string, Schema | boolean>;

const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas']);
/** Values the validator never reads as schemas: annotations (which may hold anything) and data keywords. */
const NOT_SCHEMAS = new Set(['examples', 'default', 'example', 'description', 'title', 'enum', 'const', 'required']);

function compiles(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}

/**
 * The schemas of one document as the validator sees them: the document's own objects (annotations,
 * including those the check moves, are ignored by the validator), with every
 * `#/components/schemas/...` ref indexed. Before a schema is used, everything it reaches is checked
 * to resolve and compile, so the result never depends on which parts a value happens to reach.
 */
class DocSchemas {
  readonly lookup: Lookup = Object.create(null) as Lookup;
  /** Why some component cannot be used (undefined: every one can). */
  private readonly componentsProblem: string | undefined;
  private readonly problems = new WeakMap<object, string | null>();

  constructor(private readonly components: Json) {
    const seen = new Set<object>();
    let why: string | undefined;
    for (const name of Object.keys(components)) {
      why = this.unusableShape(components[name]) ?? this.problem(components[name], seen, false);
      if (why !== undefined) break;
    }
    this.componentsProblem = why;
  }

  private unusableShape(schema: unknown): string | undefined {
    return typeof schema === 'boolean' || isObject(schema) ? undefined : 'schema must be object or boolean';
  }

  /** The schema a `$ref` names, indexed for the validator; undefined when it names nothing. */
  resolve(ref: string): unknown {
    if (ref in this.lookup) return this.lookup[ref];
    const m = COMPONENT_REF.exec(ref);
    if (!m) return undefined;
    let node: unknown = this.components;
    try {
      for (const part of decodeURIComponent(m[1] as string).split('/')) {
        const key = unescapePointerPart(part);
        node = typeof node === 'object' && node !== null && Object.prototype.hasOwnProperty.call(node, key) ? (node as Json)[key] : undefined;
      }
    } catch {
      return undefined;
    }
    if (typeof node === 'boolean' || isObject(node)) this.lookup[ref] = node as Schema | boolean;
    return node;
  }

  /**
   * Why `schema` cannot be used: a `$ref` that names nothing or a pattern that does not compile
   * with the `u` flag, anywhere it reaches. `intoComponents`: follow refs into the components
   * (not needed once they are known to be usable).
   */
  private problem(schema: unknown, seen: Set<object>, intoComponents: boolean): string | undefined {
    if (typeof schema !== 'object' || schema === null || seen.has(schema)) return undefined;
    seen.add(schema);
    if (Array.isArray(schema)) {
      for (const item of schema) {
        const why = this.problem(item, seen, intoComponents);
        if (why !== undefined) return why;
      }
      return undefined;
    }
    const node = schema as Json;
    for (const k of Object.keys(node)) {
      const v = node[k];
      let why: string | undefined;
      if (k === '$ref') {
        const target = typeof v === 'string' ? this.resolve(v) : undefined;
        if (typeof target !== 'boolean' && !isObject(target)) why = `can't resolve reference ${String(v)}`;
        else if (intoComponents) why = this.problem(target, seen, true);
      } else if (k === 'pattern' && typeof v === 'string') {
        if (!compiles(v)) why = `pattern ${JSON.stringify(v)} is not a valid regular expression with the u flag`;
      } else if (NOT_SCHEMAS.has(k) || k.startsWith('x-')) continue;
      else if (SCHEMA_MAPS.has(k) && isObject(v)) {
        for (const name of Object.keys(v)) {
          if (k === 'patternProperties' && !compiles(name)) why = `pattern ${JSON.stringify(name)} is not a valid regular expression with the u flag`;
          else why = this.problem(v[name], seen, intoComponents);
          if (why !== undefined) break;
        }
      } else why = this.problem(v, seen, intoComponents);
      if (why !== undefined) return why;
    }
    return undefined;
  }

  /**
   * Why `schema` (found at `pointer`) cannot be used, or undefined when it can. Checking only ever
   * moves annotations, which the validator never reads, so the answer is kept per schema object.
   */
  unusable(schema: unknown, pointer: string): string | undefined {
    if (!isObject(schema)) return this.unusableShape(schema);
    const known = this.problems.get(schema);
    if (known !== undefined) return known ?? undefined;
    let why: string | undefined;
    if (this.componentsProblem === undefined) {
      // Every component is usable: only what the schema holds itself needs a look.
      why = pointer.startsWith('/components/schemas/') ? undefined : this.problem(schema, new Set(), false);
    } else why = this.problem(schema, new Set(), true);
    this.problems.set(schema, why ?? null);
    return why;
  }
}

// --- messages ----------------------------------------------------------------------------------
// cfworker lists errors flat, each "a subschema failed" entry ($ref, properties, items, anyOf, ...)
// followed by the errors of that subschema. The message names the first failure along that chain
// (for anyOf/oneOf: the first failure of each branch, then the anyOf itself), in ajv's words:
// `example/items/0/tag_key must NOT have more than 2 characters`.

/** The message of a failed keyword, worded as ajv words it (`{}` is the keyword's value in the schema). */
const LEAF_MESSAGES: Readonly<Record<string, string>> = {
  type: 'must be {}',
  enum: 'must be equal to one of the allowed values',
  const: 'must be equal to constant',
  minLength: 'must NOT have fewer than {} characters',
  maxLength: 'must NOT have more than {} characters',
  minItems: 'must NOT have fewer than {} items',
  maxItems: 'must NOT have more than {} items',
  minProperties: 'must NOT have fewer than {} properties',
  maxProperties: 'must NOT have more than {} properties',
  minimum: 'must be >= {}',
  maximum: 'must be <= {}',
  exclusiveMinimum: 'must be > {}',
  exclusiveMaximum: 'must be < {}',
  multipleOf: 'must be multiple of {}',
  pattern: 'must match pattern "{}"',
  format: 'must match format "{}"',
  not: 'must NOT be valid',
};

/** Error kinds that only say "a subschema failed"; what failed follows them. */
const WRAPPERS = new Set([
  '$ref', 'properties', 'patternProperties', 'additionalProperties', 'items', 'prefixItems', 'additionalItems',
  'dependentSchemas', 'if', 'propertyNames', 'unevaluatedProperties', 'unevaluatedItems', 'allOf', 'anyOf', 'oneOf',
]);

interface ErrorNode {
  readonly unit: OutputUnit;
  readonly children: ErrorNode[];
}

function errorTree(units: readonly OutputUnit[]): ErrorNode[] {
  const roots: ErrorNode[] = [];
  const open: ErrorNode[] = [];
  for (const unit of units) {
    const node: ErrorNode = { unit, children: [] };
    // A `false` schema's error carries the instance location, not its own: it belongs to the wrapper just opened.
    if (unit.keyword !== 'false') {
      while (open.length > 0 && !unit.keywordLocation.startsWith(`${(open[open.length - 1] as ErrorNode).unit.keywordLocation}/`)) open.pop();
    }
    (open.length > 0 ? (open[open.length - 1] as ErrorNode).children : roots).push(node);
    if (WRAPPERS.has(unit.keyword)) open.push(node);
  }
  return roots;
}

/** Segments of a cfworker location (`#/a%20b/0`) as JSON-pointer parts (`a b`, `0`, still ~-escaped). */
function locationParts(location: string): string[] {
  if (location === '#' || location === '') return [];
  return location.slice(2).split('/').map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
}

/** Walk a location from `root`; in a schema, a `$ref` segment follows the ref. */
function at(root: unknown, location: string, lookup?: Lookup): unknown {
  let node = root;
  for (const part of locationParts(location)) {
    if (typeof node !== 'object' || node === null) return undefined;
    const key = unescapePointerPart(part);
    if (lookup && key === '$ref' && isObject(node) && typeof node.$ref === 'string') node = lookup[node.$ref];
    else node = Object.prototype.hasOwnProperty.call(node, key) ? (node as Json)[key] : undefined;
  }
  return node;
}

class Explainer {
  constructor(
    private readonly schema: Schema | boolean,
    private readonly lookup: Lookup,
    private readonly value: unknown,
    private readonly what: string,
  ) {}

  private say(instanceLocation: string, message: string): string {
    const path = locationParts(instanceLocation).map((p) => `/${p}`).join('');
    return `${this.what}${path} ${message}`;
  }

  private leaf(unit: OutputUnit): string {
    const v = at(this.schema, unit.keywordLocation, this.lookup);
    if (unit.keyword === 'type' && Array.isArray(v)) return `must be ${v.join(',')}`;
    if (unit.keyword === 'required') {
      const data = at(this.value, unit.instanceLocation);
      const missing = Array.isArray(v) && isObject(data) ? v.find((k) => typeof k === 'string' && !hasOwn(data, k)) : undefined;
      return missing !== undefined ? `must have required property '${String(missing)}'` : unit.error;
    }
    const message = hasOwn(LEAF_MESSAGES, unit.keyword) ? LEAF_MESSAGES[unit.keyword] : undefined;
    return message === undefined ? unit.error : message.replace('{}', () => String(v));
  }

  /** The first failure among sibling errors (every branch's, for anyOf / oneOf). */
  explain(nodes: readonly ErrorNode[]): string[] {
    for (const node of nodes) {
      const { keyword, keywordLocation, instanceLocation } = node.unit;
      if (keyword === 'anyOf' || keyword === 'oneOf') {
        const branches = groupBy(node.children, (child) => child.unit.keywordLocation.slice(keywordLocation.length + 1).split('/')[0] ?? '');
        const parts = [...branches.values()].flatMap((b) => this.explain(b));
        parts.push(this.say(instanceLocation, keyword === 'anyOf' ? 'must match a schema in anyOf' : 'must match exactly one schema in oneOf'));
        return parts;
      }
      if (keyword === 'additionalProperties' && node.children[0]?.unit.keyword === 'false') {
        return [this.say(instanceLocation, 'must NOT have additional properties')];
      }
      if (WRAPPERS.has(keyword)) {
        const inner = this.explain(node.children);
        if (inner.length > 0) return inner;
        continue;
      }
      return [this.say(instanceLocation, this.leaf(node.unit))];
    }
    return [];
  }
}

class Checker implements SchemaAccess {
  private readonly schemas: DocSchemas;
  readonly findings: ExampleFinding[] = [];
  checked = 0;

  constructor(components: Json) {
    this.schemas = new DocSchemas(components);
  }

  /** undefined when valid; otherwise the reason. */
  check(schema: unknown, pointer: string, value: unknown, what: string): string | undefined {
    this.checked++;
    const why = this.schemas.unusable(schema, pointer);
    if (why !== undefined) return `schema could not be compiled: ${why}`;
    const target = schema as Schema | boolean;
    const lookup = this.schemas.lookup;
    let errors: OutputUnit[];
    try {
      const result = validate(value, target, DRAFT, lookup, true);
      if (result.valid) return undefined;
      errors = result.errors;
    } catch (e) {
      return `${what} could not be validated: ${(e as Error).message}`;
    }
    const parts = new Explainer(target, lookup, value, what).explain(errorTree(errors));
    return parts.length > 0 ? parts.join(', ') : `${what} is not valid`;
  }

  /** SchemaAccess for the repairer: a sub-schema of the document (refs resolved as the validator does). */
  valid(value: unknown, schema: unknown): boolean {
    if (this.schemas.unusable(schema, '') !== undefined) return false;
    try {
      return validate(value, schema as Schema | boolean, DRAFT, this.schemas.lookup, true).valid;
    } catch {
      return false;
    }
  }

  resolve(ref: string): unknown {
    return this.schemas.resolve(ref);
  }

  private record(holder: Json, key: string, entry: Json): void {
    const prev = holder[key];
    holder[key] = prev === undefined ? entry : Array.isArray(prev) ? [...prev, entry] : [prev, entry];
  }

  /**
   * A failing example: repaired when its schema allows (the original recorded under
   * ORIGINAL_EXAMPLE_KEY), else recorded under INVALID_EXAMPLE_KEY. Returns the value to publish.
   */
  private failedExample(holder: Json, schema: unknown, pointer: string, value: unknown, message: string): { value: unknown } | undefined {
    const repaired = repairExample(value, schema, this);
    if (repaired) {
      this.findings.push({ kind: 'example', pointer, value, message, outcome: 'repaired', repairs: repaired.repairs });
      this.record(holder, ORIGINAL_EXAMPLE_KEY, { value, message, repairs: repaired.repairs });
      return { value: repaired.value };
    }
    this.findings.push({ kind: 'example', pointer, value, message, outcome: 'removed' });
    this.record(holder, INVALID_EXAMPLE_KEY, { value, message });
    return undefined;
  }

  /** Validate `example` of a parameter or media type object against its `schema`. */
  holderExample(holder: Json, pointer: string): void {
    if (!('example' in holder) || holder.schema === undefined) return;
    const message = this.check(holder.schema, pointerTo(pointer, 'schema'), holder.example, 'example');
    if (message === undefined) return;
    const published = this.failedExample(holder, holder.schema, pointer, holder.example, message);
    if (published) holder.example = published.value;
    else delete holder.example;
  }

  /** Validate a schema's own `default` / `examples` / `example`, then recurse into subschemas. */
  schema(schema: unknown, pointer: string): void {
    if (!isObject(schema)) return;
    if ('default' in schema) {
      const message = this.check(schema, pointer, schema.default, 'default');
      if (message !== undefined) {
        this.findings.push({ kind: 'default', pointer, value: schema.default, message, outcome: 'removed' });
        this.record(schema, INVALID_DEFAULT_KEY, { value: schema.default, message });
        delete schema.default;
      }
    }
    if (Array.isArray(schema.examples)) this.examplesList(schema, schema.examples, pointer);
    if ('example' in schema) {
      const message = this.check(schema, pointer, schema.example, 'example');
      if (message !== undefined) {
        const published = this.failedExample(schema, schema, pointer, schema.example, message);
        if (published) schema.example = published.value;
        else delete schema.example;
      }
    }
    this.subschemas(schema, pointer);
  }

  /**
   * A schema's `examples`: the failing ones are repaired only when none passes (a repaired copy
   * next to a valid documented example would add nothing); otherwise they are left out.
   */
  private examplesList(schema: Json, examples: readonly unknown[], pointer: string): void {
    const checked = examples.map((value) => ({ value, message: this.check(schema, pointer, value, 'example') }));
    const anyValid = checked.some((c) => c.message === undefined);
    const kept: unknown[] = [];
    for (const { value, message } of checked) {
      let published: { value: unknown } | undefined = { value };
      if (message !== undefined && anyValid) {
        this.findings.push({ kind: 'example', pointer, value, message, outcome: 'removed' });
        this.record(schema, INVALID_EXAMPLE_KEY, { value, message });
        published = undefined;
      } else if (message !== undefined) published = this.failedExample(schema, schema, pointer, value, message);
      if (published && !kept.some((k) => JSON.stringify(k) === JSON.stringify(published.value))) kept.push(published.value);
    }
    if (kept.length > 0) schema.examples = kept;
    else delete schema.examples;
  }

  private subschemas(schema: Json, pointer: string): void {
    if (isObject(schema.properties)) {
      for (const [name, sub] of Object.entries(schema.properties)) this.schema(sub, pointerTo(pointer, 'properties', name));
    }
    if (isObject(schema.items)) this.schema(schema.items, pointerTo(pointer, 'items'));
    if (isObject(schema.additionalProperties)) this.schema(schema.additionalProperties, pointerTo(pointer, 'additionalProperties'));
    for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems']) {
      const list = schema[key];
      if (Array.isArray(list)) list.forEach((sub, i) => this.schema(sub, pointerTo(pointer, key, i)));
    }
  }

  content(content: unknown, pointer: string): void {
    if (!isObject(content)) return;
    for (const [mediaType, media] of Object.entries(content)) {
      if (!isObject(media)) continue;
      const p = pointerTo(pointer, mediaType);
      this.schema(media.schema, pointerTo(p, 'schema'));
      this.holderExample(media, p);
    }
  }

  parameters(params: unknown, base: string): void {
    if (!Array.isArray(params)) return;
    params.forEach((param, i) => {
      if (!isObject(param)) return;
      const p = pointerTo(base, 'parameters', i);
      this.schema(param.schema, pointerTo(p, 'schema'));
      this.holderExample(param, p);
    });
  }

  operation(op: Json, pointer: string): void {
    this.parameters(op.parameters, pointer);
    if (isObject(op.requestBody)) this.content(op.requestBody.content, pointerTo(pointer, 'requestBody', 'content'));
    if (!isObject(op.responses)) return;
    for (const [code, response] of Object.entries(op.responses)) {
      if (isObject(response)) this.content(response.content, pointerTo(pointer, 'responses', code, 'content'));
    }
  }
}

/**
 * Validate every example and default in `doc`; failing examples are published repaired where
 * possible, everything else that fails moves under the `x-scp-invalid-*` keys.
 */
export function checkExamples(doc: Record<string, unknown>): CheckExamplesResult {
  const out = structuredClone(doc);
  const components = isObject(out.components) ? out.components : {};
  const schemas = isObject(components.schemas) ? components.schemas : {};
  const checker = new Checker(schemas);
  for (const [name, schema] of Object.entries(schemas)) checker.schema(schema, pointerTo('/components/schemas', name));
  const paths = isObject(out.paths) ? out.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    const itemPtr = pointerTo('/paths', path);
    checker.parameters(item.parameters, itemPtr);
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (isObject(op)) checker.operation(op, pointerTo(itemPtr, method));
    }
  }
  const findings = checker.findings;
  return {
    doc: out,
    invalidExamples: findings.filter((f) => f.kind === 'example').length,
    invalidDefaults: findings.filter((f) => f.kind === 'default').length,
    repairedExamples: findings.filter((f) => f.outcome === 'repaired').length,
    checked: checker.checked,
    findings,
  };
}
