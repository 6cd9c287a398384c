/**
 * Reader for the markdown layout (sources 000, 003, 004: Docsy print banner, `APIs`, TOC,
 * `N - OpName` / `N.M - version` headings, pipe tables, unindented JSON) and for the heading-less
 * fragment layout (002: `1.1`, `1.1`, then one op block). SOURCE-FORMATS.md sections 1-5 and 8.
 *
 * One linear pass over the lines with a small state machine: the current op-version block, the
 * section inside it (set by keyword lines such as `Parameters`), the open table and the open JSON
 * example. Headings are accepted only when their numbers continue the sequence. Every line that
 * cannot be placed becomes a diagnostic; nothing throws.
 */
import { groupBy } from '../group-by.ts';
import type { OperationDoc, Severity, SourceDoc, TocEntry } from '../model.ts';
import { DiagnosticSink } from './diagnostic-sink.ts';
import { parseExampleHeaderLine, parseMethodLine, parseStateLine, VERSION_NUMBER } from './cells.ts';
import { parseJsonBlock } from './markdown/json-block.ts';
import { serviceDoc } from './service-doc.ts';
import { finishOperation, newOpBuilder, type OpBuilder } from './markdown/operation.ts';
import {
  classifyHeaderRow,
  isSeparatorRow,
  parseParameterRow,
  parseResponseRow,
  parseVersionRow,
  splitPipeRow,
  type TableKind,
} from './markdown/rows.ts';

// Docsy's print banner: Korean pages (the snapshot) and English pages (/en/…, DOCS-SITE.md).
const BANNERS: ReadonlySet<string> = new Set([
  '이 섹션의 다중 페이지 출력 화면임. 여기를 클릭하여 프린트.',
  'This is the multi-page printable view of this section. Click here to print.',
]);
const OP_HEADING = /^(\d+) - (.+)$/;
const VERSION_HEADING = /^(\d+)\.(\d+) - (.+)$/;
const TOC_OP = /^- (\d+): (.+)$/;
const TOC_VERSION = /^- (\d+)\.(\d+): (.+)$/;
const RESPONSE_LINE = /^Response (\d{3})$/;
/** `"`, `{`, `}`, `[`, `]`: no structural line (heading, keyword, table, method, state) starts with one. */
const JSON_LINE_START: ReadonlySet<number> = new Set([0x22, 0x7b, 0x7d, 0x5b, 0x5d]);

type Section =
  | 'none'
  | 'start'
  | 'method'
  | 'description'
  | 'afterDescription'
  | 'state'
  | 'version'
  | 'parameters'
  | 'responses'
  | 'exampleRequest'
  | 'requestPath'
  | 'requestHeader'
  | 'requestBody'
  | 'exampleResponse'
  | 'responseBody';

const KEYWORDS: ReadonlyMap<string, Section> = new Map<string, Section>([
  ['Description', 'description'],
  ['Parameters', 'parameters'],
  ['Responses', 'responses'],
  ['Example HTTP request', 'exampleRequest'],
  ['Request path', 'requestPath'],
  ['Request header', 'requestHeader'],
  ['Request body', 'requestBody'],
  ['Example HTTP response', 'exampleResponse'],
]);

/** Sections before the Parameters table, where a pipe row can only belong to the version table. */
const BEFORE_TABLES: ReadonlySet<Section> = new Set<Section>(['start', 'method', 'description', 'afterDescription', 'state']);

export type TextLayout = 'markdown' | 'flat' | 'fragment' | 'unknown';

/**
 * Which text layout a dump is in, from its first lines (SOURCE-FORMATS.md section 1): the Docsy
 * banner (markdown), two bare version lines (fragment), or a title, a blank line and `1 - Title` (flat).
 */
export function detectTextLayout(text: string): TextLayout {
  const head = text.replace(/^\uFEFF/, '').split('\n', 8).map((l) => l.trim());
  const first = head[0] ?? '';
  const second = head[1] ?? '';
  if (BANNERS.has(first)) return 'markdown';
  if (VERSION_NUMBER.test(first) && (VERSION_NUMBER.test(second) || parseMethodLine(second) !== undefined)) return 'fragment';
  if (first !== '' && second === '' && !OP_HEADING.test(first)) {
    const next = head.slice(2).find((l) => l !== '');
    if (next !== undefined && /^1 - \S/.test(next)) return 'flat';
  }
  return 'unknown';
}

