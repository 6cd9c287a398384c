/**
 * What a reference page shows of one operation, read from a parsed OpenAPI 3.1 document: its
 * parameters, request body, responses and their examples, its `Scp-Api-Version` value, lifecycle
 * and source page. Both spec shapes are read: the version header declared as a required parameter
 * with one allowed value (enum or const), or only the `x-scp-api-version` extension. Pure.
 */
import { type OperationView, operationView } from './openapi-view.ts';
import { deref } from '../emit/json-pointer.ts';
import { type Json, isObject } from '../emit/json-value.ts';
import { type OperationEntry, operationEntries } from '../openapi-operations.ts';

export const VERSION_HEADER = 'Scp-Api-Version';

export interface ParameterDetail {
  readonly name: string;
  readonly in: string;
  readonly required: boolean;
  readonly description?: string;
  readonly deprecated: boolean;
  readonly schema?: unknown;
  /** The parameter's example (or its schema's first `examples` entry). */
  readonly example?: unknown;
}

export interface MediaDetail {
  readonly mediaType: string;
  readonly schema?: unknown;
  readonly example?: unknown;
}

export interface BodyDetail {
  readonly required: boolean;
  readonly description?: string;
  readonly content: readonly MediaDetail[];
}

export interface ResponseDetail {
  readonly status: string;
  readonly description?: string;
  readonly content: readonly MediaDetail[];
}

export interface ExternalDoc {
  readonly url: string;
  readonly description?: string;
}

export interface OperationDetail extends OperationView {
  /** Element id of the operation on its reference page. */
  readonly anchor: string;
  readonly parameters: readonly ParameterDetail[];
  readonly requestBody?: BodyDetail;
  readonly responses: readonly ResponseDetail[];
  /** The `Scp-Api-Version` value to send, e.g. `data-flow 1.1`. */
  readonly versionHeader?: string;
  readonly externalDocs?: ExternalDoc;
  /** Names of the security schemes the operation (or the document) requires. */
  readonly security: readonly string[];
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

/** The only value a schema allows (`const`, or an enum of one), if it pins one. */
export function pinnedValue(schema: unknown): string | undefined {
  if (!isObject(schema)) return undefined;
  if (typeof schema.const === 'string') return schema.const;
  return Array.isArray(schema.enum) && schema.enum.length === 1 && typeof schema.enum[0] === 'string' ? schema.enum[0] : undefined;
}

/** First example a schema or object carries: `example`, then `examples` (array, or a map of Example objects). */
export function firstExample(doc: unknown, holder: unknown): unknown {
  if (!isObject(holder)) return undefined;
  if (holder.example !== undefined) return holder.example;
  const ex = holder.examples;
  if (Array.isArray(ex)) return ex[0];
  if (isObject(ex)) {
    for (const v of Object.values(ex)) {
      const resolved = deref(doc, v);
      if (isObject(resolved) && resolved.value !== undefined) return resolved.value;
    }
  }
  return undefined;
}

function parameterOf(doc: unknown, raw: unknown): ParameterDetail | undefined {
  const p = deref(doc, raw);
  if (!isObject(p) || typeof p.name !== 'string' || typeof p.in !== 'string') return undefined;
  const schema = deref(doc, p.schema);
  return {
    name: p.name,
    in: p.in,
    required: p.required === true,
    description: text(p.description),
    deprecated: p.deprecated === true,
    schema: p.schema,
    example: firstExample(doc, p) ?? firstExample(doc, schema),
  };
}

function contentOf(doc: unknown, content: unknown): MediaDetail[] {
  if (!isObject(content)) return [];
  return Object.entries(content).map(([mediaType, m]) => ({
    mediaType,
    schema: isObject(m) ? m.schema : undefined,
    example: firstExample(doc, m),
  }));
}

/** Path-level parameters first, overridden by operation-level ones of the same name and location. */
function mergedParameters(doc: unknown, item: Json, op: Json): ParameterDetail[] {
  const byKey = new Map<string, ParameterDetail>();
  for (const raw of [...(Array.isArray(item.parameters) ? item.parameters : []), ...(Array.isArray(op.parameters) ? op.parameters : [])]) {
    const p = parameterOf(doc, raw);
    if (p) byKey.set(`${p.in}:${p.in === 'header' ? p.name.toLowerCase() : p.name}`, p);
  }
  return [...byKey.values()];
}

function securityNames(doc: Json, op: Json): string[] {
  const reqs = Array.isArray(op.security) ? op.security : Array.isArray(doc.security) ? doc.security : [];
  return [...new Set(reqs.filter(isObject).flatMap((r) => Object.keys(r)))];
}

/** A stable element id: `op-<operationId>`, else built from method and path. */
export function operationAnchor(op: { operationId?: string; method: string; path: string }): string {
  const base = op.operationId ?? `${op.method.toLowerCase()}${op.path}`;
  return `op-${base.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/-+$/, '')}`;
}

function detailOf(doc: Json, entry: OperationEntry): OperationDetail {
  const { pathItem: item, op } = entry;
  const view = operationView(entry);
  const parameters = mergedParameters(doc, item, op);
  const header = parameters.find((p) => p.in === 'header' && p.name.toLowerCase() === VERSION_HEADER.toLowerCase());
  const body = deref(doc, op.requestBody);
  const responses = isObject(op.responses) ? op.responses : {};
  const docs = isObject(op.externalDocs) ? op.externalDocs : undefined;
  return {
    ...view,
    anchor: operationAnchor(view),
    parameters,
    requestBody: isObject(body) ? { required: body.required === true, description: text(body.description), content: contentOf(doc, body.content) } : undefined,
    responses: Object.entries(responses).map(([status, r]) => {
      const resolved = deref(doc, r);
      return { status, description: isObject(resolved) ? text(resolved.description) : undefined, content: isObject(resolved) ? contentOf(doc, resolved.content) : [] };
    }),
    versionHeader: pinnedValue(deref(doc, header?.schema)) ?? view.apiVersion,
    externalDocs: docs && typeof docs.url === 'string' ? { url: docs.url, description: text(docs.description) } : undefined,
    security: securityNames(doc, op),
  };
}

/** Every operation of the document, in path order then method order as the document lists them. */
export function operationDetails(doc: unknown): OperationDetail[] {
  if (!isObject(doc)) return [];
  return operationEntries(doc).map((entry) => detailOf(doc, entry));
}
