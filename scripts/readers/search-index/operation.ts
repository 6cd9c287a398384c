/**
 * One operation page body: `<method> <path>`, `Description` and its text, the state line, the
 * version/support table, optional Parameters, Responses, `Example HTTP request` (Request path,
 * Request header, optional Request body) and `Example HTTP response` (`Response NNN`, optional JSON).
 * Section labels are searched in that order, each after the previous one, so text of one section
 * (a description, a JSON string) is never taken for a later label.
 */
import type { ExampleDoc, OperationDoc, ParameterDoc, ResponseDoc, VersionStatus } from '../../model.ts';
import { parseApiVersionValue, parseMethodLine, parseStateLine, VERSION_NUMBER } from '../cells.ts';
import { findLabel, jsonAt, labelAt } from './plain.ts';
import { quote, type PageReport } from './report.ts';
import { readParameterRows, readResponseRows } from './tables.ts';

export interface OperationHead {
  readonly name?: string;
  /** Version from the page ref (`…/apis/<slug>/<version>/`). */
  readonly version?: string;
}

const LABEL = {
  description: 'Description|설명',
  state: '(?:상태|State) \\S+ \\([^)\\n]*\\)',
  versionTable: '(?:버전|Version) ([^\\n]+?) (\\d+(?:\\.\\d+)+) (\\S+)',
  parameters: '(?:Parameters|파라미터)[ \\n](?:Type|유형|구분) (?:Name|이름) (?:Description|설명) (?:Schema|스키마)(?: (?:Default|기본값))?',
  responses: '(?:Responses|응답)[ \\n](?:HTTP Code|Code|Status Code|HTTP 코드|응답 코드) (?:Description|설명) (?:Schema|스키마)',
  request: 'Example HTTP request',
  path: 'Request path',
  header: 'Request header',
  body: 'Request body',
  response: 'Example HTTP response',
  responseCode: 'Response (\\d{3})',
} as const;

const HEADER_LINE = /"([A-Za-z][A-Za-z0-9-]*) = ([^"]*)"(?:,|(?=\s|$))/gy;

interface Parts {
  method?: { method: OperationDoc['method']; path: string };
  description: string;
  state?: { state: string; status: VersionStatus };
  versionRow?: { version: string; supportedUntil: string; label: string };
  parameters: ParameterDoc[];
  responses: ResponseDoc[];
  sawParameters: boolean;
  sawResponses: boolean;
  example: { requestPath?: string; headers: { name: string; value: string }[]; requestBody?: unknown; responseCode?: string; responseBody?: unknown };
}

/** Head of the body: method line, Description, state line, version table. Returns where the tables start. */
function readHead(body: string, parts: Parts, report: PageReport): number {
  const m = /^(\S+) (\/\S*)(?=[ \n]|$)/.exec(body);
  const method = m ? parseMethodLine(`${(m[1] as string).toLowerCase()} ${m[2] as string}`) : undefined;
  let at = 0;
  if (m && method) {
    parts.method = method;
    at = m[0].length;
  }
  const desc = labelAt(body, LABEL.description, at);
  if (desc) at = desc.end;
  else report.warn('missing-section', `no "Description" label after the method line (${quote(body.slice(at, at + 40))})`);
  const state = findLabel(body, LABEL.state, at);
  const table = findLabel(body, LABEL.versionTable, state?.end ?? at);
  const descEnd = state?.start ?? table?.start ?? findLabel(body, `${LABEL.parameters}|${LABEL.responses}`, at)?.start ?? at;
  parts.description = body.slice(at, descEnd).trim();
  if (state) {
    const st = parseStateLine(state.match[0].trim());
    if (st && 'status' in st) parts.state = st;
    else if (st) {
      report.warn('unknown-status', `state line ${quote(state.match[0])} has an unknown status "${st.unknownStatus}"; read as CURRENT`);
      parts.state = { state: st.state, status: 'CURRENT' };
    }
    at = state.end;
  } else report.warn('missing-state-line', 'no "상태/State <state> (<status>)" line; status read as CURRENT');
  if (table && body.slice(at, table.start).trim() === '') {
    parts.versionRow = { label: table.match[1] as string, version: table.match[2] as string, supportedUntil: table.match[3] as string };
    at = table.end;
  } else report.warn('missing-version-table', 'no version/support table ("버전 최소 지원 보장일 …" / "Version Supported Until …") after the state line');
  return at;
}

