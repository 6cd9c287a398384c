/**
 * Reads one operation-version block (method line, Description, state line, version table,
 * Parameters, Responses, Example HTTP request/response) from flattened blocks. Sections are found by
 * `<h2 id=…>` or by their label text, so a `<p><strong>Parameters</strong></p>` rendering works too.
 */
import type { AnyNode } from 'domhandler';
import type { ExampleDoc, OperationDoc, ParameterDoc, ResponseDoc, VersionStatus } from '../../model.ts';
import { parseApiVersionValue, parseExampleHeaderLine, parseMethodLine, parseStateLine } from '../cells.ts';
import type { Block } from './blocks.ts';
import type { ReadContext, Scope } from './context.ts';
import { readParameterTable, readResponseTable, readVersionTable, tableKind, type VersionRow } from './op-tables.ts';
import { readTable } from './table.ts';

export const VERSION_TEXT = /^\d+(?:\.\d+)+$/;

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

export interface OperationHead {
  readonly name?: string;
  readonly version?: string;
  /** Element the op-version starts at (its version heading, or the page title). */
  readonly node: AnyNode | undefined;
  /** Method and path from the page's `<meta name=description>`, for single-operation pages. */
  readonly meta?: { readonly method: OperationDoc['method']; readonly path: string };
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

function parseJson(text: string, what: string, node: AnyNode, ctx: ReadContext, scope: Scope): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch (e) {
    ctx.report('warning', 'bad-example-json', `${what} example is not valid JSON (${(e as Error).message}); left out`, node, scope);
    return undefined;
  }
}

