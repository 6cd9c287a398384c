/**
 * Repair of a docs example that fails its schema, so that a schema-valid example can be published
 * (the checker keeps the original beside it). The docs write placeholders (`""` for an integer, a
 * boolean or a 3-character name) inside otherwise useful examples; each failing value is:
 * - replaced from that field's own documentation: its example, its default, its first allowed enum
 *   value or its const, whichever is valid first;
 * - otherwise dropped, when the field is optional (or an array item);
 * - otherwise (a required field) set to null when the field allows null, else to the smallest value
 *   of its type that the schema accepts (0 or the minimum, false, the shortest match of its pattern
 *   or a string of the minimum length, an object with its required fields, []).
 * Values that already pass are kept as they are; nothing is invented where the docs gave a valid value.
 * Pure: works on a copy and reports every change.
 */
import randexp from 'randexp';
import { pointerTo } from './json-pointer.ts';
import { hasOwn, isObject, type Json } from './json-value.ts';

// randexp's CommonJS entry exports the class itself, which its typings call `default`.
const RandExp = randexp as unknown as typeof randexp.default;

/** How the repairer reads schemas: validity of a value against a schema, and `$ref` targets. */
export interface SchemaAccess {
  valid(value: unknown, schema: unknown): boolean;
  resolve(ref: string): unknown;
}

/** Where a replacement came from. */
type RepairSource = 'example' | 'default' | 'enum' | 'const' | 'null' | 'minimal value';

/** One change: at a JSON pointer inside the example (`''` is the whole value). */
export type Repair =
  | { readonly at: string; readonly from: unknown; readonly to: unknown; readonly by: RepairSource }
  | { readonly at: string; readonly from: unknown; readonly by: 'dropped' }
  | { readonly at: string; readonly to: unknown; readonly by: RepairSource; readonly added: true };

type Fixed = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

const FAIL: Fixed = { ok: false };
const MAX_DEPTH = 32;

/** `$ref`s followed to the schema they name (at most a few hops; a cycle gives `{}`). */
function deref(schema: unknown, access: SchemaAccess): Json {
  let s = schema;
  for (let hops = 0; isObject(s) && typeof s.$ref === 'string'; hops++) {
    if (hops > 8) return {};
    s = access.resolve(s.$ref);
  }
  return isObject(s) ? s : {};
}

function typesOf(s: Json): Set<string> {
  const types = new Set<string>(Array.isArray(s.type) ? (s.type as string[]) : typeof s.type === 'string' ? [s.type] : []);
  if (types.size === 0 && isObject(s.properties)) types.add('object');
  if (types.size === 0 && s.items !== undefined) types.add('array');
  return types;
}

/** Formats whose smallest valid value is not a short string of letters. */
const FORMAT_MINIMUM: Readonly<Record<string, string>> = { 'date-time': '1970-01-01T00:00:00Z', date: '1970-01-01', time: '00:00:00Z' };

/**
 * Short strings the schema may accept: the shortest match of its pattern (randexp, always taking
 * the lowest choice, so the result is stable), or a run of `x` of the minimum length.
 */
function minimalStrings(s: Json): string[] {
  const out: string[] = [];
  if (typeof s.format === 'string' && FORMAT_MINIMUM[s.format] !== undefined) out.push(FORMAT_MINIMUM[s.format] as string);
  if (typeof s.pattern === 'string') {
    try {
      const gen = new RandExp(s.pattern);
      gen.randInt = (low: number) => low;
      out.push(gen.gen());
    } catch {
      // A pattern randexp cannot read: the other candidates (checked by the validator) remain.
    }
  }
  out.push(typeof s.minLength === 'number' ? 'x'.repeat(s.minLength) : '');
  return out;
}

class Repairer {
  readonly repairs: Repair[] = [];

  constructor(private readonly access: SchemaAccess) {}

  private valid(value: unknown, schema: unknown): boolean {
    return this.access.valid(value, schema);
  }

  /** The field's own documented values that its schema accepts, best first. */
  private documented(schema: unknown): { value: unknown; by: RepairSource } | undefined {
    const s = deref(schema, this.access);
    const tries: { value: unknown; by: RepairSource }[] = [];
    if (Array.isArray(s.examples)) for (const value of s.examples) tries.push({ value, by: 'example' });
    if ('default' in s) tries.push({ value: s.default, by: 'default' });
    if (Array.isArray(s.enum)) for (const value of s.enum) tries.push({ value, by: 'enum' });
    if ('const' in s) tries.push({ value: s.const, by: 'const' });
    return tries.find((t) => this.valid(t.value, schema));
  }

  /** A value for a required field that has no valid documented one. */
  private minimal(schema: unknown, depth: number): { value: unknown; by: RepairSource } | undefined {
    const documented = this.documented(schema);
    if (documented) return documented;
    if (this.valid(null, schema)) return { value: null, by: 'null' };
    const s = deref(schema, this.access);
    const candidates: unknown[] = [];
    for (const branch of [...(Array.isArray(s.anyOf) ? s.anyOf : []), ...(Array.isArray(s.oneOf) ? s.oneOf : [])]) {
      const m = depth < MAX_DEPTH ? this.minimal(branch, depth + 1) : undefined;
      if (m) candidates.push(m.value);
    }
    for (const t of typesOf(s)) candidates.push(...this.minimalOfType(t, s, depth));
    const value = candidates.find((v) => this.valid(v, schema));
    return value === undefined ? undefined : { value, by: 'minimal value' };
  }

