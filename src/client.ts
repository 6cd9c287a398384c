/**
 * The typed SCP client: openapi-fetch, typed by the generated `paths` of one (service, version), sending through
 * the signing, retrying fetch of transport.ts.
 *
 *   const dataFlow = createScpClient('data-flow', '1.1', { region: 'kr-west1', environment: 's' });
 *   const { data, error } = await dataFlow.GET('/v1/data-flows/{data_flow_id}', { params: { path: { data_flow_id } } });
 *
 * Requests and successful `data` carry openapi-fetch's own types. `error` is always {@link ScpErrorInfo}
 * (status, request id, parsed body): the docs define no error schemas, so openapi-fetch alone would type it
 * `undefined`. With `throwOnError: true` a non-2xx answer throws {@link ScpApiError} and the result type has no
 * error branch. Credentials are resolved on the first request (or by `ready()` / createScpClientAsync), so a
 * missing secret fails with ScpConfigError before anything is sent.
 */
import createClient, {
  type Client,
  type ClientPathsWithMethod,
  type FetchResponse,
  type MaybeOptionalInit,
  type Middleware,
} from 'openapi-fetch';
import { registry, type ScpComponents, type ScpPaths } from '../generated/registry.ts';
import { resolveConfig, type CredentialOptions } from './credentials.ts';
import { checkDeprecation, type DeprecationNotice } from './deprecation.ts';
import { resolveBaseUrl } from './endpoints.ts';
import { requestIdOf, ScpApiError, ScpConfigError, type ScpErrorInfo } from './errors.ts';
import type { ServiceVersionMeta } from './registry-types.ts';
import { createSigner } from './signing.ts';
import { createScpFetch, type RetryOptions, type ScpFetch, type ScpRequestEvent } from './transport.ts';

// ---------------------------------------------------------------------------------------------------------------
// Types

export type ScpService = keyof ScpPaths;
export type ScpVersion<S extends ScpService> = keyof ScpPaths[S] & string;
/** Schemas (`components['schemas']`) of one spec, e.g. `ScpSchemas<'data-flow', '1.1'>['DataFlowBodyCreate']`. */
export type ScpSchemas<S extends ScpService, V extends ScpVersion<S>> = ScpComponents[S][V & keyof ScpComponents[S]] extends {
  schemas: infer T;
}
  ? T
  : never;

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';
type MediaType = `${string}/${string}`;

/** Per-request transport settings, accepted next to openapi-fetch's own request options. */
export interface ScpRequestOptions {
  /** Per-attempt timeout in ms (0 disables). */
  timeoutMs?: number;
  retry?: RetryOptions;
}

/** Events: the transport's request/response/retry/error events, plus the one-time deprecation notice. */
export type ScpClientEvent = ScpRequestEvent | { type: 'deprecation'; notice: DeprecationNotice };

export interface ScpClientOptions
  extends Pick<
    CredentialOptions,
    'accessKey' | 'secretKey' | 'accountId' | 'sessionToken' | 'region' | 'environment' | 'configDir' | 'maxRemainDays' | 'env' | 'readFile'
  > {
  /** Base URL instead of the docs' template (proxy, mock server); else config `endpoint-override`, else the template. */
  baseUrl?: string;
  /** Accept-Language header (default en-US). */
  acceptLanguage?: string;
  /** Per-attempt timeout in ms (default 30000; 0 disables). */
  timeoutMs?: number;
  retry?: RetryOptions;
  /** Throw {@link ScpApiError} on non-2xx answers instead of returning `{ error }`. */
  throwOnError?: boolean;
  /** Logging hook: requests, responses, retries, errors (never a header, secret or signature) and the deprecation notice. */
  onEvent?: (event: ScpClientEvent) => void;
  /** Called once per client when the pinned version is deprecated or near its end; default console.warn (unless onEvent is set). */
  onDeprecation?: (notice: DeprecationNotice) => void;
  /** Underlying fetch (tests, proxies); default globalThis.fetch. */
  fetch?: typeof fetch;
  /** Clock in epoch ms for signature timestamps and the deprecation check (default Date.now). */
  now?: () => number;
  /** Retry back-off sleep (tests). */
  sleep?: (ms: number) => Promise<void>;
}

type RequiredKeysOf<T> = { [K in keyof T]: {} extends Pick<T, K> ? never : K }[keyof T] extends infer R
  ? R extends undefined
    ? never
    : R
  : never;

/** openapi-fetch's rule: the init argument is optional exactly when it has no required keys. */
type InitParam<Init> =
  RequiredKeysOf<Init> extends never
    ? [(Init & ScpRequestOptions & { [key: string]: unknown })?]
    : [Init & ScpRequestOptions & { [key: string]: unknown }];

