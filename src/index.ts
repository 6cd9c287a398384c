/** Public entry point of scp-openapi: typed, signed clients for Samsung Cloud Platform APIs. */
export {
  createScpClient,
  createScpClientAsync,
  createScpClientFromMeta,
  type HttpMethod,
  type PathsOf,
  type ScpClient,
  type ScpClientEvent,
  type ScpClientFor,
  type ScpClientMethod,
  type ScpClientOptions,
  type ScpFailure,
  type ScpRequestOptions,
  type ScpResult,
  type ScpSchemas,
  type ScpService,
  type ScpSuccess,
  type ScpVersion,
} from './client.ts';
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
  ScpTimeoutError,
  readErrorInfo,
  type ScpErrorInfo,
} from './errors.ts';
export { resolveConfig, type CredentialOptions, type ResolvedConfig, type ScpCredentials } from './credentials.ts';
export { createSigner, signRequestSync, type ScpAuthHeaders, type Signer } from './signing.ts';
export { resolveBaseUrl, type EndpointMeta, type EndpointOptions } from './endpoints.ts';
export { createScpFetch, type RetryOptions, type ScpFetch, type ScpRequestEvent, type TransportOptions } from './transport.ts';
export { registry, type ScpComponents, type ScpPaths } from '../generated/registry.ts';
export type { EnvironmentRegion, OperationMeta, ServiceVersionMeta, VersionStatus } from './registry-types.ts';
