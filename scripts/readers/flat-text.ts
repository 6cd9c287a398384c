/**
 * Reader for the flat (innerText) layout of a Docsy print page (SOURCE-FORMATS.md 2.1, 2.3, 3, 4):
 * section title, then per service an overview, `S.1 - APIs` with op and version headings, and
 * `S.2 - Models`. One linear pass: lines are grouped under the accepted heading above them and each
 * group is read by the part that knows its shape. Never throws; whatever cannot be placed becomes a
 * Diagnostic naming file, line and operation or model.
 */
import type { ModelDoc, OperationDoc, ServiceDoc, SourceDoc } from '../model.ts';
import { parseMethodLine } from './cells.ts';
import { type Heading, HeadingTracker } from './flat/headings.ts';
import { readModel } from './flat/model-table.ts';
import { OperationBlock, type OperationStart } from './flat/operation.ts';
import { type Overview, readOverview } from './flat/overview.ts';
import { DiagnosticSink, quote } from './diagnostic-sink.ts';
import { type Line, Reporter, type ServiceTag, toLines } from './flat/report.ts';
import { serviceDoc } from './service-doc.ts';

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

interface ServiceBuild {
  readonly tag: ServiceTag;
  readonly heading: Line;
  readonly report: Reporter;
  overview?: Overview;
  readonly operations: OperationDoc[];
  readonly models: ModelDoc[];
}

interface Block {
  readonly heading?: Heading;
  readonly line: Line;
  readonly lines: Line[];
}

export function readFlatText(text: string, file: string): SourceDoc {
  const sink = new DiagnosticSink(file);
  let services: ServiceDoc[] = [];
  try {
    services = readServices(text, sink);
  } catch (e) {
    // A reader must not throw; a bug here still has to surface, as an error.
    sink.report('error', 'internal-error', `flat-text reader failed: ${e instanceof Error ? e.message : String(e)}`, 1);
  }
  const diagnostics = sink.diagnostics();
  return { file, layout: 'flat', services, diagnostics, stats: { ...sink.stats, diagnostics: diagnostics.length } };
}

function readServices(text: string, sink: DiagnosticSink): ServiceDoc[] {
  const lines = toLines(text);
  sink.count('lines', text === '' ? 0 : lines.length);
  const fileReport = new Reporter(sink);
  if (text.trim() === '') {
    fileReport.warn('empty-file', 'the file is empty', 1);
    return [];
  }

  const tracker = new HeadingTracker();
  const services: ServiceBuild[] = [];
  let service: ServiceBuild | undefined;
  let block: Block = { line: lines[0] as Line, lines: [] };

  const startService = (heading: Heading, line: Line): ServiceBuild => {
    const tag: ServiceTag = heading.kind === 'service' ? { title: heading.title } : {};
    const s: ServiceBuild = { tag, heading: line, report: new Reporter(sink, tag), operations: [], models: [] };
    services.push(s);
    return s;
  };

  /** `atEnd`: the block runs to the end of the file, where a cut file ends mid-block. */
  const close = (b: Block, atEnd = false): void => {
    const h = b.heading;
    if (!h) {
      readPreamble(b.lines, fileReport);
      return;
    }
    const report = service?.report ?? fileReport;
    switch (h.kind) {
      case 'service':
        if (service) service.overview = readOverview(b.lines, b.line, report);
        return;
      case 'operation':
        readOperationHeadingBody(h, b, service, report);
        return;
      case 'version': {
        const start: OperationStart = { name: h.operation, version: h.title, start: b.line, serviceId: service?.overview?.urlId };
        service?.operations.push(...readOperations(start, b.lines, report, atEnd));
        return;
      }
      case 'model':
        service?.models.push(readModel(h.title, b.line, b.lines, report.forOperation(h.title)));
        sink.count('models');
        return;
      default:
        for (const line of b.lines) if (line.t !== '') report.unknown(line, `the "${h.number} - ${h.title}" heading`);
    }
  };

  const controls = CONTROL.test(text);
  for (const line of lines) {
    if (controls && CONTROL.test(line.raw)) (service?.report ?? fileReport).warn('control-character', `line contains a control character: ${quote(line.raw)}`, line.no);
    const first = line.raw.charCodeAt(0);
    if (first >= 48 && first <= 57) {
      const verdict = tracker.consider(line.t);
      if (verdict?.accepted) {
        close(block);
        const h = verdict.heading;
        sink.count('headings');
        if (h.kind === 'service' || h.impliedService) service = startService(h, line);
        const report = service?.report ?? fileReport;
        checkHeading(h, line, report);
        block = { heading: h, line, lines: [] };
        continue;
      }
      if (verdict) (service?.report ?? fileReport).warn('heading-sequence', `${quote(line.t)} looks like a heading but is not one: ${verdict.reason}`, line.no);
    }
    block.lines.push(line);
  }
  close(block, true);

  if (services.length === 0) fileReport.error('missing-section', 'no service heading ("1 - <Service title>") found', 1);
  return services.map((s) => finishService(s, sink));
}

