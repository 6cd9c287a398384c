/**
 * Headers the client sets on every request (auth headers, `Scp-Api-Version`, `Accept-Language`) are optional in the
 * generated types even where a spec declares them required: a caller never has to pass them, and may still
 * override one (its documented schema, e.g. a pinned `Scp-Api-Version` value, still types it).
 */
import { isObject } from './emit/json-value.ts';
import { HTTP_METHODS } from './openapi-operations.ts';

/** Lower-case names of the headers src/ fills in itself. */
const CLIENT_SET_HEADERS: ReadonlySet<string> = new Set([
  'scp-api-version',
  'scp-accesskey',
  'scp-signature',
  'scp-timestamp',
  'scp-clienttype',
  'scp-accountid',
  'x-auth-token',
  'accept-language',
]);

/** Marks client-set header parameters `required: false`, in place: inline, path-level and `components.parameters`. */
export function optionalClientHeaders<T extends Record<string, unknown>>(doc: T): T {
  const relax = (parameters: unknown): void => {
    for (const p of Array.isArray(parameters) ? parameters : isObject(parameters) ? Object.values(parameters) : []) {
      if (isObject(p) && p.in === 'header' && typeof p.name === 'string' && CLIENT_SET_HEADERS.has(p.name.toLowerCase())) {
        p.required = false;
      }
    }
  };
  const components = doc.components;
  if (isObject(components)) relax(components.parameters);
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const item of Object.values(paths)) {
    if (!isObject(item)) continue;
    relax(item.parameters);
    for (const method of HTTP_METHODS) if (isObject(item[method])) relax((item[method] as Record<string, unknown>).parameters);
  }
  return doc;
}
