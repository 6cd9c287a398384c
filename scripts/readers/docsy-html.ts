/**
 * Reader for Docsy HTML pages of the SCP API reference: section print pages (`…/_print/`), single
 * per-operation pages (`…/apis/<slug>/<version>/`) and per-model pages (`…/models/<Name>/`), in
 * Korean or English. Produces the same doc model as the text readers.
 *
 * A page carries ~4 MB of navigation before its content, and a fetched page may be only the tail
 * (suffix Range request, starting mid-tag): the content container is found on the raw text and only
 * the text from there is parsed (htmlparser2 through cheerio, with start offsets for line numbers).
 * Never throws: whatever cannot be placed becomes a Diagnostic.
 */
import { load } from 'cheerio';
import type { AnyNode } from 'domhandler';
import { groupBy } from '../group-by.ts';
import type { ModelDoc, OperationDoc, ServiceDoc, SourceDoc, SourceRef, TocEntry } from '../model.ts';
import { parseMethodLine, VERSION_NUMBER } from './cells.ts';
import { DiagnosticSink } from './diagnostic-sink.ts';
import { flattenBlocks, type Block } from './html/blocks.ts';
import { ReadContext } from './html/context.ts';
import { lineLocator } from './html/lines.ts';
import { type ContentLocation, locateContent } from './html/locate.ts';
import { looksLikeModel, readModel } from './html/model-section.ts';
import { readOperation } from './html/operation.ts';
import { looksLikeOperation, type OperationHead } from './html/operation-parts.ts';
import { looksLikeServiceOverview, readServiceOverview, type ServiceOverview } from './html/service-section.ts';
import { serviceDoc } from './service-doc.ts';
import { type PageStructure, readStructure, type Section } from './html/structure.ts';

type Kind = 'category' | 'service' | 'apis' | 'models' | 'operation' | 'version' | 'model' | 'unknown';

interface ServiceBuilder {
  title?: string;
  overview: ServiceOverview;
  readonly operations: OperationDoc[];
  readonly models: ModelDoc[];
  readonly source: SourceRef;
  readonly node: AnyNode | undefined;
}

const APIS_TITLES = new Set(['apis', 'api', 'api 목록']);
const MODELS_TITLES = new Set(['models', 'model', '모델']);

