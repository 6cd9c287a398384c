/**
 * The public API that does not depend on which services are bundled: the client machinery, errors, signing,
 * credentials, pagination. The main entry (index.ts) and every per-service entry (`scp-openapi/<service>`)
 * re-export it next to their own `createScpClient`.
 */
export { clientFactories, createScpClientFromMeta, type MetaRegistry } from './client.ts';
export type {
  HttpMethod,
  PathsOf,
  PathsRegistry,
  SchemasOf,
  ScpClient,
  ScpClientAsyncFactory,
  ScpClientEvent,
  ScpClientFactory,
  ScpClientMethod,
  ScpClientOptions,
  ScpFailure,
  ScpRequestOptions,
  ScpResult,
  ScpSuccess,
} from './client-types.ts';
export {
  paginate,
  type ArrayKeys,
  type ItemOf,
  type PageableClient,
  type PagedPath,
  type PageOf,
  type PaginateInit,
  type PaginateOptions,
} from './pagination.ts';
export { checkDeprecation, type DeprecationNotice } from './deprecation.ts';
export {
  ScpApiError,
  ScpConfigError,
  ScpEndpointError,
  ScpError,
  ScpNetworkError,
  ScpRequestError,
  ScpTimeoutError,
  readErrorInfo,
  type ScpErrorInfo,
} from './errors.ts';
export { resolveConfig, type CredentialOptions, type ResolvedConfig, type ScpCredentials } from './credentials.ts';
export { createSigner, signRequestSync, type ScpAuthHeaders, type Signer } from './signing.ts';
export { resolveBaseUrl, type EndpointMeta, type EndpointOptions } from './endpoints.ts';
export {
  createScpFetch,
  type PerRequestOptions,
  type RetryOptions,
  type ScpFetch,
  type ScpRequestEvent,
  type TransportOptions,
} from './transport.ts';
export { compareVersions } from './version-order.ts';
export type { EnvironmentRegion, OperationMeta, ServiceVersionMeta, VersionStatus } from './registry-types.ts';
