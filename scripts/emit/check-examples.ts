/**
 * The docs' examples and defaults often contradict their own schemas (`""` for an integer, an
 * `object` field whose default is the string `CPU`). This pass validates every example and default
 * in an emitted OpenAPI document with ajv (JSON Schema 2020-12, `$ref`s resolved against the
 * document's components) and moves each failing value under `x-scp-invalid-example` /
 * `x-scp-invalid-default` together with ajv's message, so nothing is dropped and nothing invalid
 * is presented as a valid example. Pure: the input document is not modified.
 *
 * Compiling validators is most of the cost, so one ajv serves every document: each component is
 * registered once under an id derived from its content and that of every component it reaches, and
 * validators are cached by the schema they check. A version spec and `latest` (or a rebuild in the
 * same process) thus compile nothing twice. The cache is invisible in the results: a schema whose
 * meaning could depend on its document is checked the original way, against a per-document bundle.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Options, ValidateFunction } from 'ajv';
import addFormatsImport from 'ajv-formats';
import { createHash } from 'node:crypto';

const addFormats = addFormatsImport.default;

export interface ExampleFinding {
  readonly kind: 'example' | 'default';
  /** JSON pointer (RFC 6901) of the schema, parameter or media type object that held the value. */
  readonly pointer: string;
  readonly value: unknown;
  readonly message: string;
}

export interface CheckExamplesResult {
  readonly doc: Record<string, unknown>;
  readonly invalidExamples: number;
  readonly invalidDefaults: number;
  /** Checked values: how many examples and defaults were validated (valid or not). */
  readonly checked: number;
  readonly findings: readonly ExampleFinding[];
}

/** Where an invalid value is recorded: `{value, message}` (or a list of them if several failed). */
export const INVALID_EXAMPLE_KEY = 'x-scp-invalid-example';
export const INVALID_DEFAULT_KEY = 'x-scp-invalid-default';

const COMPONENTS_ID = 'https://scp-openapi.invalid/components';
/** Base of the content-addressed ids under which components are registered in the shared ajv. */
const SHARED_COMPONENT_BASE = 'https://scp-openapi.invalid/component/';
const COMPONENT_REF = /^#\/components\/schemas\/(.+)$/;
/** Component names a `$ref` can name without pointer or percent escaping (anything else takes the bundle path). */
const PLAIN_NAME = /^[A-Za-z0-9_.-]+$/;
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const AJV_OPTIONS = { strict: false, unicodeRegExp: false, allErrors: false, validateSchema: false, logger: false } as const;
/**
 * Codegen optimisation only tidies the generated source (validation and messages are the same) and
 * costs about a fifth of compile time, more than it ever saves in this one-pass check.
 */
const SHARED_AJV_OPTIONS: Options = { code: { optimize: false } };
/** The shared validators are dropped and rebuilt past this many, so a long-lived process stays bounded. */
const SHARED_LIMIT = 5_000;

type Json = Record<string, unknown>;
type Ajv = InstanceType<typeof Ajv2020>;
/** A compiled validator, or why the schema could not be compiled. */
type Compiled = ValidateFunction | string;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function pointerPart(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas']);
const ANNOTATIONS = new Set(['examples', 'default', 'example', 'description', 'title']);

function newAjv(options: Options = {}): Ajv {
  const ajv = new Ajv2020({ ...AJV_OPTIONS, ...options });
  addFormats(ajv);
  return ajv;
}

function compileWith(ajv: Ajv, target: unknown): Compiled {
  try {
    return ajv.compile(target as Json);
  } catch (e) {
    return `schema could not be compiled: ${(e as Error).message}`;
  }
}

/**
 * Copy a schema for ajv: `#/components/schemas/X` refs point at the registered components bundle,
 * and annotations are left out (they are not needed to validate and may hold invalid values).
 */
function retarget(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(retarget);
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === '$ref' && typeof v === 'string') {
      const m = COMPONENT_REF.exec(v);
      out[k] = m ? `${COMPONENTS_ID}#/$defs/${m[1]}` : v;
    } else if (ANNOTATIONS.has(k) || k.startsWith('x-')) continue;
    else if (SCHEMA_MAPS.has(k) && isObject(v)) {
      // Keys of these maps are names, not keywords: keep every one.
      out[k] = Object.fromEntries(Object.entries(v).map(([name, sub]) => [name, retarget(sub)]));
    } else if (k === 'enum' || k === 'const' || k === 'required') out[k] = v;
    else out[k] = retarget(v);
  }
  return out;
}