export function readOperation(blocks: readonly Block[], head: OperationHead, ctx: ReadContext): OperationDoc | undefined {
  const scope: Scope = { operation: `${head.name ?? '(unnamed)'} ${head.version ?? '(no version)'}` };
  // One mutable cursor (not two `let`s): TypeScript does not track assignments made inside the closures.
  const at: { section: Section; sub: Sub } = { section: 'head', sub: 'none' };
  let method: { method: OperationDoc['method']; path: string; node: AnyNode } | undefined;
  let state: { state: string; status: VersionStatus } | undefined;
  let versionRow: VersionRow | undefined;
  const description: string[] = [];
  const parameters: ParameterDoc[] = [];
  const responses: ResponseDoc[] = [];
  const headers: { name: string; value: string }[] = [];
  let requestPath: string | undefined;
  let requestBody: unknown;
  let responseCode: string | undefined;
  let responseBody: unknown;
  let leadVersion: string | undefined;
  let sawParameters = false;
  let sawResponses = false;

  const enter = (s: Section): void => {
    at.section = s;
    at.sub = 'none';
  };

  const onLine = (line: string, node: AnyNode): void => {
    const l = label(line);
    const sec = SECTION_LABELS[l];
    if (sec) return enter(sec);
    if (at.section === 'request' && SUB_LABELS[l]) {
      at.sub = SUB_LABELS[l] as Sub;
      return;
    }
    const resp = /^response (\d{3})$/.exec(l);
    if (resp && (at.section === 'response' || at.section === 'request')) {
      if (at.section === 'request') enter('response');
      if (responseCode !== undefined) ctx.report('warning', 'extra-example-response', `a second example response (${resp[1]}) is ignored`, node, scope);
      else responseCode = resp[1] as string;
      at.sub = 'response';
      return;
    }
    if (!method && (at.section === 'head' || at.section === 'description')) {
      const m = parseMethodLine(line);
      if (m) {
        method = { ...m, node };
        return;
      }
    }
    const st = parseStateLine(line);
    if (st && (at.section === 'head' || at.section === 'description')) {
      if ('status' in st) state = st;
      else ctx.report('warning', 'unknown-status', `state line "${line}" has an unknown status "${st.unknownStatus}"`, node, scope);
      if (state === undefined) state = { state: st.state, status: 'CURRENT' };
      return;
    }
    switch (at.section) {
      case 'head':
        // The version (or op name) repeated under the page title is expected; anything else is reported.
        if (line === head.version || line === head.name) return;
        if (VERSION_TEXT.test(line)) {
          if (head.version !== undefined) ctx.report('warning', 'version-mismatch', `version line "${line}" differs from the heading ${head.version}`, node, scope);
          else leadVersion ??= line;
          return;
        }
        ctx.report('info', 'unplaced-text', `text before the Description section not used: "${line.slice(0, 80)}"`, node, scope);
        return;
      case 'other':
        return; // reported once, at the unknown section's heading
      case 'description':
        description.push(line);
        return;
      case 'request':
        if (at.sub === 'path' && requestPath === undefined) requestPath = line;
        else if (at.sub === 'header') addHeader(line, node);
        else ctx.report('warning', 'unplaced-text', `text in Example HTTP request not used: "${line.slice(0, 80)}"`, node, scope);
        return;
      default:
        ctx.report('warning', 'unplaced-text', `text in the ${at.section} section not used: "${line.slice(0, 80)}"`, node, scope);
    }
  };

  const addHeader = (line: string, node: AnyNode): void => {
    if (line.trim() === '') return;
    const h = parseExampleHeaderLine(line);
    if (h) headers.push(h);
    // Only the part before '=' is quoted: header examples carry access keys and signatures.
    else ctx.report('warning', 'bad-example-header', `request header line not of the form "Name = value" (starts "${line.split('=')[0]?.trim().slice(0, 40) ?? ''}")`, node, scope);
  };

  for (const b of blocks) {
    switch (b.kind) {
      case 'heading': {
        const byId = b.id !== undefined ? SECTION_LABELS[label(b.id)] ?? SUB_LABELS[label(b.id)] : undefined;
        if (byId !== undefined) onLine((b.id as string).replace(/-/g, ' '), b.node);
        else if (SECTION_LABELS[label(b.text)] || SUB_LABELS[label(b.text)] || /^response \d{3}$/.test(label(b.text))) {
          onLine(b.text, b.node);
        } else {
          ctx.report('info', 'unknown-section', `section "${b.text}" is not part of an operation block; its content is not used`, b.node, scope);
          enter('other');
        }
        break;
      }
      case 'text':
        for (const line of b.lines) onLine(line, b.node);
        break;
      case 'table': {
        const t = readTable(b.node);
        ctx.count('tables');
        const kind = tableKind(t);
        if (kind === 'version') {
          if (versionRow) ctx.report('warning', 'extra-version-table', 'a second version/support table is ignored', b.node, scope);
          else versionRow = readVersionTable(t, ctx, scope);
        } else if (kind === 'parameters') {
          if (at.section !== 'parameters') ctx.report('info', 'table-outside-section', 'a parameter table outside the Parameters section', b.node, scope);
          sawParameters = true;
          parameters.push(...readParameterTable(t, ctx, scope));
        } else if (kind === 'responses') {
          if (at.section !== 'responses') ctx.report('info', 'table-outside-section', 'a response table outside the Responses section', b.node, scope);
          sawResponses = true;
          responses.push(...readResponseTable(t, ctx, scope));
        } else {
          ctx.report('warning', 'unknown-table', `table with header "${t.headerLabels.join(' | ') || '(none)'}" not understood in the ${at.section} section`, b.node, scope);
        }
        break;
      }
      case 'pre': {
        if (at.section === 'request' && at.sub === 'path') {
          requestPath ??= b.text.trim().split('\n')[0]?.trim();
        } else if (at.section === 'request' && at.sub === 'header') {
          for (const line of b.text.split('\n')) addHeader(line, b.node);
        } else if (at.section === 'request' && at.sub === 'body') {
          if (requestBody !== undefined) ctx.report('warning', 'extra-example-body', 'a second request body example is ignored', b.node, scope);
          else requestBody = parseJson(b.text, 'request body', b.node, ctx, scope);
        } else if (at.section === 'response' && at.sub === 'response') {
          if (responseBody !== undefined) ctx.report('warning', 'extra-example-body', 'a second response body example is ignored', b.node, scope);
          else responseBody = parseJson(b.text, 'response body', b.node, ctx, scope);
        } else if (at.section !== 'other') {
          ctx.report('warning', 'unplaced-code', `code block in the ${at.section} section not used`, b.node, scope);
        }
        break;
      }
    }
  }

  if (!method && head.meta) {
    ctx.report('info', 'method-from-meta', 'no method line in the content; method and path taken from <meta name=description>', head.node, scope);
    method = { ...head.meta, node: head.node as AnyNode };
  } else if (method && head.meta && (head.meta.method !== method.method || head.meta.path !== method.path)) {
    ctx.report('warning', 'meta-disagrees', `<meta name=description> says ${head.meta.method} ${head.meta.path}, the content ${method.method} ${method.path}`, method.node, scope);
  }
  if (!method) {
    ctx.report('error', 'missing-method-line', 'operation block has no "<method> <path>" line; operation skipped', head.node, scope);
    return undefined;
  }

  const apiVersion = headers.find((h) => h.name.toLowerCase() === 'scp-api-version');
  const fromHeader = apiVersion ? parseApiVersionValue(apiVersion.value) : undefined;
  if (apiVersion && !fromHeader) ctx.report('warning', 'bad-api-version-header', `Scp-Api-Version example "${apiVersion.value}" is not "<service-id> <version>"`, head.node, scope);
  const version = [head.version, leadVersion, versionRow?.version, fromHeader?.version].find((v) => v !== undefined && VERSION_TEXT.test(v));
  if (version === undefined) {
    ctx.report('error', 'missing-version', 'no API version in the heading, version table or Scp-Api-Version example; operation skipped', head.node, scope);
    return undefined;
  }
  if (versionRow && versionRow.version !== version) {
    ctx.report('warning', 'version-mismatch', `version table says ${versionRow.version}, the heading ${version}`, head.node, scope);
  }
  if (fromHeader && fromHeader.version !== version) {
    ctx.report('warning', 'version-mismatch', `Scp-Api-Version example says ${fromHeader.version}, the heading ${version}`, head.node, scope);
  }
  if (!state) {
    ctx.report('warning', 'missing-state-line', 'no "상태/State <state> (<status>)" line; status read as CURRENT', head.node, scope);
  }
  if (!sawResponses) ctx.report('warning', 'missing-responses', 'operation block has no Responses table', head.node, scope);
  if (!sawParameters) ctx.count('operationsWithoutParameters');

  const example: ExampleDoc = {
    ...(requestPath !== undefined ? { requestPath } : {}),
    headers,
    ...(requestBody !== undefined ? { requestBody } : {}),
    ...(responseCode !== undefined ? { responseCode } : {}),
    ...(responseBody !== undefined ? { responseBody } : {}),
  };
  ctx.count('operations');
  return {
    ...(head.name !== undefined ? { name: head.name } : {}),
    version,
    method: method.method,
    path: method.path,
    description: description.join('\n').trim(),
    state: state?.state ?? '',
    status: state?.status ?? 'CURRENT',
    ...(versionRow ? { supportedUntil: versionRow.supportedUntil, supportedUntilLabel: versionRow.label } : {}),
    parameters,
    responses,
    example,
    ...(fromHeader ? { serviceId: fromHeader.serviceId } : {}),
    source: ctx.ref(head.node),
  };
}