/** The `data` of openapi-fetch's success branch. */
type SuccessData<R> = R extends { error?: never } ? (R extends { data: infer D } ? D : never) : never;

export type ScpSuccess<Op extends Record<string | number, any>, Init, Media extends MediaType> = {
  data: SuccessData<FetchResponse<Op, Init, Media>>;
  error?: never;
  response: Response;
};
export type ScpFailure = { data?: never; error: ScpErrorInfo; response: Response };
export type ScpResult<Op extends Record<string | number, any>, Init, Media extends MediaType, ThrowOnError extends boolean> =
  | ScpSuccess<Op, Init, Media>
  | (ThrowOnError extends true ? never : ScpFailure);

export type ScpClientMethod<Paths extends {}, M extends HttpMethod, ThrowOnError extends boolean, Media extends MediaType = MediaType> = <
  Path extends ClientPathsWithMethod<Client<Paths, Media>, M>,
  Init extends MaybeOptionalInit<Paths[Path], M & keyof Paths[Path]>,
>(
  url: Path,
  ...init: InitParam<Init>
) => Promise<ScpResult<Paths[Path][M & keyof Paths[Path]] & Record<string | number, any>, Init, Media, ThrowOnError>>;

/** Type-only key under which a client records its `paths` type (for helpers such as paginate); absent at runtime. */
export declare const scpPathsType: unique symbol;

/** openapi-fetch's `Client<Paths>` with SCP error info and per-request transport options. */
export interface ScpClient<Paths extends {}, ThrowOnError extends boolean = false, Media extends MediaType = MediaType> {
  readonly [scpPathsType]?: Paths;
  readonly service: string;
  readonly version: string;
  /** Call a GET endpoint */
  GET: ScpClientMethod<Paths, 'get', ThrowOnError, Media>;
  /** Call a PUT endpoint */
  PUT: ScpClientMethod<Paths, 'put', ThrowOnError, Media>;
  /** Call a POST endpoint */
  POST: ScpClientMethod<Paths, 'post', ThrowOnError, Media>;
  /** Call a DELETE endpoint */
  DELETE: ScpClientMethod<Paths, 'delete', ThrowOnError, Media>;
  /** Call a PATCH endpoint */
  PATCH: ScpClientMethod<Paths, 'patch', ThrowOnError, Media>;
  /** Call a HEAD endpoint */
  HEAD: ScpClientMethod<Paths, 'head', ThrowOnError, Media>;
  /** Call an OPTIONS endpoint */
  OPTIONS: ScpClientMethod<Paths, 'options', ThrowOnError, Media>;
  /** Register openapi-fetch middleware (runs before signing; the transport signs the final request). */
  use(...middleware: Middleware[]): void;
  eject(...middleware: Middleware[]): void;
  /** Resolves credentials and endpoint now; rejects with ScpConfigError / ScpEndpointError. Idempotent. */
  ready(): Promise<void>;
}

/** The `paths` type of a client. */
export type PathsOf<C> = C extends { readonly [scpPathsType]?: infer P } ? NonNullable<P> : never;

export type ScpClientFor<S extends ScpService, V extends ScpVersion<S>, ThrowOnError extends boolean = false> = ScpClient<
  ScpPaths[S][V & keyof ScpPaths[S]] & {},
  ThrowOnError
>;

// ---------------------------------------------------------------------------------------------------------------
// Factories

const knownRegistry: Readonly<Record<string, Readonly<Record<string, ServiceVersionMeta>>>> = registry;

/** Typed client for one service and API version (`latest` = newest version of each operation). */
export function createScpClient<S extends ScpService, V extends ScpVersion<S>>(
  service: S,
  version: V,
  options: ScpClientOptions & { throwOnError: true },
): ScpClientFor<S, V, true>;
export function createScpClient<S extends ScpService, V extends ScpVersion<S>>(
  service: S,
  version: V,
  options?: ScpClientOptions & { throwOnError?: false },
): ScpClientFor<S, V, false>;
export function createScpClient<S extends ScpService, V extends ScpVersion<S>>(
  service: S,
  version: V,
  options?: ScpClientOptions,
): ScpClientFor<S, V, boolean>;
export function createScpClient<S extends ScpService, V extends ScpVersion<S>>(
  service: S,
  version: V,
  options: ScpClientOptions = {},
): ScpClientFor<S, V, boolean> {
  const versions = knownRegistry[service];
  const meta = versions?.[version];
  if (!versions || !meta) {
    const known = versions
      ? `known versions of ${service}: ${Object.keys(versions).join(', ')}`
      : `known services: ${Object.keys(knownRegistry).join(', ')}`;
    throw new ScpConfigError(`No SCP API spec for ${String(service)} ${String(version)} (${known})`);
  }
  return createScpClientFromMeta<ScpPaths[S][V & keyof ScpPaths[S]] & {}>(meta, options, versions);
}