function norm(title: string): string {
  return title.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Method and path from `<meta name="description" content="get /v1/… Description …">`. */
function metaMethod(head: string | undefined): OperationHead['meta'] {
  if (head === undefined) return undefined;
  const $ = load(head, { xml: { xmlMode: false, decodeEntities: true } });
  const content = $('meta[name="description"]').attr('content');
  if (content === undefined) return undefined;
  const m = parseMethodLine(content.trim().split(/\s+/).slice(0, 2).join(' '));
  return m ? { method: m.method, path: m.path } : undefined;
}

class PageReader {
  private readonly blocksCache = new Map<Section, Block[]>();
  /** Services that have a section of their own on the page. */
  readonly services: ServiceBuilder[] = [];
  /** Operations and models found outside any service section (APIs print pages, single pages). */
  readonly looseOperations: OperationDoc[] = [];
  readonly looseModels: ModelDoc[] = [];

  constructor(private readonly ctx: ReadContext) {}

  blocks(sec: Section): Block[] {
    let b = this.blocksCache.get(sec);
    if (!b) {
      b = flattenBlocks(sec.content);
      this.blocksCache.set(sec, b);
    }
    return b;
  }

  classify(sec: Section, parent: Kind | undefined): Kind {
    const t = norm(sec.title);
    if (APIS_TITLES.has(t)) return 'apis';
    if (MODELS_TITLES.has(t)) return 'models';
    if (parent === 'operation') return 'version';
    if (parent === 'apis') return 'operation';
    if (parent === 'models') return 'model';
    if (sec.children.some((c) => APIS_TITLES.has(norm(c.title)) || MODELS_TITLES.has(norm(c.title)))) return 'service';
    const blocks = this.blocks(sec);
    if (looksLikeServiceOverview(blocks)) return 'service';
    if (looksLikeOperation(blocks)) return VERSION_NUMBER.test(sec.title) ? 'version' : 'operation';
    if (looksLikeModel(blocks)) return 'model';
    // An operation heading whose own section is empty: its children are version blocks.
    if (sec.children.length > 0 && sec.children.every((c) => VERSION_NUMBER.test(c.title) && looksLikeOperation(this.blocks(c)))) return 'operation';
    if (sec.children.length > 0) return 'category';
    return 'unknown';
  }

  visit(sec: Section, kind: Kind, service: ServiceBuilder | undefined, opName?: string): void {
    const ctx = this.ctx;
    switch (kind) {
      case 'service': {
        const builder: ServiceBuilder = {
          ...(sec.title !== '' ? { title: sec.title } : {}),
          overview: readServiceOverview(this.blocks(sec), ctx, { service: sec.title }),
          operations: [],
          models: [],
          source: ctx.ref(sec.node),
          node: sec.node,
        };
        this.services.push(builder);
        for (const c of sec.children) this.visit(c, this.classify(c, 'service'), builder);
        return;
      }
      case 'category':
      case 'apis':
      case 'models':
        this.unused(sec, kind);
        for (const c of sec.children) this.visit(c, this.classify(c, kind), service);
        return;
      case 'operation': {
        if (looksLikeOperation(this.blocks(sec))) this.addOperation(sec, { name: sec.title, node: sec.node }, service);
        else this.unused(sec, kind);
        for (const c of sec.children) this.visit(c, 'version', service, sec.title);
        return;
      }
      case 'version': {
        if (!VERSION_NUMBER.test(sec.title)) {
          ctx.report('warning', 'unexpected-version-heading', `"${sec.title}" under operation ${opName ?? '?'} is not a version number`, sec.node, { operation: opName ?? sec.title });
        }
        if (opName === undefined) {
          ctx.report('info', 'operation-name-unknown', `version ${sec.title} has no operation heading above it on the page; name left empty`, sec.node);
        }
        this.addOperation(sec, { ...(opName !== undefined ? { name: opName } : {}), version: sec.title, node: sec.node }, service);
        for (const c of sec.children) this.visit(c, this.classify(c, 'version'), service);
        return;
      }
      case 'model': {
        const m = readModel(this.blocks(sec), sec.title, sec.node, ctx, service?.title);
        if (m) (service ? service.models : this.looseModels).push(m);
        for (const c of sec.children) this.visit(c, this.classify(c, 'model'), service);
        return;
      }
      case 'unknown':
        if (this.blocks(sec).length > 0) {
          ctx.report('warning', 'unrecognised-section', `section "${sec.title}" is neither a service, an operation nor a model; content not used`, sec.node);
        }
        for (const c of sec.children) this.visit(c, this.classify(c, 'category'), service);
    }
  }

  addOperation(sec: Section, head: OperationHead, service: ServiceBuilder | undefined): void {
    const op = readOperation(this.blocks(sec), head, this.ctx);
    if (op) (service ? service.operations : this.looseOperations).push(op);
  }

  /** Content a container section carries beyond its children (e.g. a category intro) is reported, not dropped silently. */
  private unused(sec: Section, kind: Kind): void {
    const blocks = this.blocks(sec);
    if (blocks.length === 0) return;
    this.ctx.report('info', 'unplaced-text', `content of ${kind} section "${sec.title}" not used (${blocks.length} blocks)`, blocks[0]?.node ?? sec.node);
  }
}

/** Operation name, version and service title of a single per-operation page, from its title and breadcrumb. */
function singleOperationHead(root: Section, breadcrumb: readonly string[], meta: OperationHead['meta']): OperationHead {
  const last = breadcrumb[breadcrumb.length - 1];
  const parent = breadcrumb[breadcrumb.length - 2];
  if (VERSION_NUMBER.test(root.title)) {
    // Title is the version (`1.1`); the operation is the breadcrumb item above it.
    const name = parent !== undefined && last === root.title && !APIS_TITLES.has(norm(parent)) ? parent : undefined;
    return { ...(name !== undefined ? { name } : {}), version: root.title, node: root.node, ...(meta ? { meta } : {}) };
  }
  // Title is the operation name; Docsy's breadcrumb shows the link title, which may be the version.
  const version = last !== undefined && VERSION_NUMBER.test(last) ? last : undefined;
  return { ...(root.title !== '' ? { name: root.title } : {}), ...(version !== undefined ? { version } : {}), node: root.node, ...(meta ? { meta } : {}) };
}

/** The breadcrumb item just above `APIs`/`Models` names the service. */
function breadcrumbService(breadcrumb: readonly string[]): string | undefined {
  const i = breadcrumb.findIndex((b) => APIS_TITLES.has(norm(b)) || MODELS_TITLES.has(norm(b)));
  return i > 0 ? breadcrumb[i - 1] : undefined;
}

function serviceIdOf(operations: readonly OperationDoc[], ctx: ReadContext, node: AnyNode | undefined, title: string | undefined): string | undefined {
  const ids = [...new Set(operations.map((o) => o.serviceId).filter((id): id is string => id !== undefined))];
  if (ids.length > 1) {
    ctx.report('warning', 'mixed-service-ids', `operations of one service name several Scp-Api-Version ids (${ids.join(', ')}); the first is used`, node, title !== undefined ? { service: title } : {});
  }
  return ids[0];
}

function buildService(b: ServiceBuilder, ctx: ReadContext): ServiceDoc {
  const id = serviceIdOf(b.operations, ctx, b.node, b.title);
  return serviceDoc({ id, title: b.title, facts: b.overview, operations: b.operations, models: b.models, source: b.source });
}

/** Loose operations go to one service per Scp-Api-Version id, in order of appearance; loose models join the only such service. */
function looseServices(reader: PageReader, title: string | undefined, ctx: ReadContext): ServiceDoc[] {
  const out: ServiceDoc[] = [];
  for (const [id, operations] of groupBy(reader.looseOperations, (op) => op.serviceId)) {
    out.push(serviceDoc({ id, title, operations, models: [], source: (operations[0] as OperationDoc).source }));
  }
  if (reader.looseModels.length > 0) {
    const only = out.length === 1 ? out[0] : undefined;
    if (only) out[0] = { ...only, models: reader.looseModels };
    else {
      if (out.length > 1) {
        ctx.report('warning', 'models-without-service', `models found outside a service section on a page with ${out.length} services; kept in a service of their own`, (reader.looseModels[0] as ModelDoc).source.line);
      }
      out.push({ ...(title !== undefined ? { title } : {}), operations: [], models: reader.looseModels, source: (reader.looseModels[0] as ModelDoc).source });
    }
  }
  return out;
}

/** A Docsy page always ends with `</html>`; a page cut in transfer does not (a suffix Range tail keeps it). */
function checkPageEnd(html: string, sink: DiagnosticSink, lines: number): void {
  if (!/<\/html\s*>\s*$/i.test(html.slice(-4096))) {
    sink.report('error', 'truncated-page', 'the page ends before its closing </html> tag: it was cut off in transfer, and whatever followed is lost', lines);
  }
}

/**
 * Every entry of a print page's table of contents has its section on the page. A page cut at the
 * end, or one that lost a section, is found here; the outermost missing entries are named.
 */
function checkToc(page: PageStructure, ctx: ReadContext): void {
  const titles = new Map(page.toc.map((e) => [e.number, e.title]));
  const missing = page.toc.filter((e) => !page.sectionIds.has(e.target));
  const outermost = missing.filter((e) => !missing.some((p) => p !== e && e.number.startsWith(`${p.number}.`)));
  for (const e of outermost) {
    const under = missing.filter((m) => m.number.startsWith(`${e.number}.`)).length;
    // A version entry is named with its operation (`ShowDataFlow 1.0`), as operations are everywhere else.
    const parent = titles.get(e.number.split('.').slice(0, -1).join('.'));
    const name = VERSION_NUMBER.test(e.title) && parent !== undefined ? `${parent} ${e.title}` : e.title;
    const more = under > 0 ? ` and the ${under} ${under === 1 ? 'entry' : 'entries'} under it` : '';
    ctx.report('error', 'missing-section', `the table of contents lists ${e.number} "${name}"${more}, but the page has no such section: the page is cut off or lost it`, e.node, { operation: name });
  }
}

/** Read the located content: the page's structure, then its services, operations and models. */
function readContent(html: string, where: ContentLocation, ctx: ReadContext, startLine: number): { services: ServiceDoc[]; toc: TocEntry[] } {
  const $ = load(html.slice(where.start), { xml: { xmlMode: false, withStartIndices: true, decodeEntities: true } });
  const page = readStructure($, ctx);
  if (!page) {
    ctx.report('error', 'no-content-container', 'the content container holds no readable content', startLine);
    return { services: [], toc: [] };
  }
  checkToc(page, ctx);
  const reader = new PageReader(ctx);
  let reported = false;
  if (page.kind === 'single') reported = readSinglePage(page, reader, where, ctx);
  else reader.visit(page.root, reader.classify(page.root, undefined), undefined);
  const services = [...reader.services.map((b) => buildService(b, ctx)), ...looseServices(reader, breadcrumbService(page.breadcrumb), ctx)];
  if (services.length === 0 && !reported) ctx.report('warning', 'nothing-recognised', 'no operation, model or service found on the page', startLine);
  return { services, toc: page.toc.map((e) => ({ number: e.number, title: e.title, source: ctx.ref(e.node) })) };
}

/** Returns true when it reported that the page holds nothing it knows. */
function readSinglePage(page: PageStructure, reader: PageReader, where: ContentLocation, ctx: ReadContext): boolean {
  const kind = reader.classify(page.root, undefined);
  if (kind === 'operation' || kind === 'version') {
    const head = singleOperationHead(page.root, page.breadcrumb, metaMethod(where.head));
    if (head.name === undefined) {
      ctx.report('info', 'operation-name-unknown', `the page title "${page.root.title}" is a version and no breadcrumb names the operation; name left empty`, page.root.node);
    }
    reader.addOperation(page.root, head, undefined);
  } else if (kind === 'unknown') {
    ctx.report('warning', 'nothing-recognised', `page "${page.root.title}" holds no operation, model or service overview`, page.root.node);
    return true;
  } else {
    reader.visit(page.root, kind, undefined);
  }
  return false;
}

export function readDocsyHtml(html: string, file: string): SourceDoc {
  const lineAt = lineLocator(html);
  const sink = new DiagnosticSink(file);
  let services: ServiceDoc[] = [];
  let toc: TocEntry[] = [];
  try {
    if (html.trim() === '') {
      sink.report('error', 'empty-input', 'the HTML file is empty', 1);
      return done();
    }
    const where = locateContent(html);
    if (where.via === 'none') {
      sink.report('error', 'no-content-container', 'no <main> or div.td-content found: not a Docsy content page (or the content was cut off)', 1);
      return done();
    }
    if (where.headless) {
      sink.report('info', 'headless-page', `the page has no document head (a tail fetched with a Range request?); content read from line ${lineAt(where.start)}`, lineAt(where.start));
    }
    checkPageEnd(html, sink, lineAt(html.length));
    sink.stats['parsedBytes'] = html.length - where.start;
    ({ services, toc } = readContent(html, where, new ReadContext(sink, lineAt, where.start), lineAt(where.start)));
  } catch (e) {
    sink.report('error', 'internal-error', `reader failed: ${e instanceof Error ? e.message : String(e)}`, 1);
  }
  return done();

  function done(): SourceDoc {
    sink.stats['bytes'] = html.length;
    sink.stats['services'] = services.length;
    return { file, layout: 'html', services, diagnostics: sink.diagnostics(), stats: sink.stats, ...(toc.length > 0 ? { toc } : {}) };
  }
}