/** What `retargetShared` returns for a schema the shared path does not take. */
const UNSHARED: unique symbol = Symbol('unshared');

/**
 * `retarget` for the shared ajv: the same copy, but each component ref goes through `target` (a
 * component name → its id). Anything whose meaning could depend on where the schema sits (other
 * `$` keywords, refs that are not a plain component name, unknown components) or that the cache
 * key could not tell apart (a `__proto__` keyword) yields UNSHARED, and such a schema is validated
 * exactly as before, against the document's own bundle.
 */
function retargetShared(value: unknown, target: (name: string) => string | undefined): unknown {
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const v of value) {
      const r = retargetShared(v, target);
      if (r === UNSHARED) return UNSHARED;
      out.push(r);
    }
    return out;
  }
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const k of Object.keys(value)) {
    const v = value[k];
    if (k === '$ref') {
      const name = typeof v === 'string' ? COMPONENT_REF.exec(v)?.[1] : undefined;
      const id = name !== undefined && PLAIN_NAME.test(name) && name !== '__proto__' ? target(name) : undefined;
      if (id === undefined) return UNSHARED;
      out[k] = id;
    } else if (k.startsWith('$') || k === '__proto__') return UNSHARED;
    else if (ANNOTATIONS.has(k) || k.startsWith('x-')) continue;
    else if (SCHEMA_MAPS.has(k) && isObject(v)) {
      // Keys of these maps are names, not keywords: keep every one (`__proto__` included).
      const map: Json = {};
      for (const name of Object.keys(v)) {
        const r = retargetShared(v[name], target);
        if (r === UNSHARED) return UNSHARED;
        Object.defineProperty(map, name, { value: r, enumerable: true, writable: true, configurable: true });
      }
      out[k] = map;
    } else if (k === 'enum' || k === 'const' || k === 'required') out[k] = v;
    else {
      const r = retargetShared(v, target);
      if (r === UNSHARED) return UNSHARED;
      out[k] = r;
    }
  }
  return out;
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/**
 * One ajv for every document: components are registered under ids derived from their content and
 * the content of every component they reach, so a component shared by several documents (a version
 * and `latest`) is compiled once, and validators are cached by the schema they validate.
 */
class SharedValidators {
  private ajv: Ajv = newAjv(SHARED_AJV_OPTIONS);
  private readonly registered = new Set<string>();
  private readonly cache = new Map<string, Compiled>();

  /** Start over when the caches have grown past the limit (only between documents). */
  trim(): void {
    if (this.cache.size + this.registered.size <= SHARED_LIMIT) return;
    this.ajv = newAjv(SHARED_AJV_OPTIONS);
    this.registered.clear();
    this.cache.clear();
  }

  has(id: string): boolean {
    return this.registered.has(id);
  }

  register(id: string, schema: unknown): void {
    this.ajv.addSchema(schema as Json, id);
    this.registered.add(id);
  }

  errorsText(errors: ValidateFunction['errors'], dataVar: string): string {
    return this.ajv.errorsText(errors, { dataVar });
  }

  compile(target: unknown): Compiled {
    const key = JSON.stringify(target);
    let hit = this.cache.get(key);
    if (hit === undefined) {
      hit = compileWith(this.ajv, target);
      this.cache.set(key, hit);
    }
    return hit;
  }
}

const shared = new SharedValidators();

/** The original per-document path: the components as one `$defs` bundle in a fresh ajv. */
class BundleValidators {
  private readonly ajv = newAjv();
  private readonly cache = new Map<string, Compiled>();

  constructor(components: Json) {
    const defs: Json = {};
    for (const [name, schema] of Object.entries(components)) defs[name] = retarget(schema);
    this.ajv.addSchema({ $id: COMPONENTS_ID, $defs: defs });
  }

