/**
 * One op-version block of the markdown / fragment layout while it is being read (`OpBuilder`), and
 * the step that turns it into an `OperationDoc`: resolving the version and status, and checking
 * that the sections agree with each other (body parameter ⇔ request example, `Response NNN` ⇔
 * first response row, JSON present ⇔ schema not `None`). Problems become diagnostics; parameters
 * the path or example shows but the block lacks altogether are left to `missing-parameters`
 * (source-checks.ts), so that damage is reported once.
 */
import type { ExampleDoc, OperationDoc, ParameterDoc, ResponseDoc, Severity, VersionStatus, Writable } from '../../model.ts';
import { type LostParameterKind, lostParameters } from '../../source-checks.ts';
import { EXAMPLE_HEADERS, parseApiVersionValue, SUPPORT_DATE, VERSION_NUMBER } from '../cells.ts';
import type { VersionRow } from './rows.ts';

/** Mutable state of one block; filled line by line by the reader. */
export interface OpBuilder {
  readonly name: string | undefined;
  /** Version text of the heading (`1.1 - 1.1` → '1.1'), or of the fragment's bare version line. */
  readonly headingVersion: string | undefined;
  /** 1-based line where the block starts. */
  readonly line: number;
  method?: OperationDoc['method'];
  path?: string;
  description?: string;
  state?: string;
  status?: VersionStatus;
  stateLine?: number;
  versionRow?: VersionRow;
  versionRowLine?: number;
  versionLabel?: string;
  readonly parameters: ParameterDoc[];
  readonly responses: ResponseDoc[];
  /** Keyword sections and tables met so far (`description`, `parameters`, `version`, ...). */
  readonly seen: Set<string>;
  requestPath?: string;
  readonly headers: { readonly name: string; readonly value: string }[];
  requestBody?: { readonly value: unknown };
  responseCode?: string;
  responseCodeLine?: number;
  responseBody?: { readonly value: unknown };
  /** JSON lines seen after `Response NNN` (whether or not they parsed). */
  responseJsonLines: number;
  /** Tables that lost a row to a diagnostic: cross-checks against them would only repeat it. */
  readonly droppedRows: Set<'parameters' | 'responses'>;
  /** The operation and service every diagnostic about this block names; known when the block is finished. */
  readonly scope: { operation?: string; service?: string };
}

export function newOpBuilder(name: string | undefined, headingVersion: string | undefined, line: number): OpBuilder {
  return { name, headingVersion, line, parameters: [], responses: [], seen: new Set(), headers: [], responseJsonLines: 0, droppedRows: new Set(), scope: {} };
}

type ApiVersion = NonNullable<ReturnType<typeof parseApiVersionValue>>;

/** `Name 1.1`, or `put /v1/... 1.1` for a nameless block: the `operation` of every diagnostic about it. */
function labelOf(b: OpBuilder, version: string | undefined): string {
  const who = b.name ?? (b.method !== undefined ? `${b.method} ${b.path ?? ''}` : 'unnamed operation');
  return `${who} ${version ?? '?'}`;
}

/** Status when the state line is missing or unreadable: a dated support row means an older, SUPPORTED version. */
function inferStatus(row: VersionRow | undefined): VersionStatus {
  return row !== undefined && row.supportedUntil !== '-' ? 'SUPPORTED' : 'CURRENT';
}

/** Reports a diagnostic about the block (at its first line unless given). */
export type Add = (severity: Severity, code: string, message: string, line?: number) => void;

/**
 * Every `{name}` of the path is a documented path parameter and vice versa (skipped when a row was
 * lost, and when the block documents no path parameter at all: that is `missing-parameters`).
 */
function checkPathParameters(b: OpBuilder, lost: ReadonlyMap<LostParameterKind, string>, add: Add): void {
  if (b.path === undefined || b.droppedRows.has('parameters') || lost.has('path')) return;
  const inPath = [...b.path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1] ?? '');
  const documented = b.parameters.filter((p) => p.in === 'path').map((p) => p.name);
  const undocumented = inPath.filter((name) => !documented.includes(name));
  const unused = documented.filter((name) => !inPath.includes(name));
  if (undocumented.length > 0 || unused.length > 0 || /[{}]/.test(b.path.replace(/\{[^{}]*\}/g, ''))) {
    const detail = [
      undocumented.length > 0 ? `placeholders without a path parameter: ${undocumented.join(', ')}` : '',
      unused.length > 0 ? `path parameters not in the path: ${unused.join(', ')}` : '',
    ].filter((t) => t !== '');
    add('warning', 'path-mismatch', `path "${b.path.slice(0, 80)}" and its path parameters disagree${detail.length > 0 ? ` (${detail.join('; ')})` : ''}`);
  }
}

/**
 * The request-path example is the path plus `?q={q}` for the required query parameters, in order
 * (SOURCE-FORMATS 3.7). A query on the right path while no query parameter is documented is
 * `missing-parameters`, not this.
 */
