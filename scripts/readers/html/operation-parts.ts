/**
 * Walks the flattened blocks of one operation-version (method line, Description, state line,
 * version table, Parameters, Responses, Example HTTP request/response) and collects its parts.
 * Sections are found by `<h2 id=…>` or by their label text, so a `<p><strong>Parameters</strong></p>`
 * rendering works too. What cannot be placed is reported; the parts are turned into an
 * `OperationDoc` by operation.ts.
 */
import type { AnyNode } from 'domhandler';
import type { OperationDoc, ParameterDoc, ResponseDoc, VersionStatus } from '../../model.ts';
import { parseExampleHeaderLine, parseMethodLine, parseStateLine, VERSION_NUMBER } from '../cells.ts';
import type { Block } from './blocks.ts';
import type { Scope } from '../diagnostic-sink.ts';
import type { ReadContext } from './context.ts';
import { readParameterTable, readResponseTable, readVersionTable, tableKind, type VersionRow } from './op-tables.ts';
import { readTable } from './table.ts';

type Section = 'head' | 'description' | 'parameters' | 'responses' | 'request' | 'response' | 'other';
type Sub = 'none' | 'path' | 'header' | 'body' | 'response';

const SECTION_LABELS: Readonly<Record<string, Section>> = {
  description: 'description',
  설명: 'description',
  parameters: 'parameters',
  파라미터: 'parameters',
  responses: 'responses',
  응답: 'responses',
  'example http request': 'request',
  'example-http-request': 'request',
  'example http response': 'response',
  'example-http-response': 'response',
};

const SUB_LABELS: Readonly<Record<string, Sub>> = {
  'request path': 'path',
  'request-path': 'path',
  'request header': 'header',
  'request-header': 'header',
  'request body': 'body',
  'request-body': 'body',
};

/** The name, version and page facts an operation-version block starts with. */
export interface OperationHead {
  readonly name?: string;
  readonly version?: string;
  /** Element the op-version starts at (its version heading, or the page title). */
  readonly node: AnyNode | undefined;
  /** Method and path from the page's `<meta name=description>`, for single-operation pages. */
  readonly meta?: { readonly method: OperationDoc['method']; readonly path: string };
}

/** Everything one op-version block yielded, before it is checked and turned into an OperationDoc. */
export interface OperationParts {
  method?: { method: OperationDoc['method']; path: string; node: AnyNode };
  state?: { state: string; status: VersionStatus };
  versionRow?: VersionRow;
  /** A bare version line before Description (a page whose heading is the operation name). */
  leadVersion?: string;
  readonly description: string[];
  readonly parameters: ParameterDoc[];
  readonly responses: ResponseDoc[];
  readonly headers: { name: string; value: string }[];
  requestPath?: string;
  requestBody?: unknown;
  responseCode?: string;
  responseBody?: unknown;
  sawParameters: boolean;
  sawResponses: boolean;
}

function label(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').replace(/:$/, '').trim();
}

/** True when the blocks look like an operation block (used to classify sections). */
export function looksLikeOperation(blocks: readonly Block[]): boolean {
  return blocks.some(
    (b) =>
      (b.kind === 'text' && b.lines.some((l) => parseMethodLine(l) !== undefined)) ||
      (b.kind === 'heading' && (b.id === 'parameters' || b.id === 'responses' || b.id === 'example-http-request')),
  );
}

/** Reads the blocks in order; `at` is the section (and sub-section of the examples) being read. */
class PartsCollector {
  readonly parts: OperationParts = { description: [], parameters: [], responses: [], headers: [], sawParameters: false, sawResponses: false };
  private section: Section = 'head';
  private sub: Sub = 'none';

  constructor(
    private readonly head: OperationHead,
    private readonly ctx: ReadContext,
    private readonly scope: Scope,
  ) {}

  block(b: Block): void {
    if (b.kind === 'heading') this.heading(b);
    else if (b.kind === 'text') for (const line of b.lines) this.line(line, b.node);
    else if (b.kind === 'table') this.table(b.node);
    else this.pre(b.text, b.node);
  }

  private enter(s: Section): void {
    this.section = s;
    this.sub = 'none';
  }

  private heading(b: Extract<Block, { kind: 'heading' }>): void {
    const byId = b.id !== undefined ? (SECTION_LABELS[label(b.id)] ?? SUB_LABELS[label(b.id)]) : undefined;
    if (byId !== undefined) this.line((b.id as string).replace(/-/g, ' '), b.node);
    else if (SECTION_LABELS[label(b.text)] || SUB_LABELS[label(b.text)] || /^response \d{3}$/.test(label(b.text))) this.line(b.text, b.node);
    else {
      this.ctx.report('info', 'unknown-section', `section "${b.text}" is not part of an operation block; its content is not used`, b.node, this.scope);
      this.enter('other');
    }
  }

  /** A label line moves to its section; a head line may be the method or state line; anything else is content. */
  private line(line: string, node: AnyNode): void {
    const l = label(line);
    const sec = SECTION_LABELS[l];
    if (sec) return this.enter(sec);
    if (this.section === 'request' && SUB_LABELS[l]) {
      this.sub = SUB_LABELS[l] as Sub;
      return;
    }
    const resp = /^response (\d{3})$/.exec(l);
    if (resp && (this.section === 'response' || this.section === 'request')) return this.exampleResponse(resp[1] as string, node);
    if ((this.section === 'head' || this.section === 'description') && this.headLine(line, node)) return;
    this.content(line, node);
  }