interface Table {
  readonly kind: TableKind;
  /** What the next pipe row should be; `headerless` = header known to be missing (already reported). */
  phase: 'header' | 'separator' | 'headerless' | 'rows';
  rows: number;
  readonly line: number;
}

interface JsonBlock {
  readonly target: 'request' | 'response';
  firstLine: number;
  readonly lines: string[];
}

interface Heading {
  readonly name: string | undefined;
  readonly line: number;
  /** Made up from the TOC because the heading line itself is missing (already reported). */
  readonly synthetic: boolean;
}

class MarkdownReader {
  private readonly sink: DiagnosticSink;
  private readonly operations: OperationDoc[] = [];
  private readonly stats = {
    lines: 0,
    blankLines: 0,
    operations: 0,
    droppedOperations: 0,
    parameters: 0,
    responses: 0,
    tables: 0,
    tableRows: 0,
    jsonBlocks: 0,
    tocEntries: 0,
    headings: 0,
    unknownLines: 0,
  };
  private readonly toc = new Map<number, { name: string; line: number }>();
  private readonly tocVersions = new Map<string, { version: string; line: number }>();
  private readonly opHeadings = new Map<number, Heading>();
  private readonly versionHeadings = new Map<string, { version: string; line: number }>();

  private inPreamble = true;
  private bannerLine: number | undefined;
  private apisLine: number | undefined;
  private fragmentVersion: { version: string; line: number } | undefined;
  private fragmentVersionLines = 0;
  private opsOpened = 0;

  private lastOp = 0;
  private lastVersion = 0;
  private opHeading: { num: number; name: string | undefined } | undefined;
  private op: OpBuilder | undefined;
  private section: Section = 'none';
  private table: Table | undefined;
  private json: JsonBlock | undefined;
  private prevLine = '';

  constructor(
    private readonly file: string,
    private readonly layout: 'markdown' | 'fragment',
  ) {
    this.sink = new DiagnosticSink(file);
  }

  read(lines: readonly string[]): SourceDoc {
    this.stats.lines = lines.length;
    for (let i = 0; i < lines.length; i++) {
      const line = (lines[i] ?? '').trim();
      if (line === '') {
        this.stats.blankLines++;
        continue;
      }
      this.step(line, i + 1);
      this.prevLine = line;
    }
    this.finishOp(true);
    this.checkPreamble();
    if (this.layout === 'markdown') this.checkToc();
    if (this.operations.length === 0) this.diag('error', 'missing-section', 'no operation block found', 1);
    return this.result();
  }

  // ---- dispatch -------------------------------------------------------------------------------

  private step(line: string, n: number): void {
    // Fast path: inside a JSON example, a line starting with a JSON punctuator cannot be structural.
    const json = this.json;
    if (json !== undefined && JSON_LINE_START.has(line.charCodeAt(0))) {
      if (json.lines.length === 0) json.firstLine = n;
      json.lines.push(line);
      return;
    }
    const vh = VERSION_HEADING.exec(line);
    if (vh && this.versionHeading(Number(vh[1]), Number(vh[2]), vh[3] ?? '', line, n)) return;
    const oh = vh ? null : OP_HEADING.exec(line);
    if (oh && this.opHeadingLine(Number(oh[1]), oh[2] ?? '', line, n)) return;
    if (this.op === undefined) this.outsideOp(line, n);
    else this.insideOp(this.op, line, n);
  }

  private outsideOp(line: string, n: number): void {
    if (this.inPreamble && this.preambleLine(line, n)) return;
    if (this.isBlockLine(line)) {
      this.openImplicitOp(n);
      if (this.op !== undefined) this.insideOp(this.op, line, n);
      return;
    }
    this.unknown(line, n, this.inPreamble ? 'before the first heading' : 'between headings');
  }

