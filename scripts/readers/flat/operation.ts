/**
 * One op-version block of the flat layout (SOURCE-FORMATS.md 3): method line, Description, state
 * line, version table, Parameters, Responses, example request and response. The block is read as a
 * sequence of marker lines that only move forward, so a lost or repeated line costs a diagnostic and
 * the rest of the block is still read.
 */
import type { ExampleDoc, OperationDoc, VersionStatus, Writable } from '../../model.ts';
import { parseApiVersionValue, parseExampleHeaderLine, parseMethodLine, parseStateLine, VERSION_NUMBER } from '../cells.ts';
import { JsonLines, parseJsonLines } from './example-json.ts';
import { checkOperation } from './operation-checks.ts';
import { PARAMETERS_HEADER, RESPONSES_HEADER, readParameterTable, readResponseTable } from './operation-tables.ts';
import { quote } from '../diagnostic-sink.ts';
import { type Line, type Reporter } from './report.ts';

// Phases in document order; each but versionRow is entered by its marker line.
const P = {
  start: 0,
  method: 1,
  description: 2,
  state: 3,
  versionHeader: 4,
  versionRow: 5,
  parameters: 6,
  parametersHeader: 7,
  responses: 8,
  responsesHeader: 9,
  exampleRequest: 10,
  requestPath: 11,
  requestHeader: 12,
  requestBody: 13,
  exampleResponse: 14,
  response: 15,
} as const;
type Phase = (typeof P)[keyof typeof P];

const PHASE_NAMES: Record<Phase, string> = {
  0: 'start',
  1: 'method line',
  2: 'Description',
  3: 'state line',
  4: 'version table',
  5: 'version table row',
  6: 'Parameters',
  7: 'Parameters table',
  8: 'Responses',
  9: 'Responses table',
  10: 'Example HTTP request',
  11: 'Request path',
  12: 'Request header',
  13: 'Request body',
  14: 'Example HTTP response',
  15: 'Response NNN',
};

/** Sections every block has (the method line is reported on its own); Parameters and Request body are optional. */
const REQUIRED: readonly Phase[] = [
  P.description,
  P.state,
  P.versionHeader,
  P.versionRow,
  P.responses,
  P.responsesHeader,
  P.exampleRequest,
  P.requestPath,
  P.requestHeader,
  P.exampleResponse,
  P.response,
];

const KEYWORDS: ReadonlyMap<string, Phase> = new Map<string, Phase>([
  ['Description', P.description],
  ['Parameters', P.parameters],
  [PARAMETERS_HEADER, P.parametersHeader],
  ['Responses', P.responses],
  [RESPONSES_HEADER, P.responsesHeader],
  ['Example HTTP request', P.exampleRequest],
  ['Request path', P.requestPath],
  ['Request header', P.requestHeader],
  ['Request body', P.requestBody],
  ['Example HTTP response', P.exampleResponse],
]);

/** `버전최소 지원 보장일` / `VersionSupported Until`: the glued header cells of the version table. */
const VERSION_HEADER = /^(?:버전(\S.*)|Version([^\sa-z].*))$/;
const RESPONSE_LINE = /^Response (\d{3})$/;
/** `1.020260701` when the version is not known from elsewhere: the shortest version that leaves a date. */
const VERSION_ROW = /^(\d+\.\d+?)(-|\d{8}|\d{4}-\d{2}-\d{2})$/;
/** First characters of every marker line: a cheap filter, since most lines are table cells or JSON. */
const MARKER_FIRST = new Set(['D', 'P', 'T', 'R', 'H', 'E', 'V', 'S', '버', '상']);

interface Marker {
  readonly phase: Phase;
  readonly label?: string;
  readonly code?: string;
  readonly state?: NonNullable<ReturnType<typeof parseStateLine>>;
}

function markerOf(t: string): Marker | undefined {
  if (!MARKER_FIRST.has(t.charAt(0))) return undefined;
  const k = KEYWORDS.get(t);
  if (k !== undefined) return { phase: k };
  const state = parseStateLine(t);
  if (state) return { phase: P.state, state };
  const vh = VERSION_HEADER.exec(t);
  if (vh) return { phase: P.versionHeader, label: (vh[1] ?? vh[2] ?? '').trim() };
  const r = RESPONSE_LINE.exec(t);
  if (r) return { phase: P.response, code: r[1] as string };
  return undefined;
}

