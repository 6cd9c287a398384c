/** JSON object values: the one `isObject` check of the pipeline (emitter, type generator, change report, docs, update loop). */

/** A JSON object (parsed JSON or a document under construction). */
export type Json = Record<string, unknown>;

/** A non-null, non-array object. */
export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own property lookup (a key such as `constructor` must not find Object.prototype's). */
export function hasOwn(value: Json, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(value, key);
}
