/**
 * One operation object from its parts: parameters, request body, responses and version extensions
 * (each built by its own module), plus summary, tag, description and a link to the docs page.
 */
import type { MergedService } from '../model.ts';
import type { Emission, Operation } from './emission.ts';
import { operationExternalDocs } from './external-docs.ts';
import type { Json } from './json-value.ts';
import { summaryFor } from './naming.ts';
import { buildRequestBody } from './operation-body.ts';
import { OperationContext } from './operation-context.ts';
import { buildParameters } from './operation-parameters.ts';
import { buildResponses } from './operation-responses.ts';
import { versionExtensions } from './operation-version.ts';

export interface BuiltOperation {
  readonly tag: string;
  readonly object: Json;
  /** Models referenced directly by the operation. */
  readonly models: ReadonlySet<string>;
}

/** The first path segment that is neither a version (`v1`) nor a template variable. */
function tagFor(service: MergedService, path: string): string {
  const segments = path.split('/').filter((s) => s !== '');
  const first = segments.find((s) => !/^v\d+(?:\.\d+)*$/.test(s) && !s.startsWith('{'));
  return first ?? service.id;
}

/** `pointer`: where the operation object sits in the document, for the origins of its parts. */
export function buildOperation(em: Emission, op: Operation, operationId: string, pointer: string): BuiltOperation {
  const ctx = new OperationContext(em, op, pointer);
  const tag = tagFor(em.service, op.path);
  const object: Json = { tags: [tag], summary: summaryFor(op.name) };
  if (op.description !== '') object.description = op.description;
  if (/^\{[\w.-]+\}$/.test(op.description.trim())) {
    em.diag('warning', 'unresolved-placeholder', `description is an unresolved template key: ${op.description}`, ctx.origin);
  }
  const externalDocs = operationExternalDocs(em.service, op);
  if (externalDocs) object.externalDocs = externalDocs;
  object.operationId = operationId;
  object.parameters = buildParameters(ctx);
  const requestBody = buildRequestBody(ctx);
  if (requestBody) object.requestBody = requestBody;
  object.responses = buildResponses(ctx);
  Object.assign(object, versionExtensions(ctx));
  return { tag, object, models: ctx.models };
}
