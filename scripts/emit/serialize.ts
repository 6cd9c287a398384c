/**
 * Deterministic YAML / JSON text for an emitted OpenAPI document. Keys are put in a fixed order
 * that depends only on where they are, not on the order the emitter inserted them:
 * - the root: openapi, info, servers, security, tags, paths, components;
 * - paths sorted by path; methods get, put, post, delete, patch (then the rest);
 * - response codes ascending (ranges such as `2XX` after the codes), `default` last;
 * - component, security scheme and server variable names sorted;
 * - schema keywords in one canonical order, then other keys sorted, then `x-` extensions sorted.
 * The order of `properties` is kept (it is the documented field order), and example / default /
 * enum values are data, copied as they are. Pure.
 */
import { Document, isScalar, parse, visit } from 'yaml';

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
    order: ['openapi', 'info', 'jsonSchemaDialect', 'servers', 'security', 'tags', 'paths', 'webhooks', 'components'],
    children: { info: 'info', servers: { arrayOf: 'server' }, tags: { arrayOf: 'tag' }, paths: 'paths', components: 'components' },
  },
  info: { order: ['title', 'summary', 'description', 'version', 'termsOfService', 'contact', 'license'], children: {} },
  server: { order: ['url', 'description', 'variables'], children: { variables: 'serverVariables' } },
  serverVariables: { order: [], children: {}, map: { sort: 'name', value: 'serverVariable' } },
  serverVariable: { order: ['enum', 'default', 'description'], children: {} },
  tag: { order: ['name', 'description', 'externalDocs'], children: {} },
  paths: { order: [], children: {}, map: { sort: 'path', value: 'pathItem', extensions: true } },
  pathItem: {
    order: ['summary', 'description', 'servers', 'parameters', ...METHODS],
    children: { parameters: { arrayOf: 'parameter' }, ...Object.fromEntries(METHODS.map((m) => [m, 'operation' as const])) },
  },
  operation: {
    order: ['tags', 'summary', 'description', 'externalDocs', 'operationId', 'parameters', 'requestBody', 'responses', 'callbacks', 'deprecated', 'security', 'servers'],
    children: { parameters: { arrayOf: 'parameter' }, requestBody: 'requestBody', responses: 'responses' },
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

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

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

function canon(value: unknown, ctx: Ctx): unknown {
  if (ctx === 'data' || !isObject(value)) return value;
  const layout = LAYOUTS[ctx];
  const keys = Object.keys(value);
  const out: Record<string, unknown> = {};
  if (layout.map) {
    const { sort, value: valueCtx, extensions } = layout.map;
    const isExt = (k: string): boolean => extensions === true && k.startsWith('x-');
    const entries = keys.filter((k) => !isExt(k));
    const ordered = sort === 'keep' ? entries : [...entries].sort(sort === 'code' ? byResponseCode : byCodeUnits);
    for (const k of ordered) setKey(out, k, canon(value[k], valueCtx));
    for (const k of keys.filter(isExt).sort(byCodeUnits)) setKey(out, k, value[k]);
    return out;
  }
  const known = layout.order.filter((k) => k in value);
  const other = keys.filter((k) => !layout.order.includes(k) && !k.startsWith('x-')).sort(byCodeUnits);
  const ext = keys.filter((k) => !layout.order.includes(k) && k.startsWith('x-')).sort(byCodeUnits);
  for (const k of [...known, ...other, ...ext]) setKey(out, k, canonChild(value[k], layout.children[k]));
  return out;
}

/** The document with every object's keys in canonical order (a new object; input untouched). */
export function canonicalizeSpec(doc: Record<string, unknown>): Record<string, unknown> {
  return canon(doc, 'root') as Record<string, unknown>;
}

// Strings a YAML 1.1 reader (PyYAML, js-yaml's default schema) could take for something else:
// yes/no/on/off/y/n, dates, 1_000, 012, 1:30 and the like. Checked with yaml's own 1.1 schema.
const MAYBE_YAML11_SCALAR = /^(?:[-+.~0-9]|[yYnNoOtTfF][a-zA-Z]{0,4}$)/;

function readsDifferentlyInYaml11(text: string): boolean {
  if (!MAYBE_YAML11_SCALAR.test(text) || text.length > 40 || /\s/.test(text)) return false;
  try {
    return parse(text, { version: '1.1' }) !== text;
  } catch {
    return false;
  }
}

/**
 * YAML text: canonical key order, no line folding, no anchors/aliases, trailing newline. Strings
 * that a YAML 1.1 parser would read as another type (`2026-07-01`, `Y`, `on`) are double-quoted,
 * so the file means the same to 1.1 and 1.2 readers.
 */
export function serializeSpecYaml(doc: Record<string, unknown>): string {
  const yamlDoc = new Document(canonicalizeSpec(doc), { aliasDuplicateObjects: false });
  visit(yamlDoc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'string' && readsDifferentlyInYaml11(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  const text = yamlDoc.toString({ lineWidth: 0, minContentWidth: 0 });
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** JSON text: canonical key order, 2-space indent, trailing newline. */
export function serializeSpecJson(doc: Record<string, unknown>): string {
  return `${JSON.stringify(canonicalizeSpec(doc), null, 2)}\n`;
}