  /** Banner, `APIs`, TOC entries, and the fragment's bare version lines. */
  private preambleLine(line: string, n: number): boolean {
    if (BANNERS.has(line) || line === 'APIs') {
      const seen = BANNERS.has(line) ? this.bannerLine : this.apisLine;
      if (seen !== undefined) this.diag('warning', 'duplicate-line', `"${line}" repeated (first on line ${seen})`, n);
      else if (BANNERS.has(line)) this.bannerLine = n;
      else this.apisLine = n;
      return true;
    }
    const tv = TOC_VERSION.exec(line);
    if (tv) {
      this.addToc(this.tocVersions, `${tv[1]}.${tv[2]}`, { version: tv[3] ?? '', line: n }, line, n);
      return true;
    }
    const to = TOC_OP.exec(line);
    if (to) {
      this.addToc(this.toc, Number(to[1]), { name: to[2] ?? '', line: n }, line, n);
      return true;
    }
    if (this.layout === 'fragment' && VERSION_NUMBER.test(line) && this.fragmentVersionLines < 2) {
      // Page title and version heading, both just the version (`1.1`, `1.1`).
      this.fragmentVersionLines++;
      this.fragmentVersion = { version: line, line: n };
      return true;
    }
    return false;
  }

  private addToc<K, V>(map: Map<K, V>, key: K, value: V, line: string, n: number): void {
    this.stats.tocEntries++;
    if (map.has(key)) this.diag('warning', 'toc-mismatch', `TOC entry "${line}" repeated`, n);
    else map.set(key, value);
  }

  /** Lines that can only belong inside an op-version block. */
  private isBlockLine(line: string): boolean {
    return (
      parseMethodLine(line) !== undefined ||
      KEYWORDS.has(line) ||
      RESPONSE_LINE.test(line) ||
      parseStateLine(line) !== undefined ||
      line.startsWith('|')
    );
  }

  private insideOp(op: OpBuilder, line: string, n: number): void {
    const method = parseMethodLine(line);
    if (method) {
      if (op.method === undefined) {
        this.enter('method');
        op.method = method.method;
        op.path = method.path;
      } else if (line === this.prevLine) {
        this.opDiag('warning', 'duplicate-line', `method line repeated: "${line}"`, n);
      } else {
        // A second method line: the next block's headings are missing.
        this.finishOp();
        this.openImplicitOp(n);
        if (this.op !== undefined) this.insideOp(this.op, line, n);
      }
      return;
    }
    const keyword = KEYWORDS.get(line);
    if (keyword !== undefined) {
      this.keywordLine(op, keyword, line, n);
      return;
    }
    const response = RESPONSE_LINE.exec(line);
    if (response) {
      if (line === this.prevLine) {
        this.opDiag('warning', 'duplicate-line', `"${line}" repeated`, n);
        return;
      }
      this.enter('responseBody');
      if (op.responseCode !== undefined) this.opDiag('warning', 'duplicate-section', `second "${line}" line`, n);
      else {
        op.responseCode = response[1] ?? '';
        op.responseCodeLine = n;
      }
      this.json = { target: 'response', firstLine: n + 1, lines: [] };
      return;
    }
    const state = parseStateLine(line);
    if (state) {
      if (op.stateLine !== undefined) {
        this.opDiag('warning', line === this.prevLine ? 'duplicate-line' : 'duplicate-section', `second state line "${line}"`, n);
        return;
      }
      this.enter('state');
      op.stateLine = n;
      op.state = state.state;
      if ('status' in state) op.status = state.status;
      else this.opDiag('warning', 'bad-status', `unknown version status "${state.unknownStatus.slice(0, 30)}"`, n);
      return;
    }
    if (line.startsWith('|')) {
      this.pipeLine(op, line, n);
      return;
    }
    this.textLine(op, line, n);
  }

  private keywordLine(op: OpBuilder, keyword: Section, line: string, n: number): void {
    if (keyword === this.section && line === this.prevLine) {
      this.opDiag('warning', 'duplicate-line', `"${line}" repeated`, n);
      return;
    }
    this.enter(keyword);
    if (op.seen.has(keyword)) this.opDiag('warning', 'duplicate-section', `second "${line}" section`, n);
    op.seen.add(keyword);
    if (keyword === 'parameters' || keyword === 'responses') this.openTable(keyword, 'header', n);
    if (keyword === 'requestBody') this.json = { target: 'request', firstLine: n + 1, lines: [] };
  }

