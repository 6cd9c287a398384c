/**
 * Deterministic YAML / JSON text for an emitted OpenAPI document. Keys are put in a fixed order
 * that depends only on where they are, not on the order the emitter inserted them:
 * - the root: openapi, info, externalDocs, servers, security, tags, paths, components;
 * - paths sorted by path; methods get, put, post, delete, patch (then the rest);
 * - response codes ascending (ranges such as `2XX` after the codes), `default` last;
 * - component, security scheme and server variable names sorted;
 * - schema keywords in one canonical order, then other keys sorted, then `x-` extensions sorted.
 * The order of `properties` is kept (it is the documented field order), and example / default /
 * enum values are data, copied as they are. Pure.
 */
import { Document, isMap, isPair, isScalar, isSeq, Pair, parse, Scalar, YAMLMap, YAMLSeq, type Node, type Schema } from 'yaml';
import { isObject } from './json-value.ts';

type Ctx =
  | 'root'
  | 'info'
  | 'server'
  | 'serverVariables'
  | 'serverVariable'
  | 'tag'
  | 'paths'
  | 'pathItem'
  | 'operation'
  | 'parameter'
  | 'requestBody'
  | 'content'
  | 'mediaType'
  | 'responses'
  | 'response'
  | 'components'
  | 'schemaMapSorted'
  | 'schemaMapOrdered'
  | 'schema'
  | 'securitySchemes'
  | 'securityScheme'
  | 'externalDocs'
  | 'data';

type Child = Ctx | { readonly arrayOf: Ctx };

interface Layout {
  /** Keys in this order first; then other keys sorted, then `x-` keys sorted. */
  readonly order: readonly string[];
  readonly children: Readonly<Record<string, Child>>;
  /** For maps: how entries are ordered and what each value is. */
  readonly map?: {
    readonly sort: 'name' | 'path' | 'code' | 'keep';
    readonly value: Ctx;
    /** Whether `x-` keys of this map are extensions (Paths, Responses) rather than names (properties). */
    readonly extensions?: boolean;
  };
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];

const SCHEMA_ORDER = [
  '$id', '$schema', '$ref', 'title', 'description', 'type', 'format', 'const', 'enum', 'items', 'prefixItems',
  'properties', 'additionalProperties', 'patternProperties', 'required', 'anyOf', 'oneOf', 'allOf', 'not',
  'minimum', 'exclusiveMinimum', 'maximum', 'exclusiveMaximum', 'multipleOf', 'minLength', 'maxLength', 'pattern',
  'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties', 'default', 'examples', 'example',
  'deprecated', 'readOnly', 'writeOnly', '$defs',
];

