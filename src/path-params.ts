/**
 * Path parameters are checked before a request is built: a missing one would be sent as the literal `{name}`, and
 * `''`, `.` or `..` pass through percent-encoding unchanged and let the URL parser collapse the path
 * (`DELETE /v1/data-flows/..` is sent as `DELETE /v1/`), changing the operation that gets signed and run.
 */
import { ScpRequestError } from './errors.ts';

const namesByTemplate = new Map<string, readonly string[]>();

/** `{name}` placeholders of a path template, in order (cached: templates are a fixed set). */
function placeholders(template: string): readonly string[] {
  let names = namesByTemplate.get(template);
  if (names === undefined) {
    names = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
    namesByTemplate.set(template, names);
  }
  return names;
}

/** Throws {@link ScpRequestError} naming the parameter when a placeholder of `template` has no usable value. */
export function checkPathParams(method: string, template: string, values: unknown): void {
  const names = placeholders(template);
  if (names.length === 0) return;
  const given = (values ?? {}) as Record<string, unknown>;
  for (const name of names) {
    const value = given[name];
    if (value === undefined || value === null) {
      throw new ScpRequestError(`${method} ${template}: path parameter "${name}" is missing`);
    }
    const text = Array.isArray(value) ? value.join(',') : String(value);
    if (text === '' || text === '.' || text === '..') {
      throw new ScpRequestError(
        `${method} ${template}: path parameter "${name}" is ${JSON.stringify(text)}, which would change the request's path`,
      );
    }
  }
}
