/**
 * Reads one operation-version block into an OperationDoc: the parts are collected by
 * operation-parts.ts, then the method and version are resolved from every place that states them
 * (content, page meta, heading, version table, Scp-Api-Version example), disagreements reported,
 * and the doc built. An operation without a method or a version is reported and skipped.
 */
import type { AnyNode } from 'domhandler';
import type { ExampleDoc, OperationDoc } from '../../model.ts';
import { parseApiVersionValue, VERSION_NUMBER } from '../cells.ts';
import type { Block } from './blocks.ts';
import type { Scope } from '../diagnostic-sink.ts';
import type { ReadContext } from './context.ts';
import { collectOperationParts, type OperationHead, type OperationParts } from './operation-parts.ts';

type Method = NonNullable<OperationParts['method']>;

/** The method line of the content, or the page's `<meta name=description>` when the content has none. */
function resolveMethod(parts: OperationParts, head: OperationHead, ctx: ReadContext, scope: Scope): Method | undefined {
  const { method } = parts;
  if (!method && head.meta) {
    ctx.report('info', 'method-from-meta', 'no method line in the content; method and path taken from <meta name=description>', head.node, scope);
    return { ...head.meta, node: head.node as AnyNode };
  }
  if (method && head.meta && (head.meta.method !== method.method || head.meta.path !== method.path)) {
    ctx.report('warning', 'meta-disagrees', `<meta name=description> says ${head.meta.method} ${head.meta.path}, the content ${method.method} ${method.path}`, method.node, scope);
  }
  if (!method) ctx.report('error', 'missing-method-line', 'operation block has no "<method> <path>" line; operation skipped', head.node, scope);
  return method;
}

/** The version from the heading, a lead version line, the version table or the example header, in that order. */
function resolveVersion(parts: OperationParts, head: OperationHead, ctx: ReadContext, scope: Scope): { version?: string; serviceId?: string } {
  const apiVersion = parts.headers.find((h) => h.name.toLowerCase() === 'scp-api-version');
  const fromHeader = apiVersion ? parseApiVersionValue(apiVersion.value) : undefined;
  if (apiVersion && !fromHeader) ctx.report('warning', 'bad-api-version-header', `Scp-Api-Version example "${apiVersion.value}" is not "<service-id> <version>"`, head.node, scope);
  const version = [head.version, parts.leadVersion, parts.versionRow?.version, fromHeader?.version].find((v) => v !== undefined && VERSION_NUMBER.test(v));
  const serviceId = fromHeader ? { serviceId: fromHeader.serviceId } : {};
  if (version === undefined) {
    ctx.report('error', 'missing-version', 'no API version in the heading, version table or Scp-Api-Version example; operation skipped', head.node, scope);
    return serviceId;
  }
  if (parts.versionRow && parts.versionRow.version !== version) {
    ctx.report('warning', 'version-mismatch', `version table says ${parts.versionRow.version}, the heading ${version}`, head.node, scope);
  }
  if (fromHeader && fromHeader.version !== version) {
    ctx.report('warning', 'version-mismatch', `Scp-Api-Version example says ${fromHeader.version}, the heading ${version}`, head.node, scope);
  }
  return { version, ...serviceId };
}

function exampleOf(parts: OperationParts): ExampleDoc {
  return {
    ...(parts.requestPath !== undefined ? { requestPath: parts.requestPath } : {}),
    headers: parts.headers,
    ...(parts.requestBody !== undefined ? { requestBody: parts.requestBody } : {}),
    ...(parts.responseCode !== undefined ? { responseCode: parts.responseCode } : {}),
    ...(parts.responseBody !== undefined ? { responseBody: parts.responseBody } : {}),
  };
}

export function readOperation(blocks: readonly Block[], head: OperationHead, ctx: ReadContext): OperationDoc | undefined {
  const scope: Scope = { operation: `${head.name ?? '(unnamed)'} ${head.version ?? '(no version)'}` };
  const parts = collectOperationParts(blocks, head, ctx, scope);
  const method = resolveMethod(parts, head, ctx, scope);
  if (!method) return undefined;
  const { version, serviceId } = resolveVersion(parts, head, ctx, scope);
  if (version === undefined) return undefined;
  if (!parts.state) ctx.report('warning', 'missing-state-line', 'no "상태/State <state> (<status>)" line; status read as CURRENT', head.node, scope);
  if (!parts.sawResponses) ctx.report('error', 'missing-responses', 'operation block has no Responses table: the page lost it', head.node, scope);
  if (!parts.sawParameters) ctx.count('operationsWithoutParameters');
  ctx.count('operations');
  const { versionRow, state } = parts;
  return {
    ...(head.name !== undefined ? { name: head.name } : {}),
    version,
    method: method.method,
    path: method.path,
    description: parts.description.join('\n').trim(),
    state: state?.state ?? '',
    status: state?.status ?? 'CURRENT',
    ...(versionRow ? { supportedUntil: versionRow.supportedUntil, supportedUntilLabel: versionRow.label } : {}),
    parameters: parts.parameters,
    responses: parts.responses,
    example: exampleOf(parts),
    ...(serviceId !== undefined ? { serviceId } : {}),
    source: ctx.ref(head.node),
  };
}