  private textLine(op: OpBuilder, line: string, n: number): void {
    switch (this.section) {
      case 'description':
        if (op.description === undefined) {
          op.description = line;
          this.section = 'afterDescription';
          return;
        }
        break;
      case 'requestPath':
        if (op.requestPath === undefined && line.startsWith('/')) {
          op.requestPath = line;
          return;
        }
        break;
      case 'requestHeader': {
        const header = parseExampleHeaderLine(line);
        if (header) {
          op.headers.push(header);
          return;
        }
        if (line.startsWith('{') || line.startsWith('[')) {
          this.opDiag('warning', 'missing-section', 'JSON after the request headers without a "Request body" line', n);
          this.enter('requestBody');
          op.seen.add('requestBody');
          this.json = { target: 'request', firstLine: n, lines: [line] };
          return;
        }
        break;
      }
      case 'requestBody':
      case 'responseBody':
        if (this.json !== undefined) {
          if (this.json.lines.length === 0) this.json.firstLine = n;
          this.json.lines.push(line);
          return;
        }
        break;
      case 'exampleResponse':
        if (line.startsWith('{') || line.startsWith('[')) {
          this.opDiag('warning', 'missing-section', 'response JSON without a "Response NNN" line', n);
          this.enter('responseBody');
          this.json = { target: 'response', firstLine: n, lines: [line] };
          return;
        }
        break;
      default:
        break;
    }
    this.unknown(line, n, `in section "${this.section}"`);
  }

  // ---- tables ---------------------------------------------------------------------------------

  private openTable(kind: TableKind, phase: Table['phase'], n: number): void {
    this.stats.tables++;
    this.table = { kind, phase, rows: 0, line: n };
  }

  private pipeLine(op: OpBuilder, line: string, n: number): void {
    const row = splitPipeRow(line);
    if (row === undefined) return;
    const header = row.closed ? classifyHeaderRow(row.cells) : undefined;
    if (header !== undefined) {
      if (this.table?.kind === header) {
        if (this.table.phase === 'header') {
          this.table.phase = 'separator';
          if (header === 'version') op.versionLabel = row.cells[1];
        } else this.opDiag('warning', 'duplicate-line', 'table header row repeated', n);
        return;
      }
      // The header of another table: the version table (which has no keyword line) or a table whose keyword line is missing.
      this.enter(header);
      if (op.seen.has(header)) this.opDiag('warning', 'duplicate-section', `second ${header} table`, n);
      else if (header !== 'version') {
        this.opDiag('warning', 'missing-section', `${header} table without its "${header === 'parameters' ? 'Parameters' : 'Responses'}" line`, n);
      }
      op.seen.add(header);
      if (header === 'version') op.versionLabel = row.cells[1];
      this.openTable(header, 'separator', n);
      return;
    }
    if (this.table === undefined) {
      if (BEFORE_TABLES.has(this.section) && !op.seen.has('version')) {
        this.opDiag('warning', 'bad-table', 'version table without its header row', n);
        this.enter('version');
        op.seen.add('version');
        this.openTable('version', 'headerless', n);
      } else {
        this.unknown(line, n, 'table row outside a table');
        return;
      }
    }
    const table = this.table;
    if (table === undefined) return;
    if (isSeparatorRow(line)) {
      if (table.phase === 'header') this.opDiag('warning', 'bad-table', `${table.kind} table without its header row`, n);
      else if (table.phase === 'rows') this.opDiag('warning', 'unknown-line', 'separator row inside a table', n);
      table.phase = 'rows';
      return;
    }
    if (table.phase === 'header') this.opDiag('warning', 'bad-table', `${table.kind} table without its header row`, n);
    else if (table.phase === 'separator') this.opDiag('warning', 'bad-table', `${table.kind} table without its separator row`, n);
    table.phase = 'rows';
    table.rows++;
    this.stats.tableRows++;
    if (!row.closed) {
      if (table.kind !== 'version') op.droppedRows.add(table.kind);
      this.opDiag('error', 'truncated-table', `${table.kind} row cut off: "${line.slice(0, 80)}"`, n);
      return;
    }
    const source = { file: this.file, line: n };
    if (table.kind === 'parameters') {
      const r = parseParameterRow(row.cells, source);
      if (r.ok) op.parameters.push(r.value);
      else {
        op.droppedRows.add('parameters');
        this.opDiag('error', r.code, r.message, n);
      }
    } else if (table.kind === 'responses') {
      const r = parseResponseRow(row.cells, source);
      if (r.ok) op.responses.push(r.value);
      else {
        op.droppedRows.add('responses');
        this.opDiag('error', r.code, r.message, n);
      }
    } else {
      const r = parseVersionRow(row.cells);
      if (!r.ok) this.opDiag('error', r.code, r.message, n);
      else if (op.versionRow !== undefined) this.opDiag('warning', 'bad-row', `second version row "${line.slice(0, 40)}"`, n);
      else {
        op.versionRow = r.value;
        op.versionRowLine = n;
      }
    }
  }