  validator(schema: unknown): Compiled {
    const target = retarget(schema);
    const key = JSON.stringify(target);
    let hit = this.cache.get(key);
    if (hit === undefined) {
      hit = compileWith(this.ajv, target);
      this.cache.set(key, hit);
    }
    return hit;
  }
}

/**
 * Content ids of a document's components for the shared ajv, registering the new ones; undefined
 * when some component cannot take the shared path (then the whole document uses the bundle).
 */
function sharedComponentIds(components: Json): Map<string, string> | undefined {
  const digest = new Map<string, string>();
  const refs = new Map<string, string[]>();
  for (const name of Object.keys(components)) {
    const schema = components[name];
    // `__proto__` is special in the bundle's `$defs` object; keep such a document on the bundle path.
    if (!isObject(schema) || name === '__proto__') return undefined;
    const seen = new Set<string>();
    const local = retargetShared(schema, (n) => {
      if (!Object.prototype.hasOwnProperty.call(components, n)) return undefined;
      seen.add(n);
      return n;
    });
    if (local === UNSHARED) return undefined;
    digest.set(name, sha1(JSON.stringify(local)));
    refs.set(name, [...seen]);
  }
  const ids = new Map<string, string>();
  for (const name of digest.keys()) {
    // Everything reachable from `name`: its id must change when any of it does.
    const reach = new Set<string>();
    const stack = [...(refs.get(name) ?? [])];
    while (stack.length > 0) {
      const n = stack.pop() as string;
      if (reach.has(n)) continue;
      reach.add(n);
      stack.push(...(refs.get(n) ?? []));
    }
    const closure = [...reach].sort().map((n) => `${n}\u0001${digest.get(n) ?? ''}`);
    ids.set(name, `${SHARED_COMPONENT_BASE}${sha1([digest.get(name), ...closure].join('\u0000'))}`);
  }
  const target = (n: string): string | undefined => ids.get(n);
  for (const [name, id] of ids) {
    if (!shared.has(id)) shared.register(id, retargetShared(components[name], target));
  }
  return ids;
}

/** Validators for one document: the shared ajv where possible, the document's bundle otherwise. */
class DocValidators {
  private readonly ids: Map<string, string> | undefined;
  private bundle: BundleValidators | undefined;
  private readonly bySchema = new WeakMap<object, Compiled>();

  constructor(private readonly components: Json) {
    shared.trim();
    this.ids = sharedComponentIds(components);
  }

  private viaBundle(schema: unknown): Compiled {
    this.bundle ??= new BundleValidators(this.components);
    return this.bundle.validator(schema);
  }

  validator(schema: unknown): Compiled {
    // Checking only ever removes annotations, which ajv never sees: one lookup per schema object.
    const hit = typeof schema === 'object' && schema !== null ? this.bySchema.get(schema) : undefined;
    if (hit !== undefined) return hit;
    let result: Compiled;
    if (this.ids === undefined) result = this.viaBundle(schema);
    else {
      const ids = this.ids;
      const target = retargetShared(schema, (n) => ids.get(n));
      result = target === UNSHARED ? this.viaBundle(schema) : shared.compile(target);
    }
    if (typeof schema === 'object' && schema !== null) this.bySchema.set(schema, result);
    return result;
  }
}

class Checker {
  private readonly validators: DocValidators;
  readonly findings: ExampleFinding[] = [];
  checked = 0;

  constructor(components: Json) {
    this.validators = new DocValidators(components);
  }

  /** undefined when valid; otherwise the reason. */
  check(schema: unknown, value: unknown, what: string): string | undefined {
    this.checked++;
    const v = this.validators.validator(schema);
    if (typeof v === 'string') return v;
    if (v(value)) return undefined;
    return shared.errorsText(v.errors, what);
  }

  private record(holder: Json, key: string, value: unknown, message: string): void {
    const entry = { value, message };
    const prev = holder[key];
    holder[key] = prev === undefined ? entry : Array.isArray(prev) ? [...prev, entry] : [prev, entry];
  }

