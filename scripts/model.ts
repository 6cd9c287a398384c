/**
 * The format-neutral doc model. Every reader (markdown text, flattened innerText, Docsy HTML,
 * search-index page bodies) produces a `SourceDoc`; `mergeSources` turns several of them into one `DocModel`; the emitter
 * reads only `DocModel`. Nothing here knows about HTML or text layouts.
 *
 * Values stay as the docs wrote them (raw strings for defaults and constraints) plus the parsed
 * schema expression, so that the emitter decides how to convert and every reader agrees.
 */

/** Where something came from: file name (as in sources/manifest.json) and 1-based line. */
export interface SourceRef {
  readonly file: string;
  readonly line: number;
}

export type Severity = 'error' | 'warning' | 'info';

/** Every construct a reader, merger or emitter did not understand becomes one of these. */
export interface Diagnostic {
  readonly severity: Severity;
  /** Stable machine code, e.g. `unknown-schema-token`, `truncated-table`, `disagreement`. */
  readonly code: string;
  readonly message: string;
  readonly source: SourceRef;
  /** Operation (name and version) or model the diagnostic concerns, when there is one. */
  readonly operation?: string;
  readonly service?: string;
  /**
   * Set by the build when a reviewed entry of sources/manifest.json acknowledges this diagnostic:
   * the reason given there. An acknowledged diagnostic is still printed but fails no build.
   */
  readonly acknowledged?: string;
}

/** Parsed Schema column (SOURCE-FORMATS.md section 6). */
export type SchemaExpr =
  | { readonly kind: 'primitive'; readonly type: PrimitiveType; readonly format?: string }
  | { readonly kind: 'array'; readonly items: SchemaExpr }
  | { readonly kind: 'anyOf'; readonly members: readonly SchemaExpr[] }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'ref'; readonly model: string };

export type PrimitiveType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'null';

export type ConstraintKey =
  | 'Example'
  | 'Pattern'
  | 'Minimum length'
  | 'Maximum length'
  | 'Minimum'
  | 'Maximum';

/** One `Key : value` line of a description cell, value verbatim ('' for `Example :`). */
export interface Constraint {
  readonly key: ConstraintKey;
  readonly value: string;
}

export type ParameterLocation = 'header' | 'path' | 'query' | 'body' | 'cookie' | 'formData';

/**
 * One row of a Parameters table or a model's field table: the columns both share. `ParameterDoc`
 * adds the location; a model field is exactly a row.
 */
export interface RowDoc {
  readonly name: string;
  readonly required: boolean;
  /** Description text without constraint lines; lines joined with '\n'. '' when empty. */
  readonly description: string;
  readonly constraints: readonly Constraint[];
  /** Raw Schema column text (for body rows: the model name). */
  readonly schemaText: string;
  readonly schema: SchemaExpr;
  /** Raw Default column; undefined when the row has no default cell or it is empty. 'None' is kept raw. */
  readonly default?: string;
  readonly source: SourceRef;
}

export interface ParameterDoc extends RowDoc {
  readonly in: ParameterLocation;
}

export interface ResponseDoc {
  /** HTTP code as text, e.g. '200'. */
  readonly code: string;
  readonly description: string;
  /** Raw Schema column ('None' = no body). */
  readonly schemaText: string;
  /** undefined when the schema is `None`. */
  readonly schema?: SchemaExpr;
  readonly source: SourceRef;
}

/** Version lifecycle status as the docs print it. */
export type VersionStatus = 'CURRENT' | 'SUPPORTED' | 'DEPRECATED' | 'PLANNED';

export interface ExampleDoc {
  /** `Request path` example, e.g. `/v1/quick-query?size={size}&page={page}`. */
  readonly requestPath?: string;
  /** The quoted `"Name = value"` request header lines, in order. */
  readonly headers: readonly { readonly name: string; readonly value: string }[];
  /** Parsed JSON of `Request body`, when present. */
  readonly requestBody?: unknown;
  /** The code of the `Response NNN` line. */
  readonly responseCode?: string;
  /** Parsed JSON after `Response NNN`, when present. */
  readonly responseBody?: unknown;
}

/** One operation in one API version (one "op-version block" of the docs). */
export interface OperationDoc {
  /** Heading name, e.g. `CheckDataFlowNameDuplication` or `Add Instances`. undefined for a heading-less fragment (002). */
  readonly name?: string;
  /** API version from the version heading, e.g. '1.1'. */
  readonly version: string;
  /** Lower-case HTTP method. */
  readonly method: 'get' | 'post' | 'put' | 'delete' | 'patch' | 'head' | 'options';
  readonly path: string;
  readonly description: string;
  /** Lifecycle state from the state line (ACTIVE). */
  readonly state: string;
  readonly status: VersionStatus;
  /** Support / not-before date raw ('-' or 'yyyymmdd' or 'yyyy-mm-dd'); undefined when the table is missing. */
  readonly supportedUntil?: string;
  /** Label of the second column of the version table, e.g. '최소 지원 보장일', 'Supported Until', 'Not Before'. */
  readonly supportedUntilLabel?: string;
  readonly parameters: readonly ParameterDoc[];
  readonly responses: readonly ResponseDoc[];
  readonly example: ExampleDoc;
  /** Service id from the `Scp-Api-Version = <id> <version>` example header (undefined when missing). */
  readonly serviceId?: string;
  readonly source: SourceRef;
}

