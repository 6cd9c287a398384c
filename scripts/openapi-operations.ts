/**
 * The operations of a parsed OpenAPI document, as the type generator, the change report and the docs
 * site walk them: path by path in document order, then method by method in {@link HTTP_METHODS} order.
 * Pure; tolerant of odd input (what is not an object is passed over).
 */
import { isObject, type Json } from './emit/json-value.ts';

/** The methods a path item can hold, in the order operations are walked. */
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface OperationEntry {
  readonly path: string;
  readonly method: HttpMethod;
  /** The path item holding the operation (its `parameters` apply to every method). */
  readonly pathItem: Json;
  readonly op: Json;
}

/** Every operation object of `doc`'s `paths`. */
export function operationEntries(doc: unknown): OperationEntry[] {
  const paths = isObject(doc) && isObject(doc.paths) ? doc.paths : {};
  const out: OperationEntry[] = [];
  for (const [path, pathItem] of Object.entries(paths)) {
    if (!isObject(pathItem)) continue;
    for (const method of HTTP_METHODS) {
      const op = pathItem[method];
      if (isObject(op)) out.push({ path, method, pathItem, op });
    }
  }
  return out;
}
