/**
 * Reader for per-service search-index files (`sources/si_<service>.json`, written by `update`; format in search-index/file.ts): the
 * page bodies of the live site's `/search-index.json` (MiniSearch v2 `storedFields`), one service
 * per file. Produces the same doc model as the other readers.
 *
 * The rendering we model (test/tools/site/plain.ts produces it): a page's body is
 * `htmlUnescape(StripHTML(.Content))`, Hugo's `.Plain` as Docsy's offline search stores it, where
 * StripHTML first turns every newline into a space and every `</p>`, `<br>` and `<br />` into a
 * newline, then drops every tag and collapses each run of whitespace to its first character (runs
 * that a tag separates stay apart, so the reader first normalises whitespace: a run holding a
 * newline becomes one newline, any other run one space). So:
 * - paragraphs and `<br>`-lines end with a newline; headings, table cells, rows, list items and the
 *   lines of `<pre>` blocks end with a single space (a JSON example becomes one line);
 * - a table is its header labels then its cells, all space-separated; inside a cell, `<br>`s stay
 *   newlines (the Name cell's `name\nrequired`, the Description cell's `Example : …` lines).
 * An operation page thus reads `get /v1/x\nDescription text\n상태 ACTIVE (CURRENT)\n버전 최소 지원 보장일
 * 1.1 - Parameters Type Name Description Schema Default query size\noptional Size\nExample : 20 any of
 * [integer, null] 20 … Responses HTTP Code Description Schema 200 OK Model 400 Bad Request None …
 * Example HTTP request Request path /v1/x Request header "Scp-Accesskey = …", … Example HTTP response
 * Response 200 { "a": 1 }`. A rendering whose newlines were all collapsed to spaces is read too
 * (rows are then anchored on `name required`, and constraints are split out of one-line cells), but
 * multi-line descriptions come out on one line.
 *
 * Row ends are split from the right with the Schema-column grammar, preferring readings whose models
 * are defined on the site (the file's model pages) and whose Default is one word; when two plausible
 * readings remain, an `ambiguous-row` warning names both. Operation names come from the page title,
 * or (when the title is the version) from the `…/apis/<slug>/` section page's title. Never throws:
 * whatever cannot be placed becomes a Diagnostic naming file, line (the page entry's line) and page ref.
 */
import type { ModelDoc, OperationDoc, SchemaExpr, ServiceDoc, SourceDoc } from '../model.ts';
import { referencedModels } from '../schema-expression.ts';
import { parseIndexFile, placeOf, type IndexFile, type IndexPage, type PagePlace } from './search-index/file.ts';
import { readModelPage } from './search-index/model-page.ts';
import { readOperationPage } from './search-index/operation.ts';
import { readOverviewPage, type OverviewFacts } from './search-index/overview.ts';
import { normaliseBody } from './search-index/plain.ts';
import { VERSION_NUMBER } from './cells.ts';
import { DiagnosticSink } from './diagnostic-sink.ts';
import { PageReport } from './search-index/report.ts';
import { serviceDoc } from './service-doc.ts';

interface Placed {
  readonly page: IndexPage;
  readonly place: PagePlace;
}