function checkRequestPathExample(b: OpBuilder, lost: ReadonlyMap<LostParameterKind, string>, add: Add): void {
  if (b.requestPath === undefined || b.path === undefined || b.droppedRows.has('parameters')) return;
  if (lost.has('query') && b.requestPath.startsWith(`${b.path}?`)) return;
  const query = b.parameters.filter((p) => p.in === 'query' && p.required).map((p) => `${p.name}={${p.name}}`);
  const want = query.length > 0 ? `${b.path}?${query.join('&')}` : b.path;
  if (b.requestPath !== want) add('warning', 'example-mismatch', `request path example "${b.requestPath.slice(0, 80)}" is not "${want.slice(0, 80)}"`);
}

/** A parameter (by location and name) or a response code listed twice. */
function checkDuplicates(b: OpBuilder, add: Add): void {
  const params = new Set<string>();
  for (const p of b.parameters) {
    const key = `${p.in} ${p.name}`;
    if (params.has(key)) add('warning', 'duplicate-row', `parameter ${key} listed twice`, p.source.line);
    params.add(key);
  }
  const headers = new Set<string>();
  for (const h of b.headers) {
    if (headers.has(h.name)) add('warning', 'duplicate-row', `request example header ${h.name} listed twice`);
    headers.add(h.name);
  }
  const codes = new Set<string>();
  for (const r of b.responses) {
    if (codes.has(r.code)) add('warning', 'duplicate-row', `response ${r.code} listed twice`, r.source.line);
    codes.add(r.code);
  }
}

/** The `Scp-Api-Version` example header, read (undefined, with a warning, when missing or unreadable). */
function readApiHeader(b: OpBuilder, add: Add): ApiVersion | undefined {
  const apiHeader = b.headers.find((h) => h.name === 'Scp-Api-Version');
  const api = apiHeader !== undefined ? parseApiVersionValue(apiHeader.value) : undefined;
  if (apiHeader === undefined) add('warning', 'missing-section', 'no "Scp-Api-Version" example header, so the service is unknown');
  else if (api === undefined) add('warning', 'bad-header', `cannot read "Scp-Api-Version = ${apiHeader.value.slice(0, 60)}"`);
  return api;
}

/** The block's version from its heading, version table or Scp-Api-Version (in that order); names the block's scope. */
function resolveVersion(b: OpBuilder, api: ApiVersion | undefined, add: Add): string | undefined {
  const headingOk = b.headingVersion !== undefined && VERSION_NUMBER.test(b.headingVersion);
  if (b.headingVersion !== undefined && !headingOk) {
    add('warning', 'bad-heading', `heading version "${b.headingVersion.slice(0, 30)}" is not a version number`);
  }
  const version = (headingOk ? b.headingVersion : undefined) ?? b.versionRow?.version ?? api?.version;
  b.scope.operation = labelOf(b, version);
  if (api !== undefined) b.scope.service = api.serviceId;
  if (version !== undefined) {
    if (b.versionRow !== undefined && b.versionRow.version !== version) {
      add('warning', 'version-mismatch', `version table says ${b.versionRow.version}, block is ${version}`, b.versionRowLine);
    }
    if (api !== undefined && api.version !== version) {
      add('warning', 'version-mismatch', `Scp-Api-Version says ${api.version}, block is ${version}`);
    }
  }
  return version;
}

/** The status of the state line, else inferred (with a warning). */
function resolveStatus(b: OpBuilder, add: Add): VersionStatus {
  if (b.status !== undefined) return b.status;
  const status = inferStatus(b.versionRow);
  if (b.stateLine === undefined) add('warning', 'missing-section', `no state line ("상태 ACTIVE (CURRENT)"); status taken as ${status}`);
  else add('warning', 'bad-status', `unknown version status; taken as ${status}`, b.stateLine);
  return status;
}

/** Sections every block has; a block cut at the end of the file lacks its example response. */
function checkSections(b: OpBuilder, add: Add, atEnd: boolean): void {
  if (!b.seen.has('description')) add('warning', 'missing-section', 'no "Description" section');
  else if (b.description === undefined) add('warning', 'missing-section', '"Description" has no text');
  if (b.versionRow === undefined) add('warning', 'missing-section', 'no version table row ("| 1.1 | - |")');
  if (!b.seen.has('responses')) add('error', 'missing-section', 'no "Responses" table');
  if (!b.seen.has('exampleRequest')) add('warning', 'missing-section', 'no "Example HTTP request" section');
  if (b.requestPath === undefined) add('warning', 'missing-section', 'no "Request path" example');
  if (b.headers.length === 0) add('warning', 'missing-section', 'no "Request header" example lines');
  // Every block ends with its example response: the last block of a file without one is where the file was cut.
  if (b.responseCode === undefined && atEnd) add('error', 'truncated-block', 'the file ends inside this block, before its example response: the file is cut off');
  else if (b.responseCode === undefined) add('warning', 'missing-section', 'no "Response NNN" example line');
}