/** Like {@link createScpClient}, but resolves credentials and the endpoint first (rejects when they are missing). */
export async function createScpClientAsync<S extends ScpService, V extends ScpVersion<S>>(
  service: S,
  version: V,
  options: ScpClientOptions & { throwOnError: true },
): Promise<ScpClientFor<S, V, true>>;
export async function createScpClientAsync<S extends ScpService, V extends ScpVersion<S>>(
  service: S,
  version: V,
  options?: ScpClientOptions & { throwOnError?: false },
): Promise<ScpClientFor<S, V, false>>;
export async function createScpClientAsync<S extends ScpService, V extends ScpVersion<S>>(
  service: S,
  version: V,
  options?: ScpClientOptions,
): Promise<ScpClientFor<S, V, boolean>>;
export async function createScpClientAsync<S extends ScpService, V extends ScpVersion<S>>(
  service: S,
  version: V,
  options: ScpClientOptions = {},
): Promise<ScpClientFor<S, V, boolean>> {
  const client = createScpClient(service, version, options);
  await client.ready();
  return client;
}

interface ClientState {
  readonly baseUrl: string;
  readonly scpFetch: ScpFetch;
  /** scpFetch, remembering the request behind each error response. */
  readonly send: (request: Request) => Promise<Response>;
}

const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'] as const;

/**
 * Client for an explicit registry entry (a spec outside the generated registry, or tests). `versions` — every
 * version of the service — lets the deprecation notice suggest one to move to.
 */
export function createScpClientFromMeta<Paths extends {}>(
  meta: ServiceVersionMeta,
  options: ScpClientOptions & { throwOnError: true },
  versions?: Readonly<Record<string, ServiceVersionMeta>>,
): ScpClient<Paths, true>;
export function createScpClientFromMeta<Paths extends {}>(
  meta: ServiceVersionMeta,
  options?: ScpClientOptions & { throwOnError?: false },
  versions?: Readonly<Record<string, ServiceVersionMeta>>,
): ScpClient<Paths, false>;
export function createScpClientFromMeta<Paths extends {}>(
  meta: ServiceVersionMeta,
  options?: ScpClientOptions,
  versions?: Readonly<Record<string, ServiceVersionMeta>>,
): ScpClient<Paths, boolean>;
export function createScpClientFromMeta<Paths extends {}>(
  meta: ServiceVersionMeta,
  options: ScpClientOptions = {},
  versions?: Readonly<Record<string, ServiceVersionMeta>>,
): ScpClient<Paths, boolean> {
  const opts = { ...options };
  // No openapi-fetch middleware of our own: it would cost every request an id, a frozen options object and a
  // header write; the wrapper below sets the one header and tracks error requests more cheaply.
  const inner = createClient<Paths>();
  const pinned = meta.version === 'latest' ? undefined : `${meta.service} ${meta.version}`;
  // The request behind each error response, so ScpApiError can name method and URL.
  const requestOf = new WeakMap<Response, Request>();
  const tracked =
    (send: (request: Request) => Promise<Response>) =>
    async (request: Request): Promise<Response> => {
      const response = await send(request);
      if (!response.ok) requestOf.set(response, request);
      return response;
    };

  let state: Promise<ClientState> | undefined;
  const ready = (): Promise<ClientState> => {
    // A failed resolution is not cached: fixing the environment and retrying works without a new client.
    state ??= init(meta, opts, versions).then(
      (s): ClientState => ({ ...s, send: tracked(s.scpFetch) }),
      (error: unknown) => {
        state = undefined;
        throw error;
      },
    );
    return state;
  };

  const call = (method: (typeof METHODS)[number]) =>
    async function scpRequest(url: string, init?: Record<string, unknown>): Promise<unknown> {
      const { baseUrl, scpFetch, send } = await ready();
      const { timeoutMs, retry, ...rest } = (init ?? {}) as Record<string, unknown> & ScpRequestOptions;
      const perRequest = timeoutMs !== undefined || retry !== undefined;
      // The operation's own version: under `latest` it differs per operation. Unknown operation under `latest`:
      // no header, and the service answers with its latest CURRENT version.
      const apiVersion = meta.operations[`${method} ${url}`]?.apiVersion ?? pinned;
      const fetchInit = {
        baseUrl,
        ...rest,
        headers: withApiVersion(rest.headers, apiVersion),
        fetch: perRequest
          ? tracked(scpFetch.withOptions({ ...(timeoutMs !== undefined ? { timeoutMs } : {}), ...(retry ? { retry } : {}) }))
          : send,
      };
      const result = await (inner[method] as (u: string, i: unknown) => Promise<{ data?: unknown; error?: unknown; response: Response }>)(
        url,
        fetchInit,
      );
      const { response } = result;
      if (response.ok) return result;
      const info = errorInfo(response, result.error);
      if (opts.throwOnError) {
        const request = requestOf.get(response);
        throw new ScpApiError({ ...info, method: request?.method ?? method, url: request?.url ?? response.url });
      }
      return { error: info, response };
    };

  const label = `ScpClient(${meta.service} ${meta.version})`;
  const client = {
    service: meta.service,
    version: meta.version,
    use: (...m: Middleware[]) => inner.use(...m),
    eject: (...m: Middleware[]) => inner.eject(...m),
    ready: async () => {
      await ready();
    },
    toString: () => label,
    toJSON: () => ({ service: meta.service, version: meta.version }),
    [Symbol.for('nodejs.util.inspect.custom')]: () => label,
  } as Record<string | symbol, unknown>;
  for (const method of METHODS) client[method] = call(method);
  return Object.freeze(client) as unknown as ScpClient<Paths, boolean>;
}