export interface OperationStart {
  /** Operation name from the heading; undefined when the heading is missing. */
  readonly name?: string;
  /** Version from the version heading; undefined when the heading is missing. */
  readonly version?: string;
  /** Where the block starts (the version heading, or the first line of a block without one). */
  readonly start: Line;
  /** Service id from the OpenAPI URL, to check the example header against. */
  readonly serviceId?: string;
}

export type FeedResult = 'ok' | 'next-operation';

/** Reads one op-version block line by line; `finish` turns it into an OperationDoc (or reports why not). */
export class OperationBlock {
  private phase: Phase = P.start;
  private readonly seen = new Set<Phase>();
  private readonly reported = new Set<Phase>();
  private method?: OperationDoc['method'];
  private path?: string;
  private readonly description: string[] = [];
  private stateLine?: { line: number; state: string; status?: VersionStatus; unknownStatus?: string };
  private label?: string;
  private versionRow?: Line;
  private readonly parameterLines: Line[] = [];
  private readonly responseLines: Line[] = [];
  private requestPath?: string;
  private readonly headers: { name: string; value: string; line: number }[] = [];
  private requestJson?: JsonLines;
  private responseCode?: { code: string; line: number };
  private responseJson?: JsonLines;
  private last: Line;
  private readonly report: Reporter;

  constructor(
    private readonly at: OperationStart,
    report: Reporter,
  ) {
    this.last = at.start;
    this.report = report.forOperation(`${at.name ?? '(unnamed operation)'} ${at.version ?? '?'}`);
  }

