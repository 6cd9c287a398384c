/**
 * An operation's request body: the first `body` row as JSON (with the docs' request example), or
 * else the `formData` rows as an `application/x-www-form-urlencoded` object.
 */
import type { ParameterDoc } from '../model.ts';
import { valueSchema } from './emission.ts';
import type { JsonSchema } from './json-schema.ts';
import { pointerTo } from './json-pointer.ts';
import type { Json } from './json-value.ts';
import type { OperationContext } from './operation-context.ts';

export const JSON_MEDIA = 'application/json';
const FORM_MEDIA = 'application/x-www-form-urlencoded';

function jsonBody(ctx: OperationContext, body: ParameterDoc): Json {
  const origin = ctx.at(body.source);
  ctx.collect(body.schema);
  const { schema, examples } = valueSchema(ctx.em, body, origin, 'request body');
  const media: Json = { schema };
  const documented = ctx.op.example.requestBody;
  if (documented !== undefined) media.example = documented;
  else if (examples.length > 0) media.example = examples[0];
  const requestBody: Json = {};
  if (body.description !== '') requestBody.description = body.description;
  requestBody.required = body.required;
  requestBody.content = { [JSON_MEDIA]: media };
  ctx.em.documentedAt(pointerTo(ctx.pointer, 'requestBody', 'content', JSON_MEDIA), origin);
  return requestBody;
}

function formBody(ctx: OperationContext, fields: readonly ParameterDoc[]): Json {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const f of fields) {
    const origin = ctx.at(f.source);
    ctx.collect(f.schema);
    const { schema, examples } = valueSchema(ctx.em, f, origin, `form field ${f.name}`);
    properties[f.name] = { ...schema, ...(f.description !== '' ? { description: f.description } : {}), ...(examples.length > 0 ? { examples: [...examples] } : {}) };
    if (f.required) required.push(f.name);
    ctx.em.documentedAt(pointerTo(ctx.pointer, 'requestBody', 'content', FORM_MEDIA, 'schema', 'properties', f.name), origin);
  }
  ctx.em.diag('info', 'form-data-parameters', `${fields.length} formData rows emitted as an ${FORM_MEDIA} request body`, ctx.origin);
  return {
    required: required.length > 0,
    content: { [FORM_MEDIA]: { schema: { type: 'object', properties, ...(required.length > 0 ? { required } : {}) } } },
  };
}

/** The request body object, or undefined when the docs give neither a body row nor formData rows. */
export function buildRequestBody(ctx: OperationContext): Json | undefined {
  const { em } = ctx;
  const bodies = ctx.rows('body');
  const formFields = ctx.rows('formData');
  if (bodies.length > 1) em.diag('warning', 'multiple-body-parameters', `${bodies.length} body rows; only the first is used`, ctx.origin);
  const body = bodies[0];
  if (body && formFields.length > 0) {
    em.diag('warning', 'body-and-form-data', 'both a body row and formData rows are documented; the formData rows are left out', ctx.origin);
  }
  if (!body && ctx.op.example.requestBody !== undefined) {
    em.diag('warning', 'request-example-without-body', 'the example has a request body but no body parameter is documented; the example is left out', ctx.origin);
  }
  if (body) return jsonBody(ctx, body);
  return formFields.length > 0 ? formBody(ctx, formFields) : undefined;
}