// ---------------------------------------------------------------------------------------------------------------
// Internals

async function init(
  meta: ServiceVersionMeta,
  opts: ScpClientOptions,
  versions: Readonly<Record<string, ServiceVersionMeta>> | undefined,
): Promise<Omit<ClientState, 'send'>> {
  const config = await resolveConfig({
    ...pick(opts, ['accessKey', 'secretKey', 'accountId', 'sessionToken', 'region', 'environment', 'configDir', 'maxRemainDays', 'env', 'readFile']),
  });
  const baseUrl = resolveBaseUrl(
    { service: meta.service, serverTemplate: meta.serverTemplate, environments: meta.environments },
    {
      ...(config.region !== undefined ? { region: config.region } : {}),
      ...(config.environment !== undefined ? { environment: config.environment } : {}),
      ...((opts.baseUrl ?? config.endpointOverride) !== undefined ? { baseUrl: (opts.baseUrl ?? config.endpointOverride) as string } : {}),
    },
  );
  const signer = await createSigner(config.credentials);
  const { accountId, sessionToken } = config.credentials;
  const onEvent = opts.onEvent;
  const scpFetch = createScpFetch({
    signer,
    ...(accountId !== undefined ? { accountId } : {}),
    ...(sessionToken !== undefined ? { sessionToken } : {}),
    acceptLanguage: opts.acceptLanguage ?? 'en-US',
    ...pick(opts, ['timeoutMs', 'retry', 'fetch', 'now', 'sleep']),
    ...(onEvent ? { onEvent } : {}),
  });

  const notice = checkDeprecation(meta, {
    now: (opts.now ?? Date.now)(),
    maxRemainDays: config.maxRemainDays,
    ...(versions ? { versions } : {}),
  });
  if (notice) {
    try {
      if (opts.onDeprecation) opts.onDeprecation(notice);
      else if (!onEvent) console.warn(notice.message);
      onEvent?.({ type: 'deprecation', notice });
    } catch {
      // A failing listener must not fail the request.
    }
  }
  return { baseUrl, scpFetch };
}

/** Adds `Scp-Api-Version` to the caller's headers unless they already set it (an explicit header wins). */
function withApiVersion(headers: unknown, version: string | undefined): unknown {
  if (version === undefined) return headers;
  if (headers === undefined || headers === null) return { 'Scp-Api-Version': version };
  if (headers instanceof Headers || Array.isArray(headers)) {
    const merged = new Headers(headers as HeadersInit);
    if (!merged.has('scp-api-version')) merged.set('Scp-Api-Version', version);
    return merged;
  }
  const record = headers as Record<string, unknown>;
  for (const name in record) if (name.toLowerCase() === 'scp-api-version') return headers;
  return { 'Scp-Api-Version': version, ...record };
}

function errorInfo(response: Response, parsedBody: unknown): ScpErrorInfo {
  const requestId = requestIdOf(response.headers);
  // openapi-fetch hands over the body parsed as JSON, else as text ('' when empty).
  const body = parsedBody === '' ? undefined : parsedBody;
  return requestId === undefined ? { status: response.status, body } : { status: response.status, requestId, body };
}

function pick<T extends object, K extends keyof T>(obj: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (obj[key] !== undefined) out[key] = obj[key];
  return out;
}
