/**
 * The request an operation's code samples make: path and required query/header values taken from
 * the spec's own examples (else default, first enum value, or a `<name>` placeholder), and the body
 * example (else one built from the schema's required fields). Also the server the samples call: the
 * first environment and region the spec allows. Pure.
 */
import type { OperationDetail, ParameterDetail } from '../operation-detail.ts';
import { deref } from '../../emit/json-pointer.ts';
import { type Json, isObject } from '../../emit/json-value.ts';

export type SampleValue = string | number | boolean | null | readonly SampleValue[] | { readonly [k: string]: SampleValue };

export interface SampleRequest {
  readonly method: string;
  readonly path: string;
  readonly pathParams: Readonly<Record<string, SampleValue>>;
  readonly query: Readonly<Record<string, SampleValue>>;
  /** Required header parameters other than the ones every request carries (version, content negotiation). */
  readonly headers: Readonly<Record<string, SampleValue>>;
  readonly body?: SampleValue;
  readonly contentType?: string;
}

export interface SampleServer {
  /** The URL template, e.g. `https://data-flow.{region}.{environment}.samsungsdscloud.com`. */
  readonly url: string;
  readonly region: string;
  readonly environment: string;
}

/** Headers the samples set themselves (or the client does), never listed as parameters to fill. */
const IMPLIED_HEADERS = new Set(['scp-api-version', 'accept', 'content-type']);

/** A placeholder the reader must replace: `<name>`. */
export function placeholder(name: string): string {
  return `<${name}>`;
}

function typeOf(s: Json): string | undefined {
  const t = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  return typeof t === 'string' ? t : undefined;
}

function usable(v: unknown): v is SampleValue {
  return v !== undefined && v !== '' && !(typeof v === 'object' && v !== null && Object.keys(v).length === 0);
}

/** A value for a schema: its example, default or first enum value, else one built from its type. */
export function valueFromSchema(doc: unknown, raw: unknown, name: string, depth = 0): SampleValue {
  const s = deref(doc, raw);
  if (!isObject(s)) return placeholder(name);
  const given = [s.example, Array.isArray(s.examples) ? s.examples[0] : undefined, s.default, Array.isArray(s.enum) ? s.enum[0] : undefined, s.const];
  const found = given.find(usable);
  if (found !== undefined) return found;
  const union = Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : undefined;
  if (union) return valueFromSchema(doc, union.find((m) => !(isObject(m) && m.type === 'null')), name, depth);
  switch (typeOf(s)) {
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return false;
    case 'array':
      return depth < 4 ? [valueFromSchema(doc, s.items, name, depth + 1)] : [];
    case 'object':
      return depth < 4 ? requiredFields(doc, s, depth + 1) : {};
    default:
      return placeholder(name);
  }
}

/** An object with the schema's required properties (all properties when it marks none required but has few). */
function requiredFields(doc: unknown, s: Json, depth: number): { [k: string]: SampleValue } {
  const props = isObject(s.properties) ? s.properties : {};
  const required = Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === 'string' && r in props) : [];
  const names = required.length > 0 ? required : Object.keys(props).slice(0, 3);
  return Object.fromEntries(names.map((n) => [n, valueFromSchema(doc, props[n], n, depth)]));
}

function parameterValue(doc: unknown, p: ParameterDetail): SampleValue {
  return usable(p.example) ? p.example : valueFromSchema(doc, p.schema, p.name);
}

function pick(doc: unknown, params: readonly ParameterDetail[], where: string, all: boolean): Record<string, SampleValue> {
  const chosen = params.filter((p) => p.in === where && (all || p.required) && !(where === 'header' && IMPLIED_HEADERS.has(p.name.toLowerCase())));
  return Object.fromEntries(chosen.map((p) => [p.name, parameterValue(doc, p)]));
}

export function sampleRequest(doc: unknown, op: OperationDetail): SampleRequest {
  const media = op.requestBody?.content.find((m) => m.mediaType.includes('json')) ?? op.requestBody?.content[0];
  const body = media ? (usable(media.example) ? media.example : valueFromSchema(doc, media.schema, 'body')) : undefined;
  return {
    method: op.method,
    path: op.path,
    pathParams: pick(doc, op.parameters, 'path', true),
    query: pick(doc, op.parameters, 'query', false),
    headers: pick(doc, op.parameters, 'header', false),
    ...(media ? { body, contentType: media.mediaType } : {}),
  };
}

function firstPair(server: Json): { environment?: string; region?: string } {
  const pairs = server['x-scp-environments'];
  const first = Array.isArray(pairs) && isObject(pairs[0]) ? pairs[0] : undefined;
  const vars = isObject(server.variables) ? server.variables : {};
  const def = (k: string): string | undefined => {
    const v = vars[k];
    return isObject(v) && typeof v.default === 'string' ? v.default : undefined;
  };
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  return { environment: str(first?.environment) ?? def('environment'), region: str(first?.region) ?? def('region') };
}

/** The first server of the document with its first allowed (environment, region) pair. */
export function sampleServer(doc: unknown, serviceId: string): SampleServer {
  const servers = isObject(doc) && Array.isArray(doc.servers) ? doc.servers.filter(isObject) : [];
  const first = servers[0];
  const pair = first ? firstPair(first) : {};
  return {
    url: first && typeof first.url === 'string' ? first.url : `https://${serviceId}.{region}.{environment}.samsungsdscloud.com`,
    region: pair.region ?? 'kr-west1',
    environment: pair.environment ?? 's',
  };
}

/** The full URL a sample request goes to (path values and query encoded, placeholders kept readable). */
export function sampleUrl(server: SampleServer, req: SampleRequest): string {
  const enc = (v: SampleValue): string => {
    const s = typeof v === 'string' ? v : JSON.stringify(v);
    return /^<[^>]+>$/.test(s) ? s : encodeURIComponent(s);
  };
  const base = server.url.replace('{region}', server.region).replace('{environment}', server.environment).replace(/\/+$/, '');
  const path = req.path.replace(/\{([^}]+)\}/g, (whole, name: string) => (name in req.pathParams ? enc(req.pathParams[name] as SampleValue) : whole));
  const query = Object.entries(req.query).map(([k, v]) => `${encodeURIComponent(k)}=${enc(v)}`);
  return `${base}${path}${query.length > 0 ? `?${query.join('&')}` : ''}`;
}
