/**
 * JSON pointers (RFC 6901), the one place that escapes and follows them: the emitter names the place of
 * an example or default in a document (diagnostics, origins) and builds `$ref`s to component schemas;
 * the change report and the docs site follow a spec's local `$ref`s. Pure.
 */
import { hasOwn, isObject } from './json-value.ts';

/** `$ref` hops followed at most, so that a cycle of references ends. */
const MAX_REF_HOPS = 20;

/** One reference token: `~` → `~0`, `/` → `~1`. */
function escapePointerPart(part: string): string {
  // Most parts (property names, indexes, methods) need no escaping: skip the two regex passes.
  return part.includes('~') || part.includes('/') ? part.replace(/~/g, '~0').replace(/\//g, '~1') : part;
}

/** The inverse of {@link escapePointerPart}. */
export function unescapePointerPart(part: string): string {
  return part.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** A pointer below `base` (`''` is the whole document): `pointerTo('/paths', '/v1/x', 'get')` → `/paths/~1v1~1x/get`. */
export function pointerTo(base: string, ...parts: readonly (string | number)[]): string {
  let out = base;
  for (const part of parts) out += `/${escapePointerPart(String(part))}`;
  return out;
}

/** `#/components/schemas/<name>`: the `$ref` of a component schema. */
export function componentSchemaRef(name: string): string {
  return `#${pointerTo('/components/schemas', name)}`;
}

/** The parent pointer (`/a/b` → `/a`; `/a` → `''`). */
export function parentPointer(pointer: string): string {
  return pointer.slice(0, Math.max(0, pointer.lastIndexOf('/')));
}

/**
 * The value a local reference names in `doc` (`#/a/b~1c`, percent-encoded as a URI fragment; `#` is the
 * whole document), or undefined when it names nothing there.
 */
export function resolveLocalRef(doc: unknown, ref: string): unknown {
  if (ref === '#') return doc;
  if (!ref.startsWith('#/')) return undefined;
  let node = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = unescapePointerPart(decodeURIComponent(raw));
    if (!isObject(node) || !hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

/** Follow `$ref` chains from `value` (a schema, parameter, body or response): what they lead to, or undefined. */
export function deref(doc: unknown, value: unknown): unknown {
  let node = value;
  for (let hops = 0; hops < MAX_REF_HOPS && isObject(node) && typeof node.$ref === 'string'; hops++) node = resolveLocalRef(doc, node.$ref);
  return node;
}

/** The model name of `#/components/schemas/<name>` (the inverse of {@link componentSchemaRef}); undefined for any other value. */
export function componentSchemaName(ref: unknown): string | undefined {
  if (typeof ref !== 'string') return undefined;
  const m = /^#\/components\/schemas\/([^/]+)$/.exec(ref);
  return m?.[1] ? unescapePointerPart(decodeURIComponent(m[1])) : undefined;
}
