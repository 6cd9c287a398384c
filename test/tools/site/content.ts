/**
 * Hugo's `.Content` of each page kind, in the live site's markup (../shared/DOCS-SITE.md and the
 * fixtures in test/fixtures/html/): an operation page (method line, `<h2 id>` sections, `<th>`
 * header rows, `<br>`-separated Name and Description cells, model links in Schema cells, Chroma
 * code blocks), a model page (one field table) and a service overview (Overview, Version table,
 * OpenAPI URL, Environment and Region List, API Version History). Korean pages use the Korean
 * labels the site uses (`상태`, `버전 | 최소 지원 보장일`, `[신규]`…); everything else is as the docs wrote it.
 */
import type { Constraint, EnvironmentRegion, ModelDoc, ParameterDoc, SchemaExpr, ServiceVersionRow } from '../../../scripts/model.ts';
import { formatSchemaExpression } from '../../../scripts/schema-expression.ts';
import type { SiteOperation } from './from-spec.ts';

export type Lang = 'ko' | 'en';

export const LABELS = {
  ko: { state: '상태', version: '버전', supportedUntil: '최소 지원 보장일', acceptLanguage: 'ko-KR', lastmod: '마지막 수정 2026년 9월 17일', history: { New: '신규', Changed: '변경', Removed: '삭제' } },
  en: { state: 'State', version: 'Version', supportedUntil: 'Supported Until', acceptLanguage: 'en-US', lastmod: 'Last modified September 17, 2026', history: { New: 'New', Changed: 'Changed', Removed: 'Removed' } },
} as const;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;');
}

/** Where a service's pages live: `/apireference/<cat>/<svc>/` or the same under `/en/`. */
export function serviceBase(lang: Lang, category: string, service: string): string {
  return `${lang === 'en' ? '/en' : ''}/apireference/${category}/${service}/`;
}

export function heading(level: 2 | 3, id: string, text: string): string {
  return `<h${level} id="${id}">${escapeHtml(text)}<a class="td-heading-self-link" href="#${id}" aria-label="Heading self-link"></a></h${level}>`;
}

export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const tr = (cells: readonly string[], tag: 'th' | 'td'): string => `<tr>\n${cells.map((c) => `<${tag}>${c}</${tag}>`).join('\n')}\n</tr>`;
  return `<table>\n<thead>\n${tr(headers.map(escapeHtml), 'th')}\n</thead>\n<tbody>\n${rows.map((r) => tr(r, 'td')).join('\n')}\n</tbody>\n</table>`;
}

/** A Chroma-highlighted code block, one `<span class="line">` per line, as Hugo renders fenced code. */
export function codeBlock(text: string, lang: 'json' | 'text'): string {
  const lines = text.split('\n').map((l) => `<span class="line"><span class="cl">${escapeHtml(l)}\n</span></span>`);
  return `<div class="highlight"><pre tabindex="0" class="chroma"><code class="language-${lang}" data-lang="${lang}">${lines.join('')}</code></pre></div>`;
}

/** A Schema cell: the expression in the docs' grammar, model names linked to their pages. */
function schemaCell(expr: SchemaExpr, modelsBase: string): string {
  switch (expr.kind) {
    case 'ref':
      return `<a href="${modelsBase}${encodeURIComponent(expr.model)}/">${escapeHtml(expr.model)}</a>`;
    case 'array':
      return `array[${schemaCell(expr.items, modelsBase)}]`;
    case 'anyOf':
      return `any of [${expr.members.map((m) => schemaCell(m, modelsBase)).join(', ')}]`;
    default:
      return escapeHtml(formatSchemaExpression(expr));
  }
}

function descriptionCell(description: string, constraints: readonly Constraint[]): string {
  const lines = [...(description === '' ? [] : description.split('\n')), ...constraints.map((c) => (c.value === '' ? `${c.key} :` : `${c.key} : ${c.value}`))];
  return lines.map(escapeHtml).join('<br>');
}

function nameCell(name: string, required: boolean): string {
  return `${escapeHtml(name)}<br>${required ? 'required' : 'optional'}`;
}

function parameterRow(p: ParameterDoc, modelsBase: string): string[] {
  // Body rows carry no description line and no default in the docs.
  return [p.in, nameCell(p.name, p.required), descriptionCell(p.description, p.constraints), schemaCell(p.schema, modelsBase), escapeHtml(p.default ?? '')];
}

function paragraph(text: string): string {
  return `<p>${text.split('\n').map(escapeHtml).join('<br>')}</p>`;
}