const LAYOUTS: Readonly<Record<Exclude<Ctx, 'data'>, Layout>> = {
  root: {
    order: ['openapi', 'info', 'jsonSchemaDialect', 'externalDocs', 'servers', 'security', 'tags', 'paths', 'webhooks', 'components'],
    children: { info: 'info', externalDocs: 'externalDocs', servers: { arrayOf: 'server' }, tags: { arrayOf: 'tag' }, paths: 'paths', components: 'components' },
  },
  info: { order: ['title', 'summary', 'description', 'version', 'termsOfService', 'contact', 'license'], children: {} },
  server: { order: ['url', 'description', 'variables'], children: { variables: 'serverVariables' } },
  serverVariables: { order: [], children: {}, map: { sort: 'name', value: 'serverVariable' } },
  serverVariable: { order: ['enum', 'default', 'description'], children: {} },
  tag: { order: ['name', 'description', 'externalDocs'], children: { externalDocs: 'externalDocs' } },
  externalDocs: { order: ['description', 'url'], children: {} },
  paths: { order: [], children: {}, map: { sort: 'path', value: 'pathItem', extensions: true } },
  pathItem: {
    order: ['summary', 'description', 'servers', 'parameters', ...METHODS],
    children: { parameters: { arrayOf: 'parameter' }, ...Object.fromEntries(METHODS.map((m) => [m, 'operation' as const])) },
  },
  operation: {
    order: ['tags', 'summary', 'description', 'externalDocs', 'operationId', 'parameters', 'requestBody', 'responses', 'callbacks', 'deprecated', 'security', 'servers'],
    children: { parameters: { arrayOf: 'parameter' }, requestBody: 'requestBody', responses: 'responses', externalDocs: 'externalDocs' },
  },
  parameter: {
    order: ['name', 'in', 'description', 'required', 'deprecated', 'allowEmptyValue', 'style', 'explode', 'schema', 'example', 'examples'],
    children: { schema: 'schema' },
  },
  requestBody: { order: ['description', 'required', 'content'], children: { content: 'content' } },
  content: { order: [], children: {}, map: { sort: 'name', value: 'mediaType' } },
  mediaType: { order: ['schema', 'example', 'examples', 'encoding'], children: { schema: 'schema' } },
  responses: { order: [], children: {}, map: { sort: 'code', value: 'response', extensions: true } },
  response: { order: ['description', 'headers', 'content', 'links'], children: { content: 'content' } },
  components: {
    order: ['schemas', 'responses', 'parameters', 'examples', 'requestBodies', 'headers', 'securitySchemes', 'links', 'callbacks', 'pathItems'],
    children: { schemas: 'schemaMapSorted', securitySchemes: 'securitySchemes' },
  },
  schemaMapSorted: { order: [], children: {}, map: { sort: 'name', value: 'schema' } },
  schemaMapOrdered: { order: [], children: {}, map: { sort: 'keep', value: 'schema' } },
  schema: {
    order: SCHEMA_ORDER,
    children: {
      items: 'schema',
      additionalProperties: 'schema',
      not: 'schema',
      properties: 'schemaMapOrdered',
      patternProperties: 'schemaMapOrdered',
      $defs: 'schemaMapSorted',
      anyOf: { arrayOf: 'schema' },
      oneOf: { arrayOf: 'schema' },
      allOf: { arrayOf: 'schema' },
      prefixItems: { arrayOf: 'schema' },
    },
  },
  securitySchemes: { order: [], children: {}, map: { sort: 'name', value: 'securityScheme' } },
  securityScheme: { order: ['type', 'description', 'name', 'in', 'scheme', 'bearerFormat', 'flows', 'openIdConnectUrl'], children: {} },
};

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Response codes: numeric codes ascending, then ranges (`2XX`), then `default`. (JavaScript lists
 * integer-like keys first whatever the insertion order, so numeric codes must come first anyway.)
 */
function byResponseCode(a: string, b: string): number {
  const rank = (c: string): string => (/^\d+$/.test(c) ? `0${c.padStart(3, '0')}` : c === 'default' ? '2' : `1${c.toUpperCase()}`);
  return byCodeUnits(rank(a), rank(b));
}

function setKey(out: Record<string, unknown>, key: string, value: unknown): void {
  // defineProperty: a key such as `__proto__` must stay an ordinary key.
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}

function canonChild(value: unknown, child: Child | undefined): unknown {
  if (child === undefined) return value;
  if (typeof child === 'object') return Array.isArray(value) ? value.map((v) => canon(v, child.arrayOf)) : value;
  return canon(value, child);
}

/** Each layout's `order` as a set, for the per-key membership test. */
const ORDER_SETS = new Map<Layout, ReadonlySet<string>>(Object.values(LAYOUTS).map((l) => [l, new Set(l.order)]));