  // ---- sections, JSON -------------------------------------------------------------------------

  /** Leave the current section (closing its table or JSON example) and enter `next`. */
  private enter(next: Section): void {
    this.closeJson();
    const table = this.table;
    if (table !== undefined && table.rows === 0) {
      this.opDiag('error', 'truncated-table', `${table.kind} table has no rows`, table.line);
    }
    this.table = undefined;
    this.section = next;
  }

  private closeJson(): void {
    const block = this.json;
    const op = this.op;
    this.json = undefined;
    if (block === undefined || op === undefined) return;
    if (block.target === 'response') op.responseJsonLines += block.lines.length;
    if (block.lines.length === 0) {
      if (block.target === 'request') this.opDiag('warning', 'missing-section', '"Request body" has no JSON', block.firstLine - 1);
      return;
    }
    this.stats.jsonBlocks++;
    const parsed = parseJsonBlock(block.lines, block.firstLine);
    if (!parsed.ok) {
      this.opDiag('error', 'bad-json', `${block.target} example is not valid JSON: ${parsed.message}`, parsed.line);
      return;
    }
    const slot = block.target === 'request' ? 'requestBody' : 'responseBody';
    if (op[slot] !== undefined) this.opDiag('warning', 'duplicate-section', `second ${block.target} JSON example`, block.firstLine);
    else op[slot] = { value: parsed.value };
  }

  // ---- headings -------------------------------------------------------------------------------

  private opHeadingLine(num: number, name: string, line: string, n: number): boolean {
    const expected = this.lastOp + 1;
    // A skipped number is accepted only when the TOC confirms the heading (a whole block was lost).
    const ok = num === expected || (num > expected && this.toc.get(num)?.name === name);
    if (!ok) return this.rejectHeading(n, `op heading "${line.slice(0, 60)}" does not continue the sequence (expected ${expected})`);
    if (num !== expected) this.diag('warning', 'heading-sequence', `op heading ${num} follows ${this.lastOp}; headings ${expected}..${num - 1} are missing`, n);
    this.finishOp();
    this.inPreamble = false;
    this.stats.headings++;
    this.lastOp = num;
    this.lastVersion = 0;
    this.opHeading = { num, name };
    this.opHeadings.set(num, { name, line: n, synthetic: false });
    this.section = 'none';
    return true;
  }

