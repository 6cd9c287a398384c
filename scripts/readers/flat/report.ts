/**
 * Lines and diagnostics for the flat-text reader: every construct the reader cannot place goes
 * through a `Reporter`, which knows the file, the service and the operation or model in scope.
 */
import type { Diagnostic, Severity } from '../../model.ts';

/** One input line: 1-based number, text without a trailing CR, and the trimmed text used for matching. */
export interface Line {
  readonly no: number;
  readonly raw: string;
  readonly t: string;
}

export function toLines(text: string): Line[] {
  const parts = text.split('\n');
  // A final newline does not start another line.
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  const lines: Line[] = new Array<Line>(parts.length);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    const raw = part.endsWith('\r') ? part.slice(0, -1) : part;
    lines[i] = { no: i + 1, raw, t: raw.trim() };
  }
  return lines;
}

/** Filled in when the service's id is known, so diagnostics raised earlier name it too. */
export interface ServiceTag {
  id?: string;
  title?: string;
}

interface DiagnosticRecord {
  severity: Severity;
  code: string;
  message: string;
  line: number;
  operation?: string;
  service?: ServiceTag;
  /** Runs of unrecognised lines are folded into one diagnostic. */
  run?: { where: string; first: string; last: number; count: number };
}

const UNKNOWN_RUN_GAP = 2;

/** The doc model's types are readonly; readers build them step by step (optional members only when present). */
export type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** Quote a line for a message: short, and without control characters. */
export function quote(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, '?');
  return JSON.stringify(clean.length > 60 ? `${clean.slice(0, 57)}...` : clean);
}

export class DiagnosticSink {
  private readonly records: DiagnosticRecord[] = [];
  readonly stats: Record<string, number> = {};

  constructor(readonly file: string) {}

  count(key: string, n = 1): void {
    this.stats[key] = (this.stats[key] ?? 0) + n;
  }

  add(severity: Severity, code: string, message: string, line: number, operation?: string, service?: ServiceTag): void {
    this.records.push({ severity, code, message, line, operation, service });
  }

  unknown(line: Line, where: string, operation?: string, service?: ServiceTag): void {
    this.count('unknownLines');
    const last = this.records[this.records.length - 1];
    if (
      last?.run &&
      last.run.where === where &&
      last.operation === operation &&
      last.service === service &&
      line.no - last.run.last <= UNKNOWN_RUN_GAP
    ) {
      last.run.last = line.no;
      last.run.count += 1;
      return;
    }
    this.records.push({
      severity: 'warning',
      code: 'unknown-line',
      message: '',
      line: line.no,
      operation,
      service,
      run: { where, first: line.t, last: line.no, count: 1 },
    });
  }

  diagnostics(): Diagnostic[] {
    return this.records.map((r) => {
      const message = r.run
        ? r.run.count === 1
          ? `unrecognised line in ${r.run.where}: ${quote(r.run.first)}`
          : `${r.run.count} unrecognised lines in ${r.run.where} (lines ${r.line}-${r.run.last}), first: ${quote(r.run.first)}`
        : r.message;
      const service = r.service?.id ?? r.service?.title;
      return {
        severity: r.severity,
        code: r.code,
        message,
        source: { file: this.file, line: r.line },
        ...(r.operation !== undefined ? { operation: r.operation } : {}),
        ...(service !== undefined ? { service } : {}),
      };
    });
  }
}

/** A sink bound to a service and (optionally) an operation or model. */
export class Reporter {
  constructor(
    readonly sink: DiagnosticSink,
    readonly service?: ServiceTag,
    readonly operation?: string,
  ) {}

  forOperation(operation: string | undefined): Reporter {
    return new Reporter(this.sink, this.service, operation);
  }

  error(code: string, message: string, line: number): void {
    this.sink.add('error', code, message, line, this.operation, this.service);
  }

  warn(code: string, message: string, line: number): void {
    this.sink.add('warning', code, message, line, this.operation, this.service);
  }

  /** Allowed by the layout but never seen in the docs; usually a sign that lines ran together. */
  info(code: string, message: string, line: number): void {
    this.sink.add('info', code, message, line, this.operation, this.service);
  }

  unknown(line: Line, where: string): void {
    this.sink.unknown(line, where, this.operation, this.service);
  }
}