  private minimalOfType(type: string, s: Json, depth: number): unknown[] {
    switch (type) {
      case 'integer':
      case 'number': {
        const lo = typeof s.minimum === 'number' ? s.minimum : undefined;
        const hi = typeof s.maximum === 'number' ? s.maximum : undefined;
        return [lo !== undefined ? (type === 'integer' ? Math.ceil(lo) : lo) : hi !== undefined && hi < 0 ? (type === 'integer' ? Math.floor(hi) : hi) : 0];
      }
      case 'boolean':
        return [false];
      case 'string':
        return minimalStrings(s);
      case 'array':
        return [[]];
      case 'object': {
        if (depth >= MAX_DEPTH) return [];
        const filled = this.fixObject({}, s, '', depth + 1);
        return filled.ok ? [filled.value] : [];
      }
      default:
        return [];
    }
  }

  /** `value` made valid against `schema`, or FAIL when the field's documentation offers nothing. */
  fix(value: unknown, schema: unknown, at: string, depth = 0): Fixed {
    if (this.valid(value, schema)) return { ok: true, value };
    if (depth >= MAX_DEPTH) return FAIL;
    const s = deref(schema, this.access);
    const types = typesOf(s);
    const mark = this.repairs.length;
    let inner: Fixed = FAIL;
    if (isObject(value) && (types.has('object') || types.size === 0)) inner = this.fixObject(value, s, at, depth + 1);
    else if (Array.isArray(value) && (types.has('array') || types.size === 0)) inner = this.fixArray(value, s, at, depth + 1);
    if (inner.ok && this.valid(inner.value, schema)) return inner;
    this.repairs.length = mark;
    inner = this.fixBranch(value, s, at, depth + 1);
    if (inner.ok) return inner;
    const documented = this.documented(schema);
    if (!documented) return FAIL;
    this.repairs.push({ at, from: value, to: documented.value, by: documented.by });
    return { ok: true, value: documented.value };
  }

  /** The first anyOf / oneOf branch the value can be repaired into. */
  private fixBranch(value: unknown, s: Json, at: string, depth: number): Fixed {
    const branches = [...(Array.isArray(s.anyOf) ? s.anyOf : []), ...(Array.isArray(s.oneOf) ? s.oneOf : [])];
    for (const branch of branches) {
      const mark = this.repairs.length;
      const r = this.fix(value, branch, at, depth);
      if (r.ok && this.valid(r.value, s)) return r;
      this.repairs.length = mark;
    }
    return FAIL;
  }

  private fixObject(value: Json, s: Json, at: string, depth: number): Fixed {
    const properties = isObject(s.properties) ? s.properties : {};
    const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
    const out: Json = {};
    const set = (k: string, v: unknown): void => void Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    for (const k of Object.keys(value)) {
      const sub = hasOwn(properties, k) ? properties[k] : s.additionalProperties === false ? false : isObject(s.additionalProperties) ? s.additionalProperties : {};
      const where = pointerTo(at, k);
      const r = sub === false ? FAIL : this.fix(value[k], sub, where, depth);
      if (r.ok) set(k, r.value);
      else if (!required.has(k)) this.repairs.push({ at: where, from: value[k], by: 'dropped' });
      else {
        const m = this.minimal(sub, depth);
        if (!m) return FAIL;
        this.repairs.push({ at: where, from: value[k], to: m.value, by: m.by });
        set(k, m.value);
      }
    }
    for (const k of required) {
      if (hasOwn(out, k) || hasOwn(value, k)) continue;
      const m = this.minimal(hasOwn(properties, k) ? properties[k] : {}, depth);
      if (!m) return FAIL;
      this.repairs.push({ at: pointerTo(at, k), to: m.value, by: m.by, added: true });
      set(k, m.value);
    }
    return { ok: true, value: out };
  }

  private fixArray(value: readonly unknown[], s: Json, at: string, depth: number): Fixed {
    const out: unknown[] = [];
    value.forEach((item, i) => {
      const where = pointerTo(at, i);
      const r = s.items === undefined ? { ok: true as const, value: item } : this.fix(item, s.items, where, depth);
      if (r.ok) out.push(r.value);
      else this.repairs.push({ at: where, from: item, by: 'dropped' });
    });
    return { ok: true, value: out };
  }
}

/**
 * `value` repaired to pass `schema`, with the changes made; undefined when it cannot be (nothing in
 * the schema offers a valid replacement for a failing value that may not be dropped).
 */
export function repairExample(value: unknown, schema: unknown, access: SchemaAccess): { value: unknown; repairs: Repair[] } | undefined {
  const repairer = new Repairer(access);
  const r = repairer.fix(value, schema, '');
  if (!r.ok || !access.valid(r.value, schema)) return undefined;
  return { value: r.value, repairs: repairer.repairs };
}
