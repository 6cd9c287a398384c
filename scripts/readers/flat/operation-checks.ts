/**
 * Consistency checks on a finished op-version block. Each holds throughout the docs
 * (SOURCE-FORMATS.md 3, 8), so a failure means lines were lost, repeated or glued together.
 */
import type { ExampleDoc, ParameterDoc, ResponseDoc } from '../../model.ts';
import { lostParameters } from '../../source-checks.ts';
import { EXAMPLE_HEADERS, SUPPORT_DATE } from '../cells.ts';
import { quote } from '../diagnostic-sink.ts';
import { type Line, type Reporter } from './report.ts';

/** Second column of the version table as the docs label it. */
const SUPPORT_LABELS: readonly string[] = ['최소 지원 보장일', 'Supported Until', 'Not Before'];

export interface BlockFacts {
  readonly start: number;
  readonly path: string;
  readonly versionRow?: Line;
  readonly supportedUntil?: string;
  readonly state?: string;
  readonly stateLine?: number;
  readonly label?: string;
  readonly headers: readonly { readonly name: string; readonly value: string; readonly line: number }[];
  readonly sawRequestHeader: boolean;
  readonly sawExampleRequest: boolean;
  /** Line count of the Request body JSON; undefined when there is no `Request body` line. */
  readonly requestJsonLines?: number;
  readonly requestJsonLine?: number;
  readonly responseJsonLines?: number;
  readonly responseCodeLine?: number;
  readonly headerServiceId?: string;
  readonly urlServiceId?: string;
  readonly parameters: readonly ParameterDoc[];
  readonly responses: readonly ResponseDoc[];
  readonly example: ExampleDoc;
}

export function checkOperation(f: BlockFacts, report: Reporter): void {
  checkVersionTable(f, report);
  checkExampleRequest(f, report);
  checkBodies(f, report);
}

function checkVersionTable(f: BlockFacts, report: Reporter): void {
  if (f.versionRow && (f.supportedUntil === undefined || !SUPPORT_DATE.test(f.supportedUntil))) {
    report.warn('version-mismatch', `version row ${quote(f.versionRow.t)} is not the version followed by "-" or a date`, f.versionRow.no);
  }
  if (f.state !== undefined && !/^[A-Z][A-Z_]*$/.test(f.state)) {
    report.warn('bad-state', `state ${quote(f.state)} is not an upper-case word like ACTIVE`, f.stateLine ?? f.start);
  }
  if (f.label !== undefined && !SUPPORT_LABELS.includes(f.label)) {
    report.warn('unknown-label', `version table header label ${quote(f.label)} is not one of ${SUPPORT_LABELS.join(', ')}`, f.start);
  }
}

function checkExampleRequest(f: BlockFacts, report: Reporter): void {
  const requestPath = f.example.requestPath;
  if (requestPath !== undefined) {
    // The example is the path plus `?q={q}` for the required query parameters.
    const rest = requestPath.startsWith(f.path) ? requestPath.slice(f.path.length) : undefined;
    if (rest === undefined || (rest !== '' && !rest.startsWith('?'))) {
      report.warn('example-mismatch', `request path example ${quote(requestPath)} is not the path ${f.path} plus a query`, f.start);
    }
  }
  if (f.sawRequestHeader) {
    const names = new Set<string>();
    for (const h of f.headers) {
      if (names.has(h.name)) report.warn('duplicate-header', `example header ${h.name} appears twice`, h.line);
      names.add(h.name);
      if (h.value.includes('"')) report.warn('bad-header', `example header ${h.name} has a quote in its value (lines glued?)`, h.line);
    }
    const missing = EXAMPLE_HEADERS.filter((n) => !names.has(n));
    if (missing.length > 0) report.warn('missing-header', `example request lacks header(s) ${missing.join(', ')}`, f.start);
  }
  if (f.headerServiceId !== undefined && f.urlServiceId !== undefined && f.headerServiceId !== f.urlServiceId) {
    report.warn('service-id-mismatch', `Scp-Api-Version names service "${f.headerServiceId}" but the OpenAPI URL names "${f.urlServiceId}"`, f.start);
  }
}

function checkBodies(f: BlockFacts, report: Reporter): void {
  // `Request body` is there exactly when a body parameter is (a body example without any body
  // parameter is `missing-parameters`, reported by the source checks).
  const hasBody = f.parameters.some((p) => p.in === 'body');
  if (hasBody && f.requestJsonLines === undefined && f.sawExampleRequest) {
    report.warn('missing-json', 'a body parameter is documented but the example has no Request body', f.start);
  } else if (hasBody && f.requestJsonLines === 0) {
    report.warn('missing-json', 'a body parameter is documented but Request body has no JSON', f.start);
  } else if (!hasBody && f.requestJsonLines !== undefined && !lostParameters(f).has('body')) {
    report.warn('missing-json', 'the example has a Request body but no body parameter is documented', f.requestJsonLine ?? f.start);
  }
  // The example response is the first documented one, with JSON exactly when that response has a schema.
  const first = f.responses[0];
  const code = f.example.responseCode;
  const at = f.responseCodeLine ?? f.start;
  if (!first || code === undefined) return;
  const jsonLines = f.responseJsonLines ?? 0;
  if (first.code !== code) {
    report.warn('example-mismatch', `example response is ${code} but the first documented response is ${first.code}`, at);
  } else if (first.schema !== undefined && jsonLines === 0) {
    report.warn('missing-json', `response ${first.code} has schema ${first.schemaText} but the example has no JSON`, at);
  } else if (first.schema === undefined && jsonLines > 0) {
    report.warn('missing-json', `response ${first.code} has no schema but the example has JSON`, at);
  }
}
