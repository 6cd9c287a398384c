/**
 * Shape of the generated registry (generated/registry.ts). The generator writes one entry per
 * (service, version), including `latest`; the runtime reads only this shape.
 */
export type VersionStatus = 'CURRENT' | 'SUPPORTED' | 'DEPRECATED' | 'PLANNED';

export interface EnvironmentRegion {
  readonly environment: string;
  readonly region: string;
}

/** Per-operation facts the client needs at request time (nothing more: every byte here ends up in browser bundles). Keyed by `${METHOD} ${pathTemplate}`, e.g. `GET /v1/data-flows/{data_flow_id}`. */
export interface OperationMeta {
  /** Exact `Scp-Api-Version` header value, e.g. `data-flow 1.1`. */
  readonly apiVersion: string;
  readonly status: VersionStatus;
  /** Support / not-before date as ISO `yyyy-mm-dd`, when the docs give one. */
  readonly notBefore?: string;
}

export interface ServiceVersionMeta {
  readonly service: string;
  /** API version (`1.1`) or `latest`. */
  readonly version: string;
  /** e.g. `https://data-flow.{region}.{environment}.samsungsdscloud.com` */
  readonly serverTemplate: string;
  readonly environments: readonly EnvironmentRegion[];
  readonly operations: Readonly<Record<string, OperationMeta>>;
}