  private exampleResponse(code: string, node: AnyNode): void {
    if (this.section === 'request') this.enter('response');
    if (this.parts.responseCode !== undefined) this.ctx.report('warning', 'extra-example-response', `a second example response (${code}) is ignored`, node, this.scope);
    else this.parts.responseCode = code;
    this.sub = 'response';
  }

  /** The method line and the state line sit before the tables; true when `line` was one of them. */
  private headLine(line: string, node: AnyNode): boolean {
    const p = this.parts;
    const m = p.method ? undefined : parseMethodLine(line);
    if (m) {
      p.method = { ...m, node };
      return true;
    }
    const st = parseStateLine(line);
    if (!st) return false;
    if ('status' in st) p.state = st;
    else this.ctx.report('warning', 'unknown-status', `state line "${line}" has an unknown status "${st.unknownStatus}"`, node, this.scope);
    p.state ??= { state: st.state, status: 'CURRENT' };
    return true;
  }

  private content(line: string, node: AnyNode): void {
    const { ctx, scope, head, parts } = this;
    switch (this.section) {
      case 'head':
        // The version (or op name) repeated under the page title is expected; anything else is reported.
        if (line === head.version || line === head.name) return;
        if (VERSION_NUMBER.test(line)) {
          if (head.version !== undefined) ctx.report('warning', 'version-mismatch', `version line "${line}" differs from the heading ${head.version}`, node, scope);
          else parts.leadVersion ??= line;
          return;
        }
        ctx.report('info', 'unplaced-text', `text before the Description section not used: "${line.slice(0, 80)}"`, node, scope);
        return;
      case 'other':
        return; // reported once, at the unknown section's heading
      case 'description':
        parts.description.push(line);
        return;
      case 'request':
        if (this.sub === 'path' && parts.requestPath === undefined) parts.requestPath = line;
        else if (this.sub === 'header') this.header(line, node);
        else ctx.report('warning', 'unplaced-text', `text in Example HTTP request not used: "${line.slice(0, 80)}"`, node, scope);
        return;
      default:
        ctx.report('warning', 'unplaced-text', `text in the ${this.section} section not used: "${line.slice(0, 80)}"`, node, scope);
    }
  }

  private header(line: string, node: AnyNode): void {
    if (line.trim() === '') return;
    const h = parseExampleHeaderLine(line);
    if (h) this.parts.headers.push(h);
    // Only the part before '=' is quoted: header examples carry access keys and signatures.
    else this.ctx.report('warning', 'bad-example-header', `request header line not of the form "Name = value" (starts "${line.split('=')[0]?.trim().slice(0, 40) ?? ''}")`, node, this.scope);
  }

  private table(node: Extract<Block, { kind: 'table' }>['node']): void {
    const { ctx, scope, parts } = this;
    const t = readTable(node);
    ctx.count('tables');
    const kind = tableKind(t);
    if (kind === 'version') {
      if (parts.versionRow) ctx.report('warning', 'extra-version-table', 'a second version/support table is ignored', node, scope);
      else parts.versionRow = readVersionTable(t, ctx, scope);
    } else if (kind === 'parameters' || kind === 'responses') {
      if (this.section !== kind) ctx.report('info', 'table-outside-section', `a ${kind === 'parameters' ? 'parameter' : 'response'} table outside the ${kind === 'parameters' ? 'Parameters' : 'Responses'} section`, node, scope);
      if (kind === 'parameters') {
        parts.sawParameters = true;
        parts.parameters.push(...readParameterTable(t, ctx, scope));
      } else {
        parts.sawResponses = true;
        parts.responses.push(...readResponseTable(t, ctx, scope));
      }
    } else {
      ctx.report('warning', 'unknown-table', `table with header "${t.headerLabels.join(' | ') || '(none)'}" not understood in the ${this.section} section`, node, scope);
    }
  }

  private pre(text: string, node: Extract<Block, { kind: 'pre' }>['node']): void {
    const { ctx, scope, parts } = this;
    if (this.section === 'request' && this.sub === 'path') {
      parts.requestPath ??= text.trim().split('\n')[0]?.trim();
    } else if (this.section === 'request' && this.sub === 'header') {
      for (const line of text.split('\n')) this.header(line, node);
    } else if (this.section === 'request' && this.sub === 'body') {
      if (parts.requestBody !== undefined) ctx.report('warning', 'extra-example-body', 'a second request body example is ignored', node, scope);
      else parts.requestBody = this.json(text, 'request body', node);
    } else if (this.section === 'response' && this.sub === 'response') {
      if (parts.responseBody !== undefined) ctx.report('warning', 'extra-example-body', 'a second response body example is ignored', node, scope);
      else parts.responseBody = this.json(text, 'response body', node);
    } else if (this.section !== 'other') {
      ctx.report('warning', 'unplaced-code', `code block in the ${this.section} section not used`, node, scope);
    }
  }

  private json(text: string, what: string, node: AnyNode): unknown {
    const trimmed = text.trim();
    if (trimmed === '') return undefined;
    try {
      return JSON.parse(trimmed) as unknown;
    } catch (e) {
      this.ctx.report('warning', 'bad-example-json', `${what} example is not valid JSON (${(e as Error).message}); left out`, node, this.scope);
      return undefined;
    }
  }
}

/** Collect the parts of one op-version block from its blocks, reporting what has no place. */
export function collectOperationParts(blocks: readonly Block[], head: OperationHead, ctx: ReadContext, scope: Scope): OperationParts {
  const collector = new PartsCollector(head, ctx, scope);
  for (const b of blocks) collector.block(b);
  return collector.parts;
}