  private versionHeading(num: number, minor: number, version: string, line: string, n: number): boolean {
    const sameOp = this.opHeading !== undefined && num === this.lastOp;
    if (sameOp && minor > this.lastVersion + 1) {
      this.diag('warning', 'heading-sequence', `version heading ${num}.${minor} follows ${num}.${this.lastVersion}`, n);
    } else if (!sameOp && num === this.lastOp + 1 && minor === 1) {
      const name = this.toc.get(num)?.name;
      this.diag('warning', 'heading-sequence', `version heading ${num}.1 without op heading ${num}${name !== undefined ? ` (TOC: ${name})` : ''}`, n);
      this.finishOp();
      this.lastOp = num;
      this.opHeading = { num, name };
      this.opHeadings.set(num, { name, line: n, synthetic: true });
    } else if (!(sameOp && minor === this.lastVersion + 1)) {
      return this.rejectHeading(n, `version heading "${line.slice(0, 60)}" does not continue the sequence`);
    }
    this.finishOp();
    this.inPreamble = false;
    this.stats.headings++;
    this.lastVersion = minor;
    this.versionHeadings.set(`${num}.${minor}`, { version, line: n });
    this.openOp(this.opHeading?.name, version, n);
    return true;
  }

  /** A heading-shaped line out of sequence: description text when one is expected, else reported and skipped. */
  private rejectHeading(n: number, message: string): boolean {
    if (this.op !== undefined && this.section === 'description' && this.op.description === undefined) return false;
    if (this.op !== undefined) this.opDiag('warning', 'heading-sequence', message, n);
    else this.diag('warning', 'heading-sequence', message, n);
    return true;
  }

  // ---- operations -----------------------------------------------------------------------------

  private openOp(name: string | undefined, version: string | undefined, n: number): void {
    this.op = newOpBuilder(name, version, n);
    this.opsOpened++;
    this.section = 'start';
  }

  /** A block line with no open block: the fragment's only block, or a block whose headings are missing. */
  private openImplicitOp(n: number): void {
    const fragmentBlock = this.layout === 'fragment' && this.opsOpened === 0;
    this.inPreamble = false;
    if (fragmentBlock) {
      this.openOp(undefined, this.fragmentVersion?.version, this.fragmentVersion?.line ?? n);
      return;
    }
    this.openOp(this.opHeading?.name, undefined, n);
    this.opDiag('warning', 'missing-heading', this.opHeading !== undefined ? 'operation block without its version heading' : 'operation block without a heading', n);
  }

  /** `atEnd`: the block runs to the end of the file, where a cut file ends mid-block. */
  private finishOp(atEnd = false): void {
    const op = this.op;
    if (op === undefined) return;
    this.enter('none');
    this.op = undefined;
    const operation = finishOperation(op, this.file, (severity, code, message, line = op.line) => this.sink.report(severity, code, message, line, op.scope), atEnd);
    if (operation === undefined) {
      this.stats.droppedOperations++;
      return;
    }
    this.operations.push(operation);
    this.stats.operations++;
    this.stats.parameters += operation.parameters.length;
    this.stats.responses += operation.responses.length;
  }

  // ---- whole-file checks ----------------------------------------------------------------------

  private checkPreamble(): void {
    if (this.layout === 'fragment') {
      if (this.fragmentVersion === undefined) this.diag('warning', 'missing-section', 'fragment has no leading version lines ("1.1")', 1);
      return;
    }
    if (this.bannerLine === undefined) this.diag('warning', 'missing-section', 'no Docsy print banner', 1);
    if (this.apisLine === undefined) this.diag('warning', 'missing-section', 'no "APIs" line', 1);
  }

  /** The TOC lists exactly the op headings, in order (and, in 004, the version headings too). */
  private checkToc(): void {
    if (this.toc.size === 0) {
      this.diag('warning', 'missing-section', 'no table of contents ("- 1: OpName")', this.apisLine ?? 1);
      return;
    }
    for (const [num, entry] of this.toc) {
      const heading = this.opHeadings.get(num);
      if (heading === undefined) this.diag('error', 'toc-mismatch', `TOC entry "${num}: ${entry.name}" has no heading: the file is cut off or lost that operation`, entry.line, entry.name);
      else if (!heading.synthetic && heading.name !== entry.name) {
        this.diag('warning', 'toc-mismatch', `heading "${num} - ${heading.name ?? ''}" but TOC says "${entry.name}"`, heading.line, heading.name);
      }
    }
    for (const [num, heading] of this.opHeadings) {
      if (!this.toc.has(num)) this.diag('warning', 'toc-mismatch', `heading "${num} - ${heading.name ?? ''}" has no TOC entry`, heading.line, heading.name);
    }
    if (this.tocVersions.size === 0) return;
    for (const [key, entry] of this.tocVersions) {
      const heading = this.versionHeadings.get(key);
      if (heading === undefined) this.diag('error', 'toc-mismatch', `TOC entry "${key}: ${entry.version}" has no heading: the file is cut off or lost that op-version`, entry.line, this.toc.get(Number(key.split('.')[0]))?.name);
      else if (heading.version !== entry.version) {
        this.diag('warning', 'toc-mismatch', `heading "${key} - ${heading.version}" but TOC says "${entry.version}"`, heading.line);
      }
    }
    for (const [key, heading] of this.versionHeadings) {
      if (!this.tocVersions.has(key)) this.diag('warning', 'toc-mismatch', `heading "${key} - ${heading.version}" has no TOC entry`, heading.line);
    }
  }

