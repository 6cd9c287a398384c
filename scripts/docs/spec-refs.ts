/**
 * Following local `$ref`s (`#/components/schemas/Name`) inside a parsed OpenAPI document, for the
 * reference pages and the search index. Pure; a reference that leads nowhere yields undefined.
 */

export type JsonObject = Readonly<Record<string, unknown>>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value a local JSON pointer (`#/a/b~1c`) names, or undefined. */
export function resolvePointer(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = doc;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(node)) return undefined;
    node = node[key];
  }
  return node;
}

/** The model name of `#/components/schemas/<Name>`, or undefined for any other reference. */
export function schemaRefName(ref: unknown): string | undefined {
  if (typeof ref !== 'string') return undefined;
  const m = /^#\/components\/schemas\/([^/]+)$/.exec(ref);
  return m?.[1] ? decodeURIComponent(m[1]).replace(/~1/g, '/').replace(/~0/g, '~') : undefined;
}

/** Follow `$ref` chains (at most 20 hops, so a cycle of references ends). */
export function deref(doc: unknown, value: unknown): unknown {
  let node = value;
  for (let hops = 0; hops < 20 && isObject(node) && typeof node.$ref === 'string'; hops++) node = resolvePointer(doc, node.$ref);
  return node;
}