/** The keys of an object in `ctx`, in canonical order, each with what its value is (undefined: data). */
function orderedKeys(value: Record<string, unknown>, ctx: Exclude<Ctx, 'data'>): [string, Child | undefined][] {
  const layout = LAYOUTS[ctx];
  const keys = Object.keys(value);
  const out: [string, Child | undefined][] = [];
  if (layout.map) {
    const { sort, value: valueCtx, extensions } = layout.map;
    const entries: string[] = [];
    const ext: string[] = [];
    for (const k of keys) (extensions === true && k.startsWith('x-') ? ext : entries).push(k);
    if (sort !== 'keep') entries.sort(sort === 'code' ? byResponseCode : byCodeUnits);
    for (const k of entries) out.push([k, valueCtx]);
    for (const k of ext.sort(byCodeUnits)) out.push([k, undefined]);
    return out;
  }
  const inOrder = ORDER_SETS.get(layout) as ReadonlySet<string>;
  const other: string[] = [];
  const ext: string[] = [];
  for (const k of keys) if (!inOrder.has(k)) (k.startsWith('x-') ? ext : other).push(k);
  // hasOwn: a key such as `constructor` must not find Object.prototype's.
  const childOf = (k: string): Child | undefined => (Object.hasOwn(layout.children, k) ? layout.children[k] : undefined);
  for (const k of layout.order) if (k in value) out.push([k, childOf(k)]);
  for (const k of other.sort(byCodeUnits)) out.push([k, childOf(k)]);
  for (const k of ext.sort(byCodeUnits)) out.push([k, childOf(k)]);
  return out;
}

function canon(value: unknown, ctx: Ctx): unknown {
  if (ctx === 'data' || !isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, child] of orderedKeys(value, ctx)) setKey(out, k, canonChild(value[k], child));
  return out;
}

/** The document with every object's keys in canonical order (a new object; input untouched). */
export function canonicalizeSpec(doc: Record<string, unknown>): Record<string, unknown> {
  return canon(doc, 'root') as Record<string, unknown>;
}

// Strings a YAML 1.1 reader (PyYAML, js-yaml's default schema) could take for something else:
// yes/no/on/off/y/n, dates, 1_000, 012, 1:30 and the like. Checked with yaml's own 1.1 schema.
const MAYBE_YAML11_SCALAR = /^(?:[-+.~0-9]|[yYnNoOtTfF][a-zA-Z]{0,4}$)/;

/** Answers of `readsDifferentlyInYaml11`: a spec repeats the same few short strings thousands of times. */
const yaml11Answers = new Map<string, boolean>();
const YAML11_ANSWERS_LIMIT = 50_000;

function readsDifferentlyInYaml11(text: string): boolean {
  if (!MAYBE_YAML11_SCALAR.test(text) || text.length > 40 || /\s/.test(text)) return false;
  const known = yaml11Answers.get(text);
  if (known !== undefined) return known;
  let answer: boolean;
  try {
    answer = parse(text, { version: '1.1' }) !== text;
  } catch {
    answer = false;
  }
  if (yaml11Answers.size >= YAML11_ANSWERS_LIMIT) yaml11Answers.clear();
  yaml11Answers.set(text, answer);
  return answer;
}

/** Double-quote every string scalar (map keys included) that a YAML 1.1 reader would take for another type. */
function quoteYaml11Lookalikes(node: unknown): void {
  if (isMap(node) || isSeq(node)) {
    for (const item of node.items) {
      if (isPair(item)) {
        quoteYaml11Lookalikes(item.key);
        quoteYaml11Lookalikes(item.value);
      } else quoteYaml11Lookalikes(item);
    }
  } else if (isScalar(node) && typeof node.value === 'string' && readsDifferentlyInYaml11(node.value)) node.type = 'QUOTE_DOUBLE';
}

/**
 * The order `Object.keys` would list `keys` in once set on an object in this order: integer-like
 * keys (`200`, `0`) first, ascending. The YAML used to be made from such an object, so keep it.
 */
