/**
 * JSON pointers (RFC 6901) as the emitter uses them: to name the place of an example or default in
 * a document (diagnostics, origins) and to build `$ref`s to component schemas. Pure.
 */

/** One reference token: `~` → `~0`, `/` → `~1`. */
export function escapePointerPart(part: string): string {
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