  /** Validate `example` of a parameter or media type object against its `schema`. */
  holderExample(holder: Json, pointer: string): void {
    if (!('example' in holder) || holder.schema === undefined) return;
    const message = this.check(holder.schema, holder.example, 'example');
    if (message === undefined) return;
    this.findings.push({ kind: 'example', pointer, value: holder.example, message });
    this.record(holder, INVALID_EXAMPLE_KEY, holder.example, message);
    delete holder.example;
  }

  /** Validate a schema's own `default` / `examples` / `example`, then recurse into subschemas. */
  schema(schema: unknown, pointer: string): void {
    if (!isObject(schema)) return;
    if ('default' in schema) {
      const message = this.check(schema, schema.default, 'default');
      if (message !== undefined) {
        this.findings.push({ kind: 'default', pointer, value: schema.default, message });
        this.record(schema, INVALID_DEFAULT_KEY, schema.default, message);
        delete schema.default;
      }
    }
    if (Array.isArray(schema.examples)) {
      const kept: unknown[] = [];
      for (const value of schema.examples) {
        const message = this.check(schema, value, 'example');
        if (message === undefined) kept.push(value);
        else {
          this.findings.push({ kind: 'example', pointer, value, message });
          this.record(schema, INVALID_EXAMPLE_KEY, value, message);
        }
      }
      if (kept.length > 0) schema.examples = kept;
      else delete schema.examples;
    }
    if ('example' in schema) {
      const message = this.check(schema, schema.example, 'example');
      if (message !== undefined) {
        this.findings.push({ kind: 'example', pointer, value: schema.example, message });
        this.record(schema, INVALID_EXAMPLE_KEY, schema.example, message);
        delete schema.example;
      }
    }
    if (isObject(schema.properties)) {
      for (const [name, sub] of Object.entries(schema.properties)) this.schema(sub, `${pointer}/properties/${pointerPart(name)}`);
    }
    if (isObject(schema.items)) this.schema(schema.items, `${pointer}/items`);
    if (isObject(schema.additionalProperties)) this.schema(schema.additionalProperties, `${pointer}/additionalProperties`);
    for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems']) {
      const list = schema[key];
      if (Array.isArray(list)) list.forEach((sub, i) => this.schema(sub, `${pointer}/${key}/${i}`));
    }
  }

  content(content: unknown, pointer: string): void {
    if (!isObject(content)) return;
    for (const [mediaType, media] of Object.entries(content)) {
      if (!isObject(media)) continue;
      const p = `${pointer}/${pointerPart(mediaType)}`;
      this.schema(media.schema, `${p}/schema`);
      this.holderExample(media, p);
    }
  }
}

/** Validate every example and default in `doc`; invalid ones move under the `x-scp-invalid-*` keys. */
export function checkExamples(doc: Record<string, unknown>): CheckExamplesResult {
  const out = structuredClone(doc);
  const components = isObject(out.components) ? out.components : {};
  const schemas = isObject(components.schemas) ? components.schemas : {};
  const checker = new Checker(schemas);
  for (const [name, schema] of Object.entries(schemas)) checker.schema(schema, `/components/schemas/${pointerPart(name)}`);
  const paths = isObject(out.paths) ? out.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    const itemPtr = `/paths/${pointerPart(path)}`;
    const visitParams = (params: unknown, base: string): void => {
      if (!Array.isArray(params)) return;
      params.forEach((param, i) => {
        if (!isObject(param)) return;
        checker.schema(param.schema, `${base}/parameters/${i}/schema`);
        checker.holderExample(param, `${base}/parameters/${i}`);
      });
    };
    visitParams(item.parameters, itemPtr);
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const opPtr = `${itemPtr}/${method}`;
      visitParams(op.parameters, opPtr);
      if (isObject(op.requestBody)) checker.content(op.requestBody.content, `${opPtr}/requestBody/content`);
      if (isObject(op.responses)) {
        for (const [code, response] of Object.entries(op.responses)) {
          if (isObject(response)) checker.content(response.content, `${opPtr}/responses/${pointerPart(code)}/content`);
        }
      }
    }
  }
  const findings = checker.findings;
  return {
    doc: out,
    invalidExamples: findings.filter((f) => f.kind === 'example').length,
    invalidDefaults: findings.filter((f) => f.kind === 'default').length,
    checked: checker.checked,
    findings,
  };
}