/** `.Content` of an operation-version page. */
export function operationContent(op: SiteOperation, lang: Lang, modelsBase: string): string {
  const l = LABELS[lang];
  const out: string[] = [`<p><code>${op.method} ${escapeHtml(op.path)}</code></p>`, heading(2, 'description', 'Description')];
  if (op.description !== '') out.push(paragraph(op.description));
  out.push(`<p>${l.state} ${escapeHtml(op.state || 'ACTIVE')} (${op.status})</p>`);
  out.push(table([l.version, l.supportedUntil], [[escapeHtml(op.version), escapeHtml(op.supportedUntil ?? '-')]]));
  if (op.parameters.length > 0) {
    out.push(heading(2, 'parameters', 'Parameters'));
    out.push(table(['Type', 'Name', 'Description', 'Schema', 'Default'], op.parameters.map((p) => parameterRow(p, modelsBase))));
  }
  out.push(heading(2, 'responses', 'Responses'));
  out.push(table(['HTTP Code', 'Description', 'Schema'], op.responses.map((r) => [r.code, escapeHtml(r.description), r.schema ? schemaCell(r.schema, modelsBase) : 'None'])));
  const e = op.example;
  out.push(heading(2, 'example-http-request', 'Example HTTP request'), heading(3, 'request-path', 'Request path'), codeBlock(e.requestPath ?? op.path, 'text'));
  const headers = e.headers.map((h) => (h.name === 'Accept-Language' ? { ...h, value: l.acceptLanguage } : h));
  out.push(heading(3, 'request-header', 'Request header'), codeBlock(headers.map((h, i) => `"${h.name} = ${h.value}"${i < headers.length - 1 ? ',' : ''}`).join('\n'), 'text'));
  if (e.requestBody !== undefined) out.push(heading(3, 'request-body', 'Request body'), codeBlock(JSON.stringify(e.requestBody, null, 2), 'json'));
  out.push(heading(2, 'example-http-response', 'Example HTTP response'));
  if (e.responseCode !== undefined) {
    out.push(heading(3, `response-${e.responseCode}`, `Response ${e.responseCode}`));
    if (e.responseBody !== undefined) out.push(codeBlock(JSON.stringify(e.responseBody, null, 2), 'json'));
  }
  return out.join('\n');
}

/** `.Content` of a model page. */
export function modelContent(model: ModelDoc, modelsBase: string): string {
  const rows = model.fields.map((f) => [nameCell(f.name, f.required), descriptionCell(f.description, f.constraints), schemaCell(f.schema, modelsBase), escapeHtml(f.default ?? '')]);
  return table(['Name', 'Description', 'Schema', 'Default'], rows);
}

export interface HistoryEntry {
  readonly version: string;
  readonly kind: 'New' | 'Changed' | 'Removed';
  readonly method: string;
  readonly path: string;
  readonly name: string;
}

function historyText(e: HistoryEntry, lang: Lang): string {
  const tag = `[${LABELS[lang].history[e.kind]}] ${e.method.toUpperCase()} ${e.path} - ${e.name}`;
  if (lang === 'en') return `${tag} API ${e.kind === 'New' ? 'have been added' : e.kind === 'Changed' ? 'has been changed' : 'has been removed'}.`;
  return `${tag} API가 ${e.kind === 'New' ? '추가' : e.kind === 'Changed' ? '변경' : '삭제'}되었습니다.`;
}

export interface OverviewFacts {
  readonly overview?: string;
  readonly baseUrl?: string;
  readonly environments?: readonly EnvironmentRegion[];
  readonly versionTable: readonly ServiceVersionRow[];
  readonly history: readonly HistoryEntry[];
}

/** `.Content` of a service overview page. */
export function overviewContent(f: OverviewFacts, lang: Lang): string {
  const out: string[] = [heading(2, 'overview', 'Overview')];
  for (const p of (f.overview ?? '').split('\n\n').filter((x) => x !== '')) out.push(paragraph(p));
  out.push(heading(2, 'version', 'Version'), table(['Version', 'Status', 'Supported Until'], f.versionTable.map((r) => [r.version, r.status, escapeHtml(r.supportedUntil)])));
  if (f.versionTable.some((r) => r.status === 'DEPRECATED')) {
    out.push(paragraph(lang === 'en' ? 'Deprecated versions will no longer be available after the date shown.' : 'DEPRECATED 버전은 표시된 날짜 이후에는 사용할 수 없습니다.'));
  }
  if (f.baseUrl !== undefined) out.push(heading(2, 'openapi-url', 'OpenAPI URL'), paragraph(f.baseUrl));
  if (f.environments !== undefined) {
    out.push(heading(2, 'environment-and-region-list', 'Environment and Region List'), table(['environment', 'region'], f.environments.map((e) => [escapeHtml(e.environment), escapeHtml(e.region)])));
  }
  if (f.history.length > 0) {
    out.push(heading(2, 'api-version-history', 'API Version History'));
    const versions = [...new Set(f.history.map((h) => h.version))];
    for (const v of versions) {
      out.push(`<h3 id="${v.replace(/\D/g, '')}">${escapeHtml(v)}</h3>`, `<ul>\n${f.history.filter((h) => h.version === v).map((h) => `<li>${escapeHtml(historyText(h, lang))}</li>`).join('\n')}\n</ul>`);
    }
  }
  return out.join('\n');
}