/** Body parameter ⇔ request example (unless the body's absence is `missing-parameters`). */
function checkRequestBody(b: OpBuilder, lost: ReadonlyMap<LostParameterKind, string>, add: Add): void {
  const hasBodyParameter = b.parameters.some((p) => p.in === 'body');
  // A dropped row may have been the body parameter.
  if (b.droppedRows.has('parameters') || lost.has('body')) return;
  if (hasBodyParameter && !b.seen.has('requestBody')) add('warning', 'example-mismatch', 'body parameter but no "Request body" example');
  else if (!hasBodyParameter && b.seen.has('requestBody')) add('warning', 'example-mismatch', '"Request body" example but no body parameter');
}

/** `Response NNN` ⇔ first response row; JSON present ⇔ the response's schema is not `None`. */
function checkExampleResponse(b: OpBuilder, add: Add): void {
  if (b.responseCode === undefined || b.droppedRows.has('responses')) return;
  const codeLine = b.responseCodeLine ?? b.line;
  const first = b.responses[0];
  if (first !== undefined && first.code !== b.responseCode) {
    add('warning', 'example-mismatch', `example is "Response ${b.responseCode}" but the first response is ${first.code}`, codeLine);
  }
  const documented = b.responses.find((r) => r.code === b.responseCode);
  if (documented !== undefined && documented.schema === undefined && b.responseJsonLines > 0) {
    add('warning', 'example-mismatch', `JSON example for response ${b.responseCode}, whose schema is None`, codeLine);
  }
  if (documented?.schema !== undefined && b.responseJsonLines === 0) {
    add('warning', 'example-mismatch', `no JSON example for response ${b.responseCode} (${documented.schemaText})`, codeLine);
  }
}

/** Sections that must agree with each other: parameters, path, examples, headers, the support date. */
function checkAgreement(b: OpBuilder, path: string, add: Add): void {
  const lost = lostParameters({ path, parameters: b.parameters, example: { requestPath: b.requestPath, requestBody: b.requestBody?.value } });
  checkPathParameters(b, lost, add);
  checkRequestPathExample(b, lost, add);
  checkDuplicates(b, add);
  const missingHeaders = EXAMPLE_HEADERS.filter((h) => !b.headers.some((x) => x.name === h));
  if (b.headers.length > 0 && missingHeaders.length > 0) add('warning', 'example-mismatch', `request example lacks header(s) ${missingHeaders.join(', ')}`);
  if (b.versionRow !== undefined && !SUPPORT_DATE.test(b.versionRow.supportedUntil)) {
    add('warning', 'bad-row', `support date "${b.versionRow.supportedUntil.slice(0, 30)}" is not "-" or a date`, b.versionRowLine);
  }
  checkRequestBody(b, lost, add);
  checkExampleResponse(b, add);
}

/** What the block's checks settled. */
interface Settled {
  readonly file: string;
  readonly method: OperationDoc['method'];
  readonly path: string;
  readonly version: string;
  readonly status: VersionStatus;
  readonly api: ApiVersion | undefined;
}

/** The OperationDoc of a checked block. */
function operationOf(b: OpBuilder, { file, method, path, version, status, api }: Settled): OperationDoc {
  // Optional keys are set only when known (plain assignments: cheaper than conditional spreads).
  const example: Writable<ExampleDoc> = { headers: b.headers };
  if (b.requestPath !== undefined) example.requestPath = b.requestPath;
  if (b.requestBody !== undefined) example.requestBody = b.requestBody.value;
  if (b.responseCode !== undefined) example.responseCode = b.responseCode;
  if (b.responseBody !== undefined) example.responseBody = b.responseBody.value;
  const operation: Writable<OperationDoc> = {
    version,
    method,
    path,
    description: b.description ?? '',
    state: b.state ?? '',
    status,
    parameters: b.parameters,
    responses: b.responses,
    example,
    source: { file, line: b.line },
  };
  if (b.name !== undefined) operation.name = b.name;
  if (b.versionRow !== undefined) operation.supportedUntil = b.versionRow.supportedUntil;
  if (b.versionLabel !== undefined) operation.supportedUntilLabel = b.versionLabel;
  if (api !== undefined) operation.serviceId = api.serviceId;
  return operation;
}

/**
 * Close a block, reporting through `add` (`atEnd`: the block runs to the end of the file). The
 * operation is kept when its method, path and version are known (with diagnostics for whatever else
 * is missing); otherwise it is dropped with an error diagnostic.
 */
export function finishOperation(b: OpBuilder, file: string, add: Add, atEnd: boolean): OperationDoc | undefined {
  const api = readApiHeader(b, add);
  const version = resolveVersion(b, api, add);
  const { method, path } = b;
  if (method === undefined || path === undefined) {
    add('error', 'missing-section', 'no method line ("get /v1/..."); operation dropped');
    return undefined;
  }
  if (version === undefined) {
    add('error', 'missing-section', 'no version in heading, version table or Scp-Api-Version; operation dropped');
    return undefined;
  }
  const status = resolveStatus(b, add);
  checkSections(b, add, atEnd);
  checkAgreement(b, path, add);
  return operationOf(b, { file, method, path, version, status, api });
}