function objectKeyOrder<T extends [string, unknown]>(entries: T[]): T[] {
  if (!entries.some(([k]) => k.charCodeAt(0) >= 48 && k.charCodeAt(0) <= 57)) return entries;
  const byKey = Object.create(null) as Record<string, T>;
  for (const e of entries) byKey[e[0]] = e;
  return Object.keys(byKey).map((k) => byKey[k] as T);
}

/**
 * Builds the YAML nodes of the canonical document directly: the nodes `new Document(canonicalizeSpec(doc))`
 * would create (a Scalar per string, number, boolean and null, a YAMLMap per plain object without
 * its `undefined` entries, a YAMLSeq per array), with YAML 1.1 look-alikes double-quoted on the way.
 * Anything else (class instances, `undefined` items, bigints) is left to yaml's own createNode.
 */
class YamlBuilder {
  constructor(private readonly doc: Document) {}

  private get schema(): Schema {
    return this.doc.schema;
  }

  private scalar(value: string | number | boolean | null): Scalar {
    const node = new Scalar(value);
    if (typeof value === 'string' && readsDifferentlyInYaml11(value)) node.type = 'QUOTE_DOUBLE';
    return node;
  }

  private fallback(value: unknown): Node {
    const node = this.doc.createNode(value, { aliasDuplicateObjects: false });
    quoteYaml11Lookalikes(node);
    return node;
  }

  /** A value in `ctx` (`data`: copied as it is). */
  node(value: unknown, ctx: Ctx): Node {
    if (ctx !== 'data' && isObject(value)) {
      const map = new YAMLMap(this.schema);
      for (const [k, child] of objectKeyOrder(orderedKeys(value, ctx))) {
        const v = value[k];
        if (v !== undefined) map.items.push(new Pair(this.scalar(k), this.child(v, child)));
      }
      return map;
    }
    return this.data(value);
  }

  private child(value: unknown, child: Child | undefined): Node {
    if (child === undefined) return this.data(value);
    if (typeof child === 'object') {
      if (!Array.isArray(value)) return this.data(value);
      const seq = new YAMLSeq(this.schema);
      for (const v of value as unknown[]) seq.items.push(this.node(v, child.arrayOf));
      return seq;
    }
    return this.node(value, child);
  }

  private data(value: unknown): Node {
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return this.scalar(value);
    if (Array.isArray(value) && Object.getPrototypeOf(value) === Array.prototype) {
      const seq = new YAMLSeq(this.schema);
      for (const v of value as unknown[]) seq.items.push(this.data(v));
      return seq;
    }
    if (typeof value === 'object' && isPlainData(value)) {
      const map = new YAMLMap(this.schema);
      const obj = value as Record<string, unknown>;
      for (const k of Object.keys(obj)) {
        const v = obj[k];
        if (v !== undefined) map.items.push(new Pair(this.scalar(k), this.data(v)));
      }
      return map;
    }
    return this.fallback(value);
  }
}

/** A plain object that yaml's createNode would turn into a map of its own keys as they are. */
function isPlainData(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return (proto === Object.prototype || proto === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function' && !(Symbol.iterator in value);
}

/**
 * YAML text: canonical key order, no line folding, no anchors/aliases, trailing newline. Strings
 * that a YAML 1.1 parser would read as another type (`2026-07-01`, `Y`, `on`) are double-quoted,
 * so the file means the same to 1.1 and 1.2 readers.
 */
export function serializeSpecYaml(doc: Record<string, unknown>): string {
  const yamlDoc = new Document(undefined, { aliasDuplicateObjects: false });
  yamlDoc.contents = new YamlBuilder(yamlDoc).node(doc, 'root');
  // A document made here has no directives; `false` skips yaml's walk over every node looking for tags.
  const text = yamlDoc.toString({ lineWidth: 0, minContentWidth: 0, directives: false });
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** JSON text: canonical key order, 2-space indent, trailing newline. */
export function serializeSpecJson(doc: Record<string, unknown>): string {
  return `${JSON.stringify(canonicalizeSpec(doc), null, 2)}\n`;
}