  // ---- output ---------------------------------------------------------------------------------

  private unknown(line: string, n: number, where: string): void {
    this.stats.unknownLines++;
    const message = `cannot place line "${line.slice(0, 80)}" (${where})`;
    if (this.op !== undefined) this.opDiag('warning', 'unknown-line', message, n);
    else this.diag('warning', 'unknown-line', message, n);
  }

  private diag(severity: Severity, code: string, message: string, line: number, operation?: string): void {
    this.sink.report(severity, code, message, line, operation !== undefined ? { operation } : undefined);
  }

  /** Diagnostics about the open block name it and its service, known when the block is finished. */
  private opDiag(severity: Severity, code: string, message: string, line: number): void {
    this.sink.report(severity, code, message, line, this.op?.scope);
  }

  private result(): SourceDoc {
    const services = [...groupBy(this.operations, (op) => op.serviceId)].map(([id, operations]) => serviceDoc({ id, operations, models: [], source: operations[0]?.source ?? { file: this.file, line: 1 } }));
    const diagnostics = this.sink
      .diagnostics()
      .map((d, i) => ({ d, i }))
      .sort((a, b) => a.d.source.line - b.d.source.line || a.i - b.i)
      .map(({ d }) => d);
    const stats = {
      ...this.stats,
      diagnostics: diagnostics.length,
      errors: diagnostics.filter((d) => d.severity === 'error').length,
    };
    const toc: TocEntry[] = [
      ...[...this.toc].map(([num, e]) => ({ number: String(num), title: e.name, source: { file: this.file, line: e.line } })),
      ...[...this.tocVersions].map(([key, e]) => ({ number: key, title: e.version, source: { file: this.file, line: e.line } })),
    ].sort((a, b) => a.source.line - b.source.line);
    return { file: this.file, layout: this.layout, services, diagnostics, stats, ...(toc.length > 0 ? { toc } : {}) };
  }
}

/**
 * Read one markdown or fragment dump into the doc model. Operations are grouped into one
 * ServiceDoc per `Scp-Api-Version` service id (ops without one share a ServiceDoc with no id).
 * Never throws: every problem is a diagnostic naming file, line and operation.
 */
export function readMarkdownText(text: string, file: string): SourceDoc {
  const detected = detectTextLayout(text);
  const layout = detected === 'fragment' ? 'fragment' : 'markdown';
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (!/\S/.test(text)) {
    return {
      file,
      layout,
      services: [],
      diagnostics: [{ severity: 'error', code: 'empty-file', message: 'the file is empty', source: { file, line: 1 } }],
      stats: { lines: lines.length, operations: 0, diagnostics: 1, errors: 1 },
    };
  }
  try {
    // A layout other than markdown/fragment is reported by the caller (it compares detectTextLayout with the manifest).
    return new MarkdownReader(file, layout).read(lines);
  } catch (e) {
    // Last resort so that a reader bug never takes the build down; the property test asserts this never fires.
    const message = e instanceof Error ? e.message : String(e);
    return {
      file,
      layout,
      services: [],
      diagnostics: [{ severity: 'error', code: 'internal-error', message: `markdown reader failed: ${message}`, source: { file, line: 1 } }],
      stats: { lines: lines.length, operations: 0, diagnostics: 1, errors: 1 },
    };
  }
}
