/**
 * Diagnostics of the search-index reader. Every message names the page (its `ref`), and the line is
 * the line of the source file that holds the page's entry (`update` writes one page per line), so a
 * maintainer can jump from `file:line` to the page and from the ref to the live site.
 */
import type { Severity } from '../../model.ts';
import { type DiagnosticSink, quote as quoteLine } from '../diagnostic-sink.ts';

/** A sink bound to one page (and, once known, the operation or model it documents). */
export class PageReport {
  constructor(
    readonly sink: DiagnosticSink,
    readonly ref: string,
    readonly line: number,
    readonly service?: string,
    readonly operation?: string,
  ) {}

  forOperation(operation: string): PageReport {
    return new PageReport(this.sink, this.ref, this.line, this.service, operation);
  }

  private add(severity: Severity, code: string, message: string): void {
    this.sink.report(severity, code, `page ${this.ref}: ${message}`, this.line, {
      ...(this.operation !== undefined ? { operation: this.operation } : {}),
      ...(this.service !== undefined ? { service: this.service } : {}),
    });
  }

  error(code: string, message: string): void {
    this.add('error', code, message);
  }

  warn(code: string, message: string): void {
    this.add('warning', code, message);
  }

  info(code: string, message: string): void {
    this.add('info', code, message);
  }

  /** Text the reader could not place: counted, and reported with a short quote. */
  unplaced(where: string, text: string, severity: Severity = 'warning'): void {
    this.sink.count('unplacedText');
    this.add(severity, 'unplaced-text', `text in ${where} not understood: ${quote(text)}`);
  }
}

/** The sink's short quote, of body text on one line (a body's newlines are cell and paragraph breaks, not content). */
export function quote(text: string): string {
  return quoteLine(text.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim());
}
