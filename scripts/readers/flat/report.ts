/**
 * Lines and diagnostics for the flat-text reader: every construct the reader cannot place goes
 * through a `Reporter`, which knows the file, the service and the operation or model in scope.
 */
import { DiagnosticSink, type Scope } from '../diagnostic-sink.ts';

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

/** A sink bound to a service and (optionally) an operation or model. */
export class Reporter {
  /** Read when the diagnostics are taken: the service id may be learnt after the problem. */
  private readonly scope: () => Scope;

  constructor(
    readonly sink: DiagnosticSink,
    readonly service?: ServiceTag,
    readonly operation?: string,
  ) {
    this.scope = () => {
      const name = service?.id ?? service?.title;
      return { ...(operation !== undefined ? { operation } : {}), ...(name !== undefined ? { service: name } : {}) };
    };
  }

  forOperation(operation: string | undefined): Reporter {
    return new Reporter(this.sink, this.service, operation);
  }

  error(code: string, message: string, line: number): void {
    this.sink.report('error', code, message, line, this.scope);
  }

  warn(code: string, message: string, line: number): void {
    this.sink.report('warning', code, message, line, this.scope);
  }

  /** Allowed by the layout but never seen in the docs; usually a sign that lines ran together. */
  info(code: string, message: string, line: number): void {
    this.sink.report('info', code, message, line, this.scope);
  }

  unknown(line: Line, where: string): void {
    this.sink.unknownLine(line.no, line.t, where, this.scope);
  }
}
