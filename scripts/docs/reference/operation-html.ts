/**
 * One operation of a reference page as static HTML: heading, method and path, the `Scp-Api-Version`
 * value, status and support date, a link to the original docs page, parameters, request body,
 * responses with examples, the authentication box and the TypeScript and curl samples. Readable
 * with JavaScript off. Pure.
 */
import { escapeHtml, escapeText } from '../html.ts';
import type { MediaDetail, OperationDetail, ParameterDetail, ResponseDetail } from '../operation-detail.ts';
import { statusBadge, supportDateLabel } from '../status-text.ts';
import { descriptionHtml, inlineHtml, jsonBlock } from '../text-html.ts';
import { type SampleContext, curlSample, typescriptSample } from './code-samples.ts';
import { sampleRequest } from './sample-request.ts';
import { bodySchemaHtml, schemaFacts, typeLabel } from './schema-html.ts';

export interface OperationPageContext {
  readonly doc: unknown;
  readonly service: string;
  /** The page's version (`1.1`, or `latest`). */
  readonly version: string;
  readonly server: SampleContext['server'];
  /** Relative link to the authentication guide. */
  readonly authHref: string;
}

function metaRow(label: string, value: string): string {
  return `<div><dt>${label}</dt><dd>${value}</dd></div>`;
}

function metaList(op: OperationDetail): string {
  const rows = [
    metaRow('Scp-Api-Version', op.versionHeader ? `<code class="version-value">${escapeHtml(op.versionHeader)}</code>` : '<span class="none">not stated</span>'),
    metaRow('Status', statusBadge(op.status)),
  ];
  if (op.supportedUntil) rows.push(metaRow(supportDateLabel(op.status), `<time datetime="${escapeHtml(op.supportedUntil)}">${escapeHtml(op.supportedUntil)}</time>`));
  if (op.operationId) rows.push(metaRow('Operation ID', `<code>${escapeHtml(op.operationId)}</code>`));
  if (op.externalDocs) rows.push(metaRow('Source', `<a class="source-link" href="${escapeHtml(op.externalDocs.url)}" rel="external">Original SCP docs page</a>`));
  return `<dl class="op-meta">${rows.join('')}</dl>`;
}

function parameterRow(doc: unknown, p: ParameterDetail): string {
  const flags = `${p.required ? ' <span class="req">required</span>' : ''}${p.deprecated ? ' <span class="dep">deprecated</span>' : ''}`;
  return `<tr><th scope="row"><code>${escapeHtml(p.name)}</code>${flags}</th><td>${escapeHtml(p.in)}</td><td class="type">${typeLabel(doc, p.schema)}</td><td>${inlineHtml(p.description)}${schemaFacts(doc, p.schema, p.example)}</td></tr>`;
}

function parametersBlock(doc: unknown, op: OperationDetail): string {
  if (op.parameters.length === 0) return '';
  return `<h4>Parameters</h4><table class="params"><thead><tr><th scope="col">Name</th><th scope="col">In</th><th scope="col">Type</th><th scope="col">Description</th></tr></thead><tbody>${op.parameters.map((p) => parameterRow(doc, p)).join('')}</tbody></table>`;
}

function mediaBlock(doc: unknown, m: MediaDetail, what: string): string {
  const schema = m.schema !== undefined ? bodySchemaHtml(doc, m.schema) : '';
  const example = m.example !== undefined ? `<details class="example"><summary>Example (${escapeHtml(m.mediaType)})</summary>${jsonBlock(m.example, `${what} example`)}</details>` : '';
  return `<div class="media"><p class="media-type"><code>${escapeHtml(m.mediaType)}</code></p>${schema}${example}</div>`;
}

function bodyBlock(doc: unknown, op: OperationDetail): string {
  const body = op.requestBody;
  if (!body) return '';
  return `<h4>Request body${body.required ? ' <span class="req">required</span>' : ''}</h4>${descriptionHtml(body.description)}${body.content.map((m) => mediaBlock(doc, m, 'Request')).join('')}`;
}

function responseBlock(doc: unknown, r: ResponseDetail): string {
  const cls = /^2/.test(r.status) ? 'ok' : /^[45]/.test(r.status) ? 'err' : 'other';
  return `<div class="response response-${cls}"><p class="response-head"><span class="status-code">${escapeHtml(r.status)}</span> ${inlineHtml(r.description)}</p>${r.content.map((m) => mediaBlock(doc, m, `Response ${r.status}`)).join('')}</div>`;
}

function authBox(op: OperationDetail, authHref: string): string {
  const token = op.security.includes('XAuthToken') ? ' <code>X-Auth-Token</code> with a session token.' : '';
  return `<aside class="auth-box" aria-label="Authentication"><p><strong>Authentication</strong>: signed headers <code>Scp-Accesskey</code>, <code>Scp-Signature</code>, <code>Scp-Timestamp</code>, <code>Scp-ClientType</code>, <code>Scp-AccountId</code>.${token} <a href="${authHref}">How to sign a request</a></p></aside>`;
}

function samplesBlock(ctx: OperationPageContext, op: OperationDetail): string {
  const req = sampleRequest(ctx.doc, op);
  const sample: SampleContext = {
    service: ctx.service,
    clientVersion: ctx.version,
    versionHeader: op.versionHeader ?? `${ctx.service} ${ctx.version}`,
    server: ctx.server,
  };
  const block = (lang: string, label: string, text: string): string =>
    `<figure class="sample" data-lang="${lang}"><figcaption>${label}</figcaption><pre class="code" tabindex="0"><code class="language-${lang}">${escapeText(text)}</code></pre></figure>`;
  return `<h4>Code samples</h4><div class="samples">${block('ts', 'TypeScript (scp-openapi client)', typescriptSample(sample, req))}${block('sh', 'curl (signed with openssl)', curlSample(sample, req))}</div>`;
}

/** The operation's section; `data-operation` marks it for the page script and the browser test. */
export function operationHtml(ctx: OperationPageContext, op: OperationDetail): string {
  const title = op.summary ?? op.operationId ?? `${op.method} ${op.path}`;
  const id = op.anchor;
  return `<section class="op${op.deprecated ? ' op-deprecated' : ''}" id="${id}" data-operation aria-labelledby="${id}-h">
<h3 id="${id}-h" elementtiming="operation">${inlineHtml(title)}</h3>
<p class="op-line"><span class="method method-${op.method.toLowerCase()}">${op.method}</span> <code class="op-path">${escapeHtml(op.path)}</code>${op.deprecated ? ' <span class="dep">deprecated</span>' : ''}</p>
${metaList(op)}
${descriptionHtml(op.description)}
${parametersBlock(ctx.doc, op)}
${bodyBlock(ctx.doc, op)}
<h4>Responses</h4>${op.responses.map((r) => responseBlock(ctx.doc, r)).join('')}
${authBox(op, ctx.authHref)}
${samplesBlock(ctx, op)}
</section>`;
}
