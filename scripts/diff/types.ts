/**
 * Shapes of the semantic change report: what `diffSpecs` returns and the renderers read.
 * A spec is taken as plain parsed YAML/JSON (`OpenApiDoc`) so that the emitter's output and a
 * spec file read from disk are both accepted without conversion.
 */

/** A parsed OpenAPI 3.1 document (as emitted by the build or read from specs/*.yaml). */
export type OpenApiDoc = Readonly<Record<string, unknown>>;

/** Which side of the exchange a schema change concerns; decides whether it breaks clients. */
export type ChangeSide = 'request' | 'response' | 'both';

export type ChangeKind =
  // whole versions (spec files) and their lifecycle
  | 'version-added'
  | 'version-removed'
  | 'version-status-changed'
  | 'version-supported-until-changed'
  // operations
  | 'operation-added'
  | 'operation-removed'
  | 'operation-deprecated-changed'
  | 'operation-status-changed'
  | 'operation-supported-until-changed'
  // parameters (the parameter itself; its schema's inner properties use the property-* kinds)
  | 'parameter-added'
  | 'parameter-removed'
  | 'parameter-required-changed'
  | 'parameter-type-changed'
  | 'parameter-nullable-changed'
  | 'parameter-enum-changed'
  | 'parameter-constraint-changed'
  | 'parameter-default-changed'
  | 'parameter-deprecated-changed'
  // request body
  | 'request-body-added'
  | 'request-body-removed'
  | 'request-body-required-changed'
  // responses
  | 'response-added'
  | 'response-removed'
  | 'response-body-added'
  | 'response-body-removed'
  // schemas (request/response bodies and the models they reference)
  | 'schema-ref-changed'
  | 'property-added'
  | 'property-removed'
  | 'property-required-changed'
  | 'property-type-changed'
  | 'property-nullable-changed'
  | 'property-enum-changed'
  | 'property-constraint-changed'
  | 'property-default-changed'
  | 'property-deprecated-changed';

export interface ChangeEntry {
  readonly kind: ChangeKind;
  /** True when a client written against the old spec can fail against the new one. */
  readonly breaking: boolean;
  /** operationId of the operation concerned (for a shared model: the first one that reaches it). */
  readonly operation?: string;
  /** URL path template, e.g. `/v1/data-flows/{data_flow_id}`; absent for version-level entries. */
  readonly path?: string;
  /** Lower-case HTTP method; absent for version-level entries. */
  readonly method?: string;
  /**
   * What changed, in a stable notation: `query size` (parameter), `DataFlowBodyCreate.tags` (model property,
   * rooted at the nearest named model), `requestBody.name` / `response 200.items[]` (inline schemas),
   * `response 404`, `x-scp-status`.
   */
  readonly target: string;
  readonly side?: ChangeSide;
  /** One human sentence. */
  readonly detail: string;
  readonly before?: unknown;
  readonly after?: unknown;
  /** Other operations (`METHOD /path (operationId)`) that reach the same changed model property. */
  readonly alsoIn?: readonly string[];
}

type ReportStatus = 'added' | 'removed' | 'changed' | 'unchanged';

/** Changes of one service version (or of one service between two versions). */
export interface ChangeReport {
  readonly service?: string;
  /** The version compared, or `1.0 → 1.1` when two versions of one service are compared. */
  readonly version?: string;
  readonly status: ReportStatus;
  readonly changes: readonly ChangeEntry[];
  readonly breaking: number;
}
