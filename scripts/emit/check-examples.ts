/**
 * The docs' examples and defaults often contradict their own schemas (`""` for an integer, an
 * `object` field whose default is the string `CPU`). This pass validates every example and default
 * in an emitted OpenAPI document with ajv (JSON Schema 2020-12, `$ref`s resolved against the
 * document's components) and moves each failing value under `x-scp-invalid-example` /
 * `x-scp-invalid-default` together with ajv's message, so nothing is dropped and nothing invalid
 * is presented as a valid example. Pure: the input document is not modified.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import addFormatsImport from 'ajv-formats';

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
const COMPONENT_REF = /^#\/components\/schemas\/(.+)$/;
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function pointerPart(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas']);
const ANNOTATIONS = new Set(['examples', 'default', 'example', 'description', 'title']);

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

class Checker {
  private readonly ajv: InstanceType<typeof Ajv2020>;
  private readonly cache = new Map<string, ValidateFunction | string>();
  readonly findings: ExampleFinding[] = [];
  checked = 0;

  constructor(components: Json) {
    this.ajv = new Ajv2020({ strict: false, unicodeRegExp: false, allErrors: false, validateSchema: false, logger: false });
    addFormats(this.ajv);
    const defs: Json = {};
    for (const [name, schema] of Object.entries(components)) defs[name] = retarget(schema);
    this.ajv.addSchema({ $id: COMPONENTS_ID, $defs: defs });
  }

  /** Compile once per distinct schema; a schema ajv cannot compile yields its error text. */
  private validator(schema: unknown): ValidateFunction | string {
    const target = retarget(schema);
    const key = JSON.stringify(target);
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    let result: ValidateFunction | string;
    try {
      result = this.ajv.compile(target as Json);
    } catch (e) {
      result = `schema could not be compiled: ${(e as Error).message}`;
    }
    this.cache.set(key, result);
    return result;
  }

  /** undefined when valid; otherwise the reason. */
  check(schema: unknown, value: unknown, what: string): string | undefined {
    this.checked++;
    const v = this.validator(schema);
    if (typeof v === 'string') return v;
    if (v(value)) return undefined;
    return this.ajv.errorsText(v.errors, { dataVar: what });
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