  /** Feed one line. 'next-operation': the line starts another op-version whose heading is missing; not consumed. */
  feed(line: Line): FeedResult {
    const json = this.openJson();
    if (line.t === '') {
      if (json && json.lines.length > 0) json.push(line);
      return 'ok';
    }
    if (json) {
      // Lines inside pretty-printed JSON are indented or brackets; marker lines never are.
      const marker = /^[\s{}[\]"]/.test(line.raw) ? undefined : markerOf(line.t);
      if (!(marker && marker.phase > this.phase) && json.accepts(line)) {
        this.last = line;
        if (json.push(line)) json.done = true;
        return 'ok';
      }
      json.done = true;
    }

    const method = parseMethodLine(line.t);
    if (method) {
      if (this.method === undefined && this.phase < P.parameters) {
        this.last = line;
        this.method = method.method;
        this.path = method.path;
        this.phase = Math.max(this.phase, P.method) as Phase;
        return 'ok';
      }
      if (this.method !== undefined && this.phase >= P.exampleRequest) return 'next-operation';
    }
    this.last = line;

    const marker = markerOf(line.t);
    if (marker && marker.phase > this.phase) {
      this.enter(marker, line);
      return 'ok';
    }
    if (!this.content(line, marker)) this.report.unknown(line, `the ${PHASE_NAMES[this.phase]} part of an operation block`);
    return 'ok';
  }

  /**
   * Finish the block; undefined when it cannot be an operation (reported). `atEnd`: the block runs to
   * the end of the file, so a block that stops before its example response is where the file was cut.
   */
  finish(atEnd = false): OperationDoc | undefined {
    const start = this.at.start.no;
    if (this.method === undefined || this.path === undefined) {
      const empty = this.last === this.at.start;
      this.report.error(
        'missing-method',
        empty ? 'op-version block is empty: operation dropped' : 'op-version block has no method line ("get /v1/..."): operation dropped',
        start,
      );
      return undefined;
    }
    const end = this.last.no;
    if (this.phase >= P.parameters && this.phase <= P.responsesHeader) {
      this.report.error('truncated-table', `the block ends inside the ${PHASE_NAMES[this.phase]}`, end);
    }
    if (atEnd && !this.seen.has(P.response)) {
      this.report.error('truncated-block', `the file ends inside this block (in its ${PHASE_NAMES[this.phase]}), before its example response: the file is cut off`, end);
    }
    this.reportMissing(P.response + 1, end);

    const parameters = readParameterTable(this.parameterLines, this.report);
    const responses = readResponseTable(this.responseLines, this.report);
    if (this.seen.has(P.responses) && responses.length === 0) this.report.error('empty-table', 'Responses table has no rows: the page lost them', start);
    const header = this.apiVersionHeader();
    const version = this.resolveVersion(header?.version);
    if (version === undefined) {
      this.report.error('missing-version', 'no version heading, version row or Scp-Api-Version header: operation dropped', start);
      return undefined;
    }
    if (this.seen.has(P.description) && this.description.length === 0) this.report.warn('missing-section', 'Description has no text', start);
    if (this.description.length > 1) this.report.info('multi-line-description', 'the operation description runs over several lines', start);
    const status = this.resolveStatus();
    const supportedUntil = this.supportedUntil(version);
    const example = this.example();
    checkOperation(
      {
        start,
        path: this.path,
        versionRow: this.versionRow,
        supportedUntil,
        state: this.stateLine?.state,
        stateLine: this.stateLine?.line,
        label: this.label,
        headers: this.headers,
        sawRequestHeader: this.seen.has(P.requestHeader),
        sawExampleRequest: this.seen.has(P.exampleRequest),
        requestJsonLines: this.requestJson?.lines.length,
        requestJsonLine: this.requestJson?.lines[0]?.no,
        responseJsonLines: this.responseJson?.lines.length,
        responseCodeLine: this.responseCode?.line,
        headerServiceId: header?.serviceId,
        urlServiceId: this.at.serviceId,
        parameters,
        responses,
        example,
      },
      this.report,
    );

    this.report.sink.count('parameters', parameters.length);
    this.report.sink.count('responses', responses.length);
    const doc: Writable<OperationDoc> = {
      version,
      method: this.method,
      path: this.path,
      description: this.description.join('\n'),
      state: this.stateLine?.state ?? '',
      status,
      parameters,
      responses,
      example,
      source: { file: this.report.sink.file, line: start },
    };
    if (this.at.name !== undefined) doc.name = this.at.name;
    if (supportedUntil !== undefined) doc.supportedUntil = supportedUntil;
    if (this.label !== undefined) doc.supportedUntilLabel = this.label;
    if (header) doc.serviceId = header.serviceId;
    return doc;
  }

  private openJson(): JsonLines | undefined {
    const json = this.phase === P.requestBody ? this.requestJson : this.phase === P.response ? this.responseJson : undefined;
    return json && !json.done ? json : undefined;
  }

  private enter(marker: Marker, line: Line): void {
    const phase = marker.phase;
    this.reportMissing(phase, line.no);
    // Parameters is optional, but not when its table header is there.
    if (phase === P.parametersHeader && !this.seen.has(P.parameters)) {
      this.report.warn('missing-section', 'missing the Parameters line before its table', line.no);
    }
    this.phase = phase;
    this.seen.add(phase);
    if (marker.state) {
      const s = marker.state;
      this.stateLine = 'status' in s ? { line: line.no, state: s.state, status: s.status } : { line: line.no, state: s.state, unknownStatus: s.unknownStatus };
    }
    if (marker.label !== undefined) this.label = marker.label;
    if (marker.code !== undefined) {
      this.responseCode = { code: marker.code, line: line.no };
      this.responseJson = new JsonLines();
    }
    if (phase === P.requestBody) this.requestJson = new JsonLines();
  }

  /** A non-marker line in the current phase; false when it has no place there. */
  private content(line: Line, marker: Marker | undefined): boolean {
    switch (this.phase) {
      case P.description:
        // A marker out of order (a repeated `Description`, say) is not description text.
        if (marker) return false;
        this.description.push(line.t);
        return true;
      case P.versionHeader:
        this.versionRow = line;
        this.phase = P.versionRow;
        this.seen.add(P.versionRow);
        return true;
      case P.parameters:
        this.report.warn('missing-section', `Parameters table has no header line "${PARAMETERS_HEADER}"`, line.no);
        this.phase = P.parametersHeader;
        this.parameterLines.push(line);
        return true;
      case P.parametersHeader:
        this.parameterLines.push(line);
        return true;
      case P.responses:
        this.report.warn('missing-section', `Responses table has no header line "${RESPONSES_HEADER}"`, line.no);
        this.phase = P.responsesHeader;
        this.seen.add(P.responsesHeader);
        this.responseLines.push(line);
        return true;
      case P.responsesHeader:
        this.responseLines.push(line);
        return true;
      case P.requestPath:
        if (this.requestPath !== undefined || marker) return false;
        this.requestPath = line.t;
        return true;
      case P.requestHeader: {
        const h = parseExampleHeaderLine(line.t);
        if (!h) return false;
        this.headers.push({ name: h.name, value: h.value, line: line.no });
        return true;
      }
      default:
        return false;
    }
  }

  /** Report required sections before `phase` that were not seen (each once), at `line`. */
  private reportMissing(phase: number, line: number): void {
    const missing = REQUIRED.filter((q) => q < phase && !this.seen.has(q) && !this.reported.has(q));
    if (missing.length === 0) return;
    for (const q of missing) this.reported.add(q);
    // Every operation documents its responses: a block without them lost them.
    const lost = missing.includes(P.responses) && missing.includes(P.responsesHeader);
    const message = `missing ${missing.map((q) => PHASE_NAMES[q]).join(', ')}`;
    if (lost) this.report.error('missing-section', message, line);
    else this.report.warn('missing-section', message, line);
  }

  private apiVersionHeader(): { serviceId: string; version: string } | undefined {
    const h = this.headers.find((x) => x.name === 'Scp-Api-Version');
    if (!h) return undefined;
    const v = parseApiVersionValue(h.value);
    if (!v) this.report.warn('bad-header', `Scp-Api-Version value ${quote(h.value)} is not "<service-id> <version>"`, h.line);
    return v;
  }

  private resolveVersion(headerVersion: string | undefined): string | undefined {
    const heading = this.at.version;
    if (heading !== undefined && VERSION_NUMBER.test(heading)) {
      if (headerVersion !== undefined && headerVersion !== heading) {
        this.report.warn('version-mismatch', `version heading says ${heading} but Scp-Api-Version says ${headerVersion}`, this.at.start.no);
      }
      return heading;
    }
    if (heading !== undefined) this.report.warn('bad-version-heading', `version heading ${quote(heading)} is not a version number`, this.at.start.no);
    if (headerVersion !== undefined) return headerVersion;
    const row = this.versionRow ? VERSION_ROW.exec(this.versionRow.t) : null;
    return row ? (row[1] as string) : undefined;
  }

  /** `1.1-` / `1.020260701`: strip the version; the rest is the support date. */
  private supportedUntil(version: string): string | undefined {
    const row = this.versionRow;
    if (!row) return undefined;
    if (row.t.startsWith(version) && row.t.length > version.length) return row.t.slice(version.length);
    const m = VERSION_ROW.exec(row.t);
    return m ? (m[2] as string) : undefined;
  }

  private resolveStatus(): VersionStatus {
    const s = this.stateLine;
    if (s?.status !== undefined) return s.status;
    // Without a readable state line, guess from the support date so the operation is kept; the error says so.
    const guess: VersionStatus = this.versionRow && /\d$/.test(this.versionRow.t) ? 'SUPPORTED' : 'CURRENT';
    this.report.error(
      'missing-status',
      s?.unknownStatus !== undefined
        ? `unknown version status ${quote(s.unknownStatus)}; assumed ${guess}`
        : `no state line ("상태 ACTIVE (CURRENT)"); assumed ${guess}`,
      s?.line ?? this.at.start.no,
    );
    return guess;
  }

  private example(): ExampleDoc {
    const request = this.parseJson(this.requestJson);
    const response = this.parseJson(this.responseJson);
    const example: Writable<ExampleDoc> = { headers: this.headers.map((h) => ({ name: h.name, value: h.value })) };
    if (this.requestPath !== undefined) example.requestPath = this.requestPath;
    if (request) example.requestBody = request.value;
    if (this.responseCode !== undefined) example.responseCode = this.responseCode.code;
    if (response) example.responseBody = response.value;
    return example;
  }

  private parseJson(json: JsonLines | undefined): { value: unknown } | undefined {
    if (!json) return undefined;
    const r = parseJsonLines(json.lines);
    if (!r) return undefined;
    if (!r.ok) {
      this.report.error('bad-json', `example JSON does not parse: ${r.message}`, r.line);
      return undefined;
    }
    this.report.sink.count('jsonExamples');
    return { value: r.value };
  }
}