function checkHeading(h: Heading, line: Line, report: Reporter): void {
  if (h.gap !== undefined) {
    const what =
      h.kind === 'version' && h.operation === undefined
        ? '; the operation heading is missing, so this op-version has no name'
        : h.impliedService
          ? '; the service heading is missing'
          : '';
    report.warn('heading-sequence', `heading ${quote(line.t)} does not continue the numbering (${h.gap})${what}`, line.no);
  }
  if ((h.kind === 'apis' && h.title !== 'APIs') || (h.kind === 'models' && h.title !== 'Models')) {
    report.warn('heading-title', `section heading ${quote(line.t)}: read as ${h.kind === 'apis' ? 'APIs' : 'Models'} from its number`, line.no);
  } else if (h.kind === 'section') {
    report.warn('heading-title', `section heading ${quote(line.t)} is neither APIs nor Models; its content is not read`, line.no);
  }
}

function readPreamble(lines: readonly Line[], report: Reporter): void {
  // The first non-blank line is the section title (`Data Analytics`); nothing else belongs here.
  let titleSeen = false;
  for (const line of lines) {
    if (line.t === '') continue;
    if (!titleSeen) {
      titleSeen = true;
      continue;
    }
    report.unknown(line, 'the text before the first service heading');
  }
}

/** An operation heading has no text under it, unless the version heading below it is missing. */
function readOperationHeadingBody(h: Heading, b: Block, service: ServiceBuild | undefined, report: Reporter): void {
  const content = b.lines.filter((l) => l.t !== '');
  const first = content[0];
  if (!first) return;
  if (content.some((l) => parseMethodLine(l.t) !== undefined)) {
    report.warn('missing-heading', `operation ${h.title} has an op-version block without a version heading`, first.no);
    const start: OperationStart = { name: h.title, start: first, serviceId: service?.overview?.urlId };
    service?.operations.push(...readOperations(start, b.lines, report));
    return;
  }
  for (const line of content) report.unknown(line, `operation heading ${h.title}`);
}

/** One op-version block, or several when version headings inside it are missing. */
function readOperations(start: OperationStart, lines: readonly Line[], report: Reporter, atEnd = false): OperationDoc[] {
  const out: OperationDoc[] = [];
  let block = new OperationBlock(start, report);
  for (const line of lines) {
    if (block.feed(line) === 'next-operation') {
      const done = block.finish();
      if (done) out.push(done);
      report.forOperation(start.name).warn('missing-heading', `a second method line ${quote(line.t)}: its version heading is missing; read as a new op-version`, line.no);
      const next: OperationStart = { name: start.name, start: line, serviceId: start.serviceId };
      block = new OperationBlock(next, report);
      block.feed(line);
    }
  }
  const done = block.finish(atEnd);
  if (done) out.push(done);
  report.sink.count('operations', out.length);
  return out;
}

function finishService(s: ServiceBuild, sink: DiagnosticSink): ServiceDoc {
  const ov = s.overview;
  const opIds = new Map<string, number>();
  for (const op of s.operations) if (op.serviceId !== undefined) opIds.set(op.serviceId, (opIds.get(op.serviceId) ?? 0) + 1);
  const byCount = [...opIds.entries()].sort((a, b) => b[1] - a[1]);
  const fromOps = byCount[0]?.[0];
  const id = ov?.urlId ?? fromOps;
  if (ov?.urlId === undefined && byCount.length > 1) {
    s.report.warn('service-id-mismatch', `operations name several service ids (${byCount.map((e) => e[0]).join(', ')}); using ${fromOps}`, s.heading.no);
  }
  if (id === undefined) s.report.info('missing-service-id', 'no OpenAPI URL and no Scp-Api-Version header: the service id is unknown', s.heading.no);
  s.tag.id = id;
  sink.count('services');
  checkService(s);
  return serviceDoc({ id, title: s.tag.title, ...(ov ? { facts: ov } : {}), operations: s.operations, models: s.models, source: { file: sink.file, line: s.heading.no } });
}

/** Service-wide checks: models and operations defined twice. (Model references are checked service-wide by the merge.) */
function checkService(s: ServiceBuild): void {
  const defined = new Set<string>();
  for (const m of s.models) {
    if (defined.has(m.name)) s.report.forOperation(m.name).warn('duplicate-model', `model ${m.name} is defined twice`, m.source.line);
    defined.add(m.name);
  }
  const ops = new Set<string>();
  for (const op of s.operations) {
    if (op.name === undefined) continue;
    const key = `${op.name} ${op.version}`;
    if (ops.has(key)) s.report.forOperation(key).warn('duplicate-operation', `operation ${key} appears twice`, op.source.line);
    ops.add(key);
  }
}