/** The pages this file is about: its service (the file's, else the most common), its language. */
function selectPages(file: IndexFile, sink: DiagnosticSink): Placed[] {
  const placed: Placed[] = [];
  for (const page of file.pages) {
    const place = placeOf(page.ref);
    if (place) placed.push({ page, place });
    else {
      sink.count('skippedPages');
      sink.report('info', 'not-a-service-page', `page ${page.ref} is not a service, operation or model page; not read`, page.line);
    }
  }
  const counts = new Map<string, number>();
  for (const p of placed) counts.set(p.place.service, (counts.get(p.place.service) ?? 0) + 1);
  const service = file.service ?? [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  const lang = file.lang ?? placed.find((p) => p.place.service === service)?.place.lang;
  return placed.filter(({ page, place }) => {
    if (place.service !== service) {
      sink.report('warning', 'foreign-page', `page ${page.ref} belongs to service "${place.service}", not "${service ?? '?'}"; not read`, page.line);
    } else if (place.lang !== lang || (page.lang !== undefined && lang !== undefined && page.lang !== lang)) {
      sink.report('info', 'other-language', `page ${page.ref} is not in the file's language (${lang ?? '?'}); not read`, page.line);
    } else return true;
    sink.count('skippedPages');
    return false;
  });
}

/** Operation names by slug, from the `…/apis/<slug>/` section pages. */
function sectionNames(pages: readonly Placed[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const { page, place } of pages) {
    if (place.page.kind === 'operation-section' && page.title.trim() !== '') names.set(place.page.slug, page.title.trim());
  }
  return names;
}

function operationName(page: IndexPage, slug: string, version: string, sections: ReadonlyMap<string, string>, report: PageReport): string | undefined {
  const title = page.title.trim();
  const fromSection = sections.get(slug);
  if (title !== '' && !VERSION_NUMBER.test(title)) {
    if (fromSection !== undefined && fromSection !== title) report.warn('name-mismatch', `the page title "${title}" differs from its section's title "${fromSection}"; the page title is used`);
    return title;
  }
  if (title !== '' && title !== version) report.warn('version-mismatch', `the page title "${title}" differs from the version in its ref (${version})`);
  if (fromSection === undefined) report.info('operation-name-unknown', `the title is the version and no "…/apis/${slug}/" page names the operation; name left empty`);
  return fromSection;
}

interface ServiceParts {
  title?: string;
  titleLine?: number;
  facts: OverviewFacts;
  readonly operations: OperationDoc[];
  readonly models: ModelDoc[];
}

function readPage({ page, place }: Placed, parts: ServiceParts, ctx: { sink: DiagnosticSink; known: ReadonlySet<string>; sections: ReadonlyMap<string, string> }): void {
  const report = new PageReport(ctx.sink, page.ref, page.line, place.service);
  const body = normaliseBody(page.body);
  const p = place.page;
  ctx.sink.count(`${p.kind}Pages`);
  switch (p.kind) {
    case 'overview':
      parts.title = page.title.trim() || undefined;
      parts.titleLine = page.line;
      parts.facts = readOverviewPage(body, report);
      return;
    case 'operation': {
      if (!VERSION_NUMBER.test(p.version)) report.warn('unexpected-version', `the ref's version segment "${p.version}" is not a version number`);
      const name = operationName(page, p.slug, p.version, ctx.sections, report);
      const scoped = report.forOperation(`${name ?? p.slug} ${p.version}`);
      const op = readOperationPage(body, { ...(name !== undefined ? { name } : {}), ...(VERSION_NUMBER.test(p.version) ? { version: p.version } : {}) }, ctx.known, scoped);
      if (op) parts.operations.push(op);
      return;
    }
    case 'model': {
      const name = page.title.trim() || p.name;
      if (name !== p.name) report.warn('name-mismatch', `the model page title "${name}" differs from its ref's name "${p.name}"; the title is used`);
      const model = readModelPage(body, name, ctx.known, report.forOperation(name));
      if (model) parts.models.push(model);
      return;
    }
    default:
      // Section and listing pages (APIs, Models, an operation's version list) hold no facts of their own.
      if (body !== '' && p.kind !== 'apis' && p.kind !== 'models' && p.kind !== 'operation-section') report.unplaced('a page of unknown kind', body, 'info');
  }
}

/** The operation a diagnostic names: `Name 1.1`, or `get /v1/x 1.1` for an unnamed page. */
function labelOf(op: OperationDoc): string {
  return `${op.name ?? `${op.method} ${op.path}`} ${op.version}`;
}

/**
 * The service id: the one most operations' Scp-Api-Version examples name (an operation naming
 * another is reported on its page: the wrong page under a URL), else the OpenAPI URL's host label,
 * else the file's service.
 */
function serviceId(parts: ServiceParts, fileService: string | undefined, sink: DiagnosticSink, line: number): string | undefined {
  const counts = new Map<string, number>();
  for (const op of parts.operations) if (op.serviceId !== undefined) counts.set(op.serviceId, (counts.get(op.serviceId) ?? 0) + 1);
  const id = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  for (const op of parts.operations) {
    if (op.serviceId === undefined || op.serviceId === id) continue;
    const label = labelOf(op);
    sink.report('warning', 'service-mismatch', `page of ${label}: its Scp-Api-Version example names service "${op.serviceId}", the other pages "${id ?? '?'}"`, op.source.line, { operation: label });
  }
  const fromUrl = parts.facts.baseUrl !== undefined ? /^https?:\/\/([a-z0-9-]+)\./i.exec(parts.facts.baseUrl)?.[1] : undefined;
  if (id !== undefined && fromUrl !== undefined && fromUrl !== id) {
    sink.report('info', 'url-id-differs', `the OpenAPI URL host "${fromUrl}" differs from the Scp-Api-Version id "${id}"`, line);
  }
  return id ?? fromUrl ?? fileService;
}

/** Model names that operations or fields use but no model page of the file defines (when it has any). */
function checkModels(parts: ServiceParts, known: ReadonlySet<string>, sink: DiagnosticSink): void {
  if (known.size === 0) return;
  const report = (expr: SchemaExpr | undefined, line: number, where: string, operation: string): void => {
    for (const m of expr ? referencedModels(expr) : []) {
      if (!known.has(m)) sink.report('warning', 'unknown-model', `${where} references model ${m}, which no model page of the service defines`, line, { operation });
    }
  };
  for (const op of parts.operations) {
    const label = labelOf(op);
    for (const p of op.parameters) report(p.schema, op.source.line, `parameter ${p.name}`, label);
    for (const r of op.responses) report(r.schema, op.source.line, `response ${r.code}`, label);
  }
  for (const m of parts.models) for (const f of m.fields) report(f.schema, m.source.line, `field ${m.name}.${f.name}`, m.name);
}

function readService(file: IndexFile, sink: DiagnosticSink): ServiceDoc[] {
  const pages = selectPages(file, sink);
  if (pages.length === 0) {
    sink.report('warning', 'nothing-recognised', 'the file holds no page of a service', 1);
    return [];
  }
  const known = new Set(pages.flatMap(({ page, place }) => (place.page.kind === 'model' ? [page.title.trim() || place.page.name] : [])));
  const parts: ServiceParts = { facts: {}, operations: [], models: [] };
  const ctx = { sink, known, sections: sectionNames(pages) };
  for (const p of pages) readPage(p, parts, ctx);
  checkModels(parts, known, sink);
  const line = parts.titleLine ?? (pages[0] as Placed).page.line;
  const id = serviceId(parts, file.service ?? pages[0]?.place.service, sink, line);
  sink.count('services');
  return [serviceDoc({ id, title: parts.title, facts: parts.facts, operations: parts.operations, models: parts.models, source: { file: sink.file, line } })];
}

export function readSearchIndexPages(text: string, file: string): SourceDoc {
  const sink = new DiagnosticSink(file);
  let services: ServiceDoc[] = [];
  try {
    if (text.trim() === '') sink.report('error', 'empty-input', 'the search-index file is empty', 1);
    else {
      const parsed = parseIndexFile(text, sink);
      if (parsed) {
        sink.count('pages', parsed.pages.length);
        services = readService(parsed, sink);
      }
    }
  } catch (e) {
    // A reader must not throw; a bug here still has to surface, as an error.
    sink.report('error', 'internal-error', `search-index reader failed: ${e instanceof Error ? e.message : String(e)}`, 1);
  }
  return { file, layout: 'search-index', services, diagnostics: sink.diagnostics(), stats: sink.stats };
}