/** Parameters and Responses tables; returns where the examples start. */
function readTables(body: string, at: number, parts: Parts, known: ReadonlySet<string>, report: PageReport): number {
  const responses = findLabel(body, LABEL.responses, at);
  const request = findLabel(body, LABEL.request, responses?.end ?? at);
  const tablesEnd = responses?.start ?? request?.start ?? body.length;
  const params = findLabel(body, LABEL.parameters, at, tablesEnd);
  const lead = body.slice(at, params?.start ?? tablesEnd).trim();
  if (lead !== '') report.unplaced('the text before the tables', lead);
  if (params) {
    parts.sawParameters = true;
    parts.parameters = readParameterRows(body.slice(params.end, tablesEnd).trim(), known, report);
  } else report.sink.count('operationsWithoutParameters');
  if (!responses) {
    report.warn('missing-responses', 'no Responses table ("Responses HTTP Code Description Schema")');
    return tablesEnd;
  }
  parts.sawResponses = true;
  const end = request?.start ?? body.length;
  parts.responses = readResponseRows(body.slice(responses.end, end), known, report);
  return end;
}

function readHeaders(text: string, parts: Parts, report: PageReport): void {
  const t = text.trim();
  HEADER_LINE.lastIndex = 0;
  let pos = 0;
  for (;;) {
    while (t[pos] === ' ' || t[pos] === '\n') pos++;
    if (pos >= t.length) return;
    HEADER_LINE.lastIndex = pos;
    const m = HEADER_LINE.exec(t);
    if (!m) {
      // Only the part before '=' is quoted: header examples carry access keys and signatures.
      report.warn('bad-example-header', `request header text not of the form "Name = value" (starts ${quote((t.slice(pos).split('=')[0] ?? '').slice(0, 40))})`);
      return;
    }
    parts.example.headers.push({ name: m[1] as string, value: m[2] as string });
    pos = HEADER_LINE.lastIndex;
  }
}

function readJson(body: string, at: number, what: string, report: PageReport): { value?: unknown; end: number } {
  let p = at;
  while (body[p] === ' ' || body[p] === '\n') p++;
  if (body[p] !== '{' && body[p] !== '[') return { end: at };
  const json = jsonAt(body, p);
  if (json.ok) return { value: json.value, end: json.end };
  // An example that never closes is a page cut off: what followed it is lost too.
  if (json.cut) report.error('truncated-page', `the ${what} example is cut off at the end of the page: the page is incomplete`);
  else report.warn('bad-example-json', `${what} example is not valid JSON (${json.error}); left out`);
  return { end: body.length };
}

