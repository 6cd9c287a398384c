/**
 * Types of the typed SCP client (no runtime code): its options, its methods (openapi-fetch's, with SCP error info
 * and per-request transport options) and their results, and the factory types a registry is bound with.
 */
import type { Client, ClientPathsWithMethod, FetchResponse, MaybeOptionalInit, Middleware } from 'openapi-fetch';
import type { CredentialOptions } from './credentials.ts';
import type { DeprecationNotice } from './deprecation.ts';
import type { ScpErrorInfo } from './errors.ts';
import type { RetryOptions, ScpRequestEvent } from './transport.ts';

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

/**
 * The `paths` types of a set of services: service → version → openapi-typescript `paths` (an interface such as the
 * generated `ScpPaths`, which has no index signature).
 */
export type PathsRegistry = object;

/** `createScpClient` over a set of services: the service and version are checked as literal types. */
export interface ScpClientFactory<R extends PathsRegistry> {
  <S extends keyof R & string, V extends keyof R[S] & string>(
    service: S,
    version: V,
    options: ScpClientOptions & { throwOnError: true },
  ): ScpClient<R[S][V] & {}, true>;
  <S extends keyof R & string, V extends keyof R[S] & string>(
    service: S,
    version: V,
    options?: ScpClientOptions & { throwOnError?: false },
  ): ScpClient<R[S][V] & {}, false>;
  <S extends keyof R & string, V extends keyof R[S] & string>(service: S, version: V, options?: ScpClientOptions): ScpClient<R[S][V] & {}, boolean>;
}

/** `createScpClientAsync`: like {@link ScpClientFactory}, resolving credentials and the endpoint first. */
export interface ScpClientAsyncFactory<R extends PathsRegistry> {
  <S extends keyof R & string, V extends keyof R[S] & string>(
    service: S,
    version: V,
    options: ScpClientOptions & { throwOnError: true },
  ): Promise<ScpClient<R[S][V] & {}, true>>;
  <S extends keyof R & string, V extends keyof R[S] & string>(
    service: S,
    version: V,
    options?: ScpClientOptions & { throwOnError?: false },
  ): Promise<ScpClient<R[S][V] & {}, false>>;
  <S extends keyof R & string, V extends keyof R[S] & string>(
    service: S,
    version: V,
    options?: ScpClientOptions,
  ): Promise<ScpClient<R[S][V] & {}, boolean>>;
}

/** `components['schemas']` of one spec's openapi-typescript `components`. */
export type SchemasOf<Components> = Components extends { schemas: infer T } ? T : never;
