/**
 * An operation's parameter list: the `Scp-Api-Version` header that pins the operation's API version,
 * then the documented path, query, header and cookie rows (body and formData rows become the request
 * body), then any path template variable the docs forgot.
 */
import type { ParameterDoc } from '../model.ts';
import { valueSchema } from './emission.ts';
import { pointerTo } from './json-pointer.ts';
import type { Json } from './json-value.ts';
import type { OperationContext } from './operation-context.ts';

export const API_VERSION_HEADER = 'Scp-Api-Version';

export function pathTemplateNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
}

/** `<service id> <version>`, the value of the `Scp-Api-Version` header for this operation. */
export function apiVersionValue(ctx: OperationContext): string {
  return `${ctx.em.service.id} ${ctx.op.version}`;
}

/**
 * The version header as a required parameter whose only allowed value is this operation's version:
 * without it the service answers with its newest CURRENT version, whatever document the caller
 * generated a client from. A single-value enum (not `const`) because more tools read enums.
 */
function apiVersionParameter(ctx: OperationContext): Json {
  const value = apiVersionValue(ctx);
  return {
    name: API_VERSION_HEADER,
    in: 'header',
    description:
      `API version of this operation. Send exactly \`${value}\`: without the header the service uses its newest ` +
      'CURRENT version, which may not be the one this operation documents.',
    required: true,
    schema: { type: 'string', enum: [value] },
    example: value,
  };
}

/** The key that makes two parameters the same (header names are case-insensitive). */
function parameterKey(p: { in: string; name: string }): string {
  return `${p.in}:${p.in === 'header' ? p.name.toLowerCase() : p.name}`;
}

const VERSION_HEADER_KEY = parameterKey({ in: 'header', name: API_VERSION_HEADER });

/** One documented row as a parameter object, or undefined when it is left out (and reported). */
function documentedParameter(ctx: OperationContext, p: ParameterDoc, seen: ReadonlySet<string>, templateNames: readonly string[]): Json | undefined {
  const { em, op } = ctx;
  const origin = ctx.at(p.source);
  const key = parameterKey(p);
  if (seen.has(key)) {
    if (key === VERSION_HEADER_KEY) em.diag('info', 'documented-version-header', `the documented ${API_VERSION_HEADER} row is replaced by the pinned version header`, origin);
    else em.diag('warning', 'duplicate-parameter', `${p.in} parameter "${p.name}" is documented twice; the first row is kept`, origin);
    return undefined;
  }
  if (p.in === 'path' && !templateNames.includes(p.name)) {
    em.diag('warning', 'path-parameter-not-in-path', `path parameter "${p.name}" does not occur in ${op.path}; left out`, origin);
    return undefined;
  }
  ctx.collect(p.schema);
  const { schema, examples } = valueSchema(em, p, origin, `parameter ${p.name}`);
  const param: Json = { name: p.name, in: p.in };
  if (p.description !== '') param.description = p.description;
  if (p.in === 'path' && !p.required) {
    em.diag('warning', 'optional-path-parameter', `path parameter "${p.name}" is documented as optional; path parameters are always required`, origin);
  }
  param.required = p.in === 'path' ? true : p.required;
  param.schema = schema;
  if (examples.length > 0) param.example = examples[0];
  if (examples.length > 1) em.diag('info', 'extra-example', `parameter "${p.name}" has ${examples.length} examples; only the first is emitted`, origin);
  return param;
}

/** The operation's parameters, each one's origin recorded under its pointer. */
export function buildParameters(ctx: OperationContext): Json[] {
  const parameters: Json[] = [];
  const seen = new Set<string>();
  const add = (param: Json, origin = ctx.origin): void => {
    ctx.em.documentedAt(pointerTo(ctx.pointer, 'parameters', parameters.length), origin);
    parameters.push(param);
    seen.add(parameterKey(param as { in: string; name: string }));
  };
  add(apiVersionParameter(ctx));
  const templateNames = pathTemplateNames(ctx.op.path);
  for (const p of ctx.op.parameters) {
    if (p.in === 'body' || p.in === 'formData') continue;
    const param = documentedParameter(ctx, p, seen, templateNames);
    if (param) add(param, ctx.at(p.source));
  }
  for (const name of templateNames) {
    if (seen.has(`path:${name}`)) continue;
    ctx.em.diag('warning', 'undocumented-path-parameter', `path parameter "${name}" of ${ctx.op.path} is not documented; emitted as a required string`, ctx.origin);
    add({ name, in: 'path', required: true, schema: { type: 'string' }, 'x-scp-undocumented': true });
  }
  return parameters;
}
