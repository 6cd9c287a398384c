/**
 * An operation's responses: one per documented HTTP code, with the docs' example body on the code
 * the example names.
 */
import { schemaExprToJsonSchema } from './json-schema.ts';
import { pointerTo } from './json-pointer.ts';
import type { Json } from './json-value.ts';
import type { OperationContext } from './operation-context.ts';
import { JSON_MEDIA } from './operation-body.ts';

const REASONS: Readonly<Record<string, string>> = {
  '200': 'OK',
  '201': 'Created',
  '202': 'Accepted',
  '204': 'No Content',
  '400': 'Bad Request',
  '401': 'Unauthorized',
  '403': 'Forbidden',
  '404': 'Not Found',
  '409': 'Conflict',
  '500': 'Internal Server Error',
};

const STATUS_CODE = /^(?:[1-5](?:\d\d|XX)|default)$/;

export function buildResponses(ctx: OperationContext): Json {
  const { em, op } = ctx;
  const example = op.example;
  const responses: Json = {};
  let exampleUsed = example.responseBody === undefined;
  for (const r of op.responses) {
    const origin = ctx.at(r.source);
    if (!STATUS_CODE.test(r.code)) {
      em.diag('warning', 'bad-response-code', `response code "${r.code}" is not an HTTP status code; left out`, origin);
      continue;
    }
    if (r.code in responses) {
      em.diag('warning', 'duplicate-response', `response ${r.code} is documented twice; the first row is kept`, origin);
      continue;
    }
    const response: Json = { description: r.description !== '' ? r.description : (REASONS[r.code] ?? `HTTP ${r.code}`) };
    const hasExample = example.responseCode === r.code && example.responseBody !== undefined;
    if (r.schema) {
      ctx.collect(r.schema);
      const media: Json = { schema: schemaExprToJsonSchema(r.schema, em.refFor(origin)) };
      if (hasExample) media.example = example.responseBody;
      response.content = { [JSON_MEDIA]: media };
    } else if (hasExample) {
      em.diag('warning', 'example-without-schema', `response ${r.code} has an example body but no schema; the example is emitted without a schema`, origin);
      response.content = { [JSON_MEDIA]: { example: example.responseBody } };
    }
    if (hasExample) exampleUsed = true;
    em.documentedAt(pointerTo(ctx.pointer, 'responses', r.code, 'content', JSON_MEDIA), origin);
    responses[r.code] = response;
  }
  if (!exampleUsed) {
    em.diag('warning', 'example-response-code-unknown', `the example response is for code ${example.responseCode ?? '(none)'}, which the response table does not list; the example is left out`, ctx.origin);
  }
  if (Object.keys(responses).length === 0) em.diag('warning', 'no-responses', 'no responses are documented', ctx.origin);
  return responses;
}