/** Example HTTP request / response. */
function readExamples(body: string, at: number, parts: Parts, report: PageReport): void {
  const request = labelAt(body, LABEL.request, at);
  if (!request) {
    report.warn('missing-section', 'no "Example HTTP request" section');
    return;
  }
  const path = labelAt(body, LABEL.path, request.end);
  const header = findLabel(body, LABEL.header, path?.end ?? request.end);
  if (path) {
    const [first, ...extra] = body.slice(path.end, header?.start ?? body.length).trim().split(/[ \n]+/).filter((w) => w !== '');
    if (first !== undefined) parts.example.requestPath = first;
    if (extra.length > 0) report.unplaced('the Request path example', extra.join(' '));
  }
  const response = findLabel(body, LABEL.response, header?.end ?? request.end);
  const bodyLabel = header ? findLabel(body, LABEL.body, header.end, response?.start) : undefined;
  if (header) readHeaders(body.slice(header.end, bodyLabel?.start ?? response?.start ?? body.length), parts, report);
  let p = response?.start ?? body.length;
  if (bodyLabel) {
    const json = readJson(body, bodyLabel.end, 'request body', report);
    if (json.value !== undefined) parts.example.requestBody = json.value;
    const rest = body.slice(json.end, response?.start ?? body.length).trim();
    if (rest !== '') report.unplaced('the request body example', rest);
  }
  if (!response) {
    report.warn('missing-section', 'no "Example HTTP response" section');
    return;
  }
  const code = labelAt(body, LABEL.responseCode, response.end);
  if (!code) {
    const rest = body.slice(response.end).trim();
    if (rest !== '') report.unplaced('the Example HTTP response section', rest);
    return;
  }
  parts.example.responseCode = code.match[1] as string;
  const json = readJson(body, code.end, 'response body', report);
  if (json.value !== undefined) parts.example.responseBody = json.value;
  p = json.end;
  const rest = body.slice(Math.max(p, code.end)).trim();
  if (rest !== '') report.unplaced('the end of the page', rest);
}

function resolveVersion(head: OperationHead, parts: Parts, fromHeader: { version: string } | undefined, report: PageReport): string | undefined {
  const version = [head.version, parts.versionRow?.version, fromHeader?.version].find((v) => v !== undefined && VERSION_NUMBER.test(v));
  if (version === undefined) return undefined;
  if (parts.versionRow && parts.versionRow.version !== version) report.warn('version-mismatch', `version table says ${parts.versionRow.version}, the page ${version}`);
  if (fromHeader && fromHeader.version !== version) report.warn('version-mismatch', `Scp-Api-Version example says ${fromHeader.version}, the page ${version}`);
  return version;
}

export function readOperationPage(body: string, head: OperationHead, known: ReadonlySet<string>, report: PageReport): OperationDoc | undefined {
  const parts: Parts = { description: '', parameters: [], responses: [], sawParameters: false, sawResponses: false, example: { headers: [] } };
  const at = readTables(body, readHead(body, parts, report), parts, known, report);
  readExamples(body, at, parts, report);
  if (!parts.method) {
    report.error('missing-method-line', `the page does not start with "<method> <path>" (${quote(body.slice(0, 40))}); operation skipped`);
    return undefined;
  }
  const apiVersion = parts.example.headers.find((h) => h.name.toLowerCase() === 'scp-api-version');
  const fromHeader = apiVersion ? parseApiVersionValue(apiVersion.value) : undefined;
  if (apiVersion && !fromHeader) report.warn('bad-api-version-header', `Scp-Api-Version example "${apiVersion.value}" is not "<service-id> <version>"`);
  const version = resolveVersion(head, parts, fromHeader, report);
  if (version === undefined) {
    report.error('missing-version', 'no API version in the page ref, version table or Scp-Api-Version example; operation skipped');
    return undefined;
  }
  report.sink.count('operations');
  const e = parts.example;
  const example: ExampleDoc = {
    ...(e.requestPath !== undefined ? { requestPath: e.requestPath } : {}),
    headers: e.headers,
    ...(e.requestBody !== undefined ? { requestBody: e.requestBody } : {}),
    ...(e.responseCode !== undefined ? { responseCode: e.responseCode } : {}),
    ...(e.responseBody !== undefined ? { responseBody: e.responseBody } : {}),
  };
  return {
    ...(head.name !== undefined ? { name: head.name } : {}),
    version,
    method: parts.method.method,
    path: parts.method.path,
    description: parts.description,
    state: parts.state?.state ?? '',
    status: parts.state?.status ?? 'CURRENT',
    ...(parts.versionRow ? { supportedUntil: parts.versionRow.supportedUntil, supportedUntilLabel: parts.versionRow.label } : {}),
    parameters: parts.parameters,
    responses: parts.responses,
    example,
    ...(fromHeader ? { serviceId: fromHeader.serviceId } : {}),
    source: { file: report.sink.file, line: report.line },
  };
}
