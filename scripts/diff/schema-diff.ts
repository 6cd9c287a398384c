/**
 * Compare two schemas (a parameter's, a request body's or a response's) and list what changed,
 * property by property, following `$ref`s into components. Pure.
 *
 * Whether a change breaks clients depends on the side it is on: a client *sends* request schemas
 * (so narrowing them breaks it) and *reads* response schemas (so widening them, or taking away a
 * guaranteed property, breaks it). Removing a property is breaking on both sides.
 */
import { CONSTRAINT_KEYS, type ConstraintName, type SchemaShape, schemaShape } from './schema-shape.ts';
import type { ChangeKind, OpenApiDoc } from './types.ts';

export interface SchemaChange {
  readonly kind: ChangeKind;
  readonly breaking: boolean;
  readonly target: string;
  readonly side: 'request' | 'response';
  /** True when `target` is rooted at a named model, so the same change reached from several operations is one change. */
  readonly modelScoped: boolean;
  readonly detail: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

export interface SchemaDiffContext {
  readonly oldDoc: OpenApiDoc;
  readonly newDoc: OpenApiDoc;
  readonly side: 'request' | 'response';
}

export interface SchemaSite {
  /** Label of the schema's place, e.g. `query size`, `requestBody`, `response 200`, `Tag.tag_key`. */
  readonly target: string;
  /** `parameter` for a parameter's own schema; everything inside bodies and models is `property`. */
  readonly subject: 'parameter' | 'property';
  readonly modelScoped: boolean;
}

const MIN_KEYS: ReadonlySet<ConstraintName> = new Set(['minLength', 'minimum', 'exclusiveMinimum', 'minItems']);
const MAX_KEYS: ReadonlySet<ConstraintName> = new Set(['maxLength', 'maximum', 'exclusiveMaximum', 'maxItems']);

export function show(v: unknown): string {
  if (v === undefined) return 'none';
  if (Array.isArray(v)) return v.map((x) => show(x)).join(' | ') || '(empty)';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Does type set `types` accept every value of type `t`? (empty set = any; number accepts integer) */
function covers(types: readonly string[], t: string): boolean {
  return types.length === 0 || types.includes(t) || (t === 'integer' && types.includes('number'));
}

type TypeChange = 'same' | 'widened' | 'narrowed' | 'changed';

function classifyTypeChange(before: readonly string[], after: readonly string[]): TypeChange {
  if (sameValue(before, after)) return 'same';
  const widened = before.length > 0 && before.every((t) => covers(after, t));
  const narrowed = after.length > 0 && after.every((t) => covers(before, t));
  if (widened && !narrowed) return 'widened';
  if (narrowed && !widened) return 'narrowed';
  return 'changed';
}

function typeLabel(s: SchemaShape): string {
  const t = s.types.length === 0 ? 'any' : s.types.join(' | ');
  return s.nullable ? `${t} | null` : t;
}

/** Is going from `before` to `after` for this constraint a tightening (fewer accepted values)? */
function isTightening(key: ConstraintName, before: unknown, after: unknown): boolean {
  if (after === undefined) return false;
  if (before === undefined) return key === 'uniqueItems' ? after === true : true;
  if (MIN_KEYS.has(key)) return Number(after) > Number(before);
  if (MAX_KEYS.has(key)) return Number(after) < Number(before);
  if (key === 'uniqueItems') return after === true;
  return true; // pattern, format, multipleOf changed: assume stricter
}

/** All changes between two schemas at `site` (recursive). */
export function diffSchemas(ctx: SchemaDiffContext, oldSchema: unknown, newSchema: unknown, site: SchemaSite): SchemaChange[] {
  const out: SchemaChange[] = [];
  walk(ctx, oldSchema, newSchema, site, new Set(), out);
  return out;
}

type Push = (kind: ChangeKind, breaking: boolean, detail: string, before?: unknown, after?: unknown) => void;

function walk(
  ctx: SchemaDiffContext,
  oldSchema: unknown,
  newSchema: unknown,
  site: SchemaSite,
  stack: Set<string>,
  out: SchemaChange[],
): void {
  const a = schemaShape(ctx.oldDoc, oldSchema);
  const b = schemaShape(ctx.newDoc, newSchema);
  const push: Push = (kind, breaking, detail, before, after) => {
    out.push({ kind, breaking, target: site.target, side: ctx.side, modelScoped: site.modelScoped, detail, before, after });
  };
  const typeChange = diffFacets(a, b, ctx.side === 'request', site.subject, push);

  // An unrelated type (object → string) makes the inner structure incomparable: the type change says it all.
  if (typeChange === 'changed') return;
  // Recurse into properties and items once per (old model, new model) pair on the current path.
  const key = a.refName || b.refName ? `${a.refName ?? ''}|${b.refName ?? ''}` : undefined;
  if (key !== undefined) {
    if (stack.has(key)) return;
    stack.add(key);
  }
  const model = b.refName ?? a.refName;
  const base = model ?? site.target;
  const childScoped = model !== undefined || site.modelScoped;
  if (a.properties || b.properties) diffProperties(ctx, a, b, { base, modelScoped: childScoped }, stack, out);
  if (a.items !== undefined && b.items !== undefined) {
    walk(ctx, a.items, b.items, { target: `${base}[]`, subject: 'property', modelScoped: childScoped }, stack, out);
  }
  if (key !== undefined) stack.delete(key);
}

/** Changes to the schema itself (not its properties or items); returns how its type changed. */
function diffFacets(a: SchemaShape, b: SchemaShape, req: boolean, subject: SchemaSite['subject'], push: Push): TypeChange {
  const prefix = subject === 'parameter' ? 'parameter' : 'property';
  if (a.refName && b.refName && a.refName !== b.refName) {
    push('schema-ref-changed', false, `now refers to model ${b.refName} instead of ${a.refName}`, a.refName, b.refName);
  }
  const typeChange = classifyTypeChange(a.types, b.types);
  if (typeChange !== 'same') {
    const breaking = typeChange === 'changed' || (req ? typeChange === 'narrowed' : typeChange === 'widened');
    push(`${prefix}-type-changed`, breaking, `type ${typeChange}: ${typeLabel(a)} → ${typeLabel(b)}`, a.types, b.types);
  }
  if (a.nullable !== b.nullable) {
    // Dropping null narrows what a client may send; adding it widens what a client may read.
    const breaking = req ? a.nullable : b.nullable;
    push(`${prefix}-nullable-changed`, breaking, b.nullable ? 'became nullable' : 'no longer nullable', a.nullable, b.nullable);
  }
  if (a.enum || b.enum) diffEnum(a, b, req, prefix, push);
  for (const key of CONSTRAINT_KEYS) {
    const before = a.constraints[key];
    const after = b.constraints[key];
    if (sameValue(before, after)) continue;
    const tight = isTightening(key, before, after);
    const verb = before === undefined ? 'added' : after === undefined ? 'removed' : 'changed';
    push(
      `${prefix}-constraint-changed`,
      req && tight,
      `${key} ${verb}: ${show(before)} → ${show(after)} (${tight ? 'tightened' : 'loosened'})`,
      before,
      after,
    );
  }
  if (a.hasDefault !== b.hasDefault || !sameValue(a.default, b.default)) {
    push(`${prefix}-default-changed`, false, `default ${show(a.hasDefault ? a.default : undefined)} → ${show(b.hasDefault ? b.default : undefined)}`, a.default, b.default);
  }
  if (a.deprecated !== b.deprecated) {
    push(`${prefix}-deprecated-changed`, false, b.deprecated ? 'deprecated' : 'no longer deprecated', a.deprecated, b.deprecated);
  }
  return typeChange;
}

function diffEnum(a: SchemaShape, b: SchemaShape, req: boolean, prefix: 'parameter' | 'property', push: Push): void {
  const before = a.enum ?? [];
  const after = b.enum ?? [];
  const removed = before.filter((v) => !after.some((w) => sameValue(v, w)));
  const added = after.filter((v) => !before.some((w) => sameValue(v, w)));
  if (a.enum && b.enum && removed.length === 0 && added.length === 0) return;
  const narrowed = (!a.enum && !!b.enum) || (!!a.enum && !!b.enum && removed.length > 0);
  const parts: string[] = [];
  if (!a.enum) parts.push(`enum introduced (${show(after)})`);
  else if (!b.enum) parts.push('enum dropped (any value allowed)');
  else {
    if (removed.length > 0) parts.push(`values removed: ${show(removed)}`);
    if (added.length > 0) parts.push(`values added: ${show(added)}`);
  }
  // New enum values in a response are routine evolution, so only request-side narrowing breaks.
  push(`${prefix}-enum-changed`, req && narrowed, parts.join('; '), a.enum, b.enum);
}

/** Properties removed, added or made (not) required, then each kept one walked; `base` names their owner. */
function diffProperties(
  ctx: SchemaDiffContext,
  a: SchemaShape,
  b: SchemaShape,
  owner: { readonly base: string; readonly modelScoped: boolean },
  stack: Set<string>,
  out: SchemaChange[],
): void {
  const req = ctx.side === 'request';
  const before = a.properties ?? {};
  const after = b.properties ?? {};
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  for (const name of names) {
    const target = `${owner.base}.${name}`;
    const wasRequired = a.required.includes(name);
    const isRequired = b.required.includes(name);
    const change = (kind: ChangeKind, breaking: boolean, detail: string, bv?: unknown, av?: unknown): void => {
      out.push({ kind, breaking, target, side: ctx.side, modelScoped: owner.modelScoped, detail, before: bv, after: av });
    };
    if (!(name in after)) {
      change('property-removed', true, `property removed${wasRequired ? ' (was required)' : ''}`);
      continue;
    }
    if (!(name in before)) {
      const t = typeLabel(schemaShape(ctx.newDoc, after[name]));
      change('property-added', req && isRequired, `property added (${isRequired ? 'required' : 'optional'}, ${t})`);
      continue;
    }
    if (wasRequired !== isRequired) {
      // A client must now send it (request), or can no longer count on receiving it (response).
      const breaking = req ? isRequired : wasRequired;
      change('property-required-changed', breaking, isRequired ? 'optional → required' : 'required → optional', wasRequired, isRequired);
    }
    walk(ctx, before[name], after[name], { target, subject: 'property', modelScoped: owner.modelScoped }, stack, out);
  }
}
