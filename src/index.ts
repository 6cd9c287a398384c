/**
 * Public entry point of scp-openapi: typed, signed clients for every Samsung Cloud Platform service in the
 * registry. For one service with only its own metadata in a bundle, import `scp-openapi/<service>` instead.
 */
import { registry, type ScpComponents, type ScpPaths } from '../generated/registry.ts';
import { clientFactories } from './client.ts';
import type { SchemasOf, ScpClient } from './client-types.ts';

export * from './common.ts';
export { registry, type ScpComponents, type ScpPaths };

export type ScpService = keyof ScpPaths;
export type ScpVersion<S extends ScpService> = keyof ScpPaths[S] & string;
/** Schemas (`components['schemas']`) of one spec, e.g. `ScpSchemas<'data-flow', '1.1'>['DataFlowBodyCreate']`. */
export type ScpSchemas<S extends ScpService, V extends ScpVersion<S>> = SchemasOf<ScpComponents[S][V & keyof ScpComponents[S]]>;
export type ScpClientFor<S extends ScpService, V extends ScpVersion<S>, ThrowOnError extends boolean = false> = ScpClient<
  ScpPaths[S][V & keyof ScpPaths[S]] & {},
  ThrowOnError
>;

/**
 * `createScpClient(service, version | 'latest', options)`: a typed client for one service and API version
 * (`latest` = newest version of each operation). `createScpClientAsync` resolves credentials and the endpoint first.
 */
export const { createScpClient, createScpClientAsync } = /* @__PURE__ */ clientFactories<ScpPaths>(registry);