/** A model field: one row of the model's Name | Description | Schema | Default table. */
export type FieldDoc = RowDoc;

export interface ModelDoc {
  readonly name: string;
  readonly fields: readonly FieldDoc[];
  readonly source: SourceRef;
}

export interface EnvironmentRegion {
  readonly environment: string;
  readonly region: string;
}

export interface ServiceVersionRow {
  readonly version: string;
  readonly status: VersionStatus;
  readonly supportedUntil: string;
}

export type VersionChange = 'new' | 'changed' | 'removed';

/**
 * One line of a service's `API Version History` (`[New] GET /products - ListProducts API have been
 * added.`, Korean `[신규]/[변경]/[삭제]`): what changed in which API version.
 */
export interface VersionHistoryEntry {
  /** The version heading the line sits under, when there is one. */
  readonly version?: string;
  readonly change: VersionChange;
  readonly method?: OperationDoc['method'];
  readonly path?: string;
  /** Operation name, when the line names one (`ListProducts API …`). */
  readonly operation?: string;
  /** The line as written, after the `[…]` tag. */
  readonly text: string;
  readonly source: SourceRef;
}

/** One entry of a print page's table of contents (`1.2: Models`), kept so that its sections can be checked. */
export interface TocEntry {
  readonly number: string;
  readonly title: string;
  readonly source: SourceRef;
}

/** The doc model's types are readonly; readers build them step by step (optional members only when present). */
export type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** What a service's own section states (each fact absent when the source does not state it). */
export interface ServiceFacts {
  /** Overview paragraphs joined with '\n\n'. */
  readonly overview?: string;
  /** OpenAPI URL template, e.g. `https://data-flow.{region}.{environment}.samsungsdscloud.com`. */
  readonly baseUrl?: string;
  readonly environments?: readonly EnvironmentRegion[];
  readonly versionTable?: readonly ServiceVersionRow[];
  /** The `API Version History` section, when the source has one. */
  readonly versionHistory?: readonly VersionHistoryEntry[];
}

/** One service as found in one source (fields the source lacks are undefined / empty). */
export interface ServiceDoc extends ServiceFacts {
  /** `Scp-Api-Version` id (e.g. `data-flow`); undefined only until the merger resolves it. */
  readonly id?: string;
  readonly title?: string;
  readonly operations: readonly OperationDoc[];
  readonly models: readonly ModelDoc[];
  readonly source: SourceRef;
}

export type SourceLayout = 'markdown' | 'flat' | 'fragment' | 'html' | 'search-index';

/** What one reader made of one source file. Readers never throw: problems go to `diagnostics`. */
export interface SourceDoc {
  readonly file: string;
  readonly layout: SourceLayout;
  readonly services: readonly ServiceDoc[];
  readonly diagnostics: readonly Diagnostic[];
  /** Counts of constructs seen, for the build summary (e.g. lines read, tables, unknown lines). */
  readonly stats?: Readonly<Record<string, number>>;
  /** The page's own table of contents (print pages), in page order. */
  readonly toc?: readonly TocEntry[];
}

/** A fact about a service taken from the manifest rather than a dump (SOURCE-FORMATS 2.3). */
export interface CitedFact<T> {
  readonly value: T;
  readonly cite: string;
}

/** The merged model: one entry per service, operations deduplicated across sources. */
export interface DocModel {
  readonly services: readonly MergedService[];
  readonly diagnostics: readonly Diagnostic[];
}

export interface MergedService {
  readonly id: string;
  readonly title: string;
  readonly category?: string;
  readonly categoryTitle?: string;
  readonly overview?: string;
  readonly baseUrl?: CitedFact<string> | { readonly value: string; readonly cite?: undefined };
  readonly environments?: readonly EnvironmentRegion[];
  readonly environmentsCite?: string;
  readonly versionTable: readonly ServiceVersionRow[];
  /** The API Version History of every source that has one, deduplicated, in source order. */
  readonly versionHistory?: readonly VersionHistoryEntry[];
  /** Every op-version, each once; `sources` lists every place it was found. */
  readonly operations: readonly (OperationDoc & { readonly name: string; readonly sources: readonly SourceRef[] })[];
  readonly models: readonly ModelDoc[];
  /** The files this service was read from. */
  readonly sourceFiles: readonly string[];
  /** The docs page each of `sourceFiles` was rendered from (its manifest `origin`), by file name. */
  readonly sourcePages?: Readonly<Record<string, string>>;
}
