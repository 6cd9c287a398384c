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
import createClient, { type Middleware } from 'openapi-fetch';
import type {
  PathsRegistry,
  ScpClient,
  ScpClientAsyncFactory,
  ScpClientFactory,
  ScpClientOptions,
  ScpRequestOptions,
} from './client-types.ts';
import { resolveConfig } from './credentials.ts';
import { checkDeprecation } from './deprecation.ts';
import { resolveBaseUrl } from './endpoints.ts';
import { requestIdOf, ScpApiError, ScpConfigError, type ScpErrorInfo } from './errors.ts';
import { DraftRequest } from './outgoing.ts';
import { checkPathParams } from './path-params.ts';
import { redactDeep } from './redact.ts';
import type { ServiceVersionMeta } from './registry-types.ts';
import { createSigner } from './signing.ts';
import { createScpFetch, type ScpFetch } from './transport.ts';

/** Runtime facts of a set of services: service → version → registry entry (generated/registry.ts has them all). */
export type MetaRegistry = Readonly<Record<string, Readonly<Record<string, ServiceVersionMeta>>>>;

/**
 * `createScpClient` and `createScpClientAsync` over `registry`, typed by its `paths` `R`. The package's main entry
 * binds the whole generated registry; each per-service entry (`scp-openapi/data-flow`) binds only its own.
 */
export function clientFactories<R extends PathsRegistry>(
  registry: MetaRegistry,
): { createScpClient: ScpClientFactory<R>; createScpClientAsync: ScpClientAsyncFactory<R> } {
  const create = (service: string, version: string, options: ScpClientOptions = {}): ScpClient<{}, boolean> => {
    const versions = registry[service];
    const meta = versions?.[version];
    if (!versions || !meta) {
      const known = versions
        ? `known versions of ${service}: ${Object.keys(versions).join(', ')}`
        : `known services: ${Object.keys(registry).join(', ')}`;
      throw new ScpConfigError(`No SCP API spec for ${String(service)} ${String(version)} (${known})`);
    }
    return createScpClientFromMeta(meta, options, versions);
  };
  const createAsync = async (service: string, version: string, options?: ScpClientOptions): Promise<ScpClient<{}, boolean>> => {
    const client = create(service, version, options);
    await client.ready();
    return client;
  };
  return { createScpClient: create as unknown as ScpClientFactory<R>, createScpClientAsync: createAsync as unknown as ScpClientAsyncFactory<R> };
}

interface ClientState {
  readonly baseUrl: string;
  readonly scpFetch: ScpFetch;
  /** Secret key and session token: cut from error info, should a server echo them. */
  readonly secrets: readonly (string | undefined)[];
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
  // What `use` registered, as openapi-fetch keeps it: a request with none needs no real Request (see fetchInit).
  const middleware: Middleware[] = [];
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
  // The state once resolved, read without awaiting a settled promise on every request.
  let resolved: ClientState | undefined;
  const ready = (): Promise<ClientState> => {
    // A failed resolution is not cached: fixing the environment and retrying works without a new client.
    state ??= init(meta, opts, versions).then(
      (s): ClientState => (resolved = { ...s, send: tracked(s.scpFetch) }),
      (error: unknown) => {
        state = undefined;
        throw error;
      },
    );
    return state;
  };

  const call = (method: (typeof METHODS)[number]) =>
    async function scpRequest(url: string, init?: Record<string, unknown>): Promise<unknown> {
      const { timeoutMs, retry, ...rest } = (init ?? {}) as Record<string, unknown> & ScpRequestOptions;
      checkPathParams(method, url, (rest.params as { path?: unknown } | undefined)?.path);
      const { baseUrl, scpFetch, send, secrets } = resolved ?? (await ready());
      const perRequest = timeoutMs !== undefined || retry !== undefined;
      // The operation's own version: under `latest` it differs per operation. Unknown operation under `latest`:
      // no header, and the service answers with its latest CURRENT version.
      const apiVersion = meta.operations[`${method} ${url}`]?.apiVersion ?? pinned;
      const fetchInit = {
        baseUrl,
        // Middleware sees (and may replace) a real Request; without any, openapi-fetch builds a draft and fetch the
        // one Request. A caller's own `Request` class in `rest` wins.
        Request: middleware.length === 0 && !rest.middleware ? DraftRequest : Request,
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
      const info = errorInfo(response, result.error, secrets);
      if (opts.throwOnError) {
        const request = requestOf.get(response);
        throw new ScpApiError({ ...info, method: request?.method ?? method, url: request?.url ?? response.url, secrets });
      }
      return { error: info, response };
    };

  const client = clientSurface(meta, inner, middleware, ready);
  for (const method of METHODS) client[method] = call(method);
  return Object.freeze(client) as unknown as ScpClient<Paths, boolean>;
}

// ---------------------------------------------------------------------------------------------------------------
// Internals

/** Everything of the client but its seven methods; `use`/`eject` also keep `middleware` in step with openapi-fetch's list. */
function clientSurface(
  meta: ServiceVersionMeta,
  inner: { use: (...m: Middleware[]) => void; eject: (...m: Middleware[]) => void },
  middleware: Middleware[],
  ready: () => Promise<unknown>,
): Record<string | symbol, unknown> {
  const label = `ScpClient(${meta.service} ${meta.version})`;
  return {
    service: meta.service,
    version: meta.version,
    use: (...m: Middleware[]) => {
      inner.use(...m);
      for (const one of m) if (one) middleware.push(one);
    },
    eject: (...m: Middleware[]) => {
      inner.eject(...m);
      for (const one of m) {
        const i = middleware.indexOf(one);
        if (i !== -1) middleware.splice(i, 1);
      }
    },
    ready: async () => {
      await ready();
    },
    toString: () => label,
    toJSON: () => ({ service: meta.service, version: meta.version }),
    [Symbol.for('nodejs.util.inspect.custom')]: () => label,
  };
}

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
  return { baseUrl, scpFetch, secrets: [config.credentials.secretKey, sessionToken] };
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

function errorInfo(response: Response, parsedBody: unknown, secrets: readonly (string | undefined)[]): ScpErrorInfo {
  const requestId = requestIdOf(response.headers);
  // openapi-fetch hands over the body parsed as JSON, else as text ('' when empty).
  const body = parsedBody === '' ? undefined : redactDeep(parsedBody, secrets);
  return requestId === undefined ? { status: response.status, body } : { status: response.status, requestId, body };
}

function pick<T extends object, K extends keyof T>(obj: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (obj[key] !== undefined) out[key] = obj[key];
  return out;
}
