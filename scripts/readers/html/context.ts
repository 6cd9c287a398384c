/**
 * Per-document reading state: the file's diagnostic sink and the offset→line mapping of the parsed
 * fragment. Every sub-reader reports through it so that each diagnostic names file and line.
 */
import type { AnyNode } from 'domhandler';
import type { Severity, SourceRef } from '../../model.ts';
import type { DiagnosticSink, Scope } from '../diagnostic-sink.ts';
import type { LineLocator } from './lines.ts';

export class ReadContext {
  constructor(
    readonly sink: DiagnosticSink,
    private readonly lineAt: LineLocator,
    /** Offset of the parsed fragment inside the whole text (parsing starts at the content container). */
    private readonly base: number,
  ) {}

  get file(): string {
    return this.sink.file;
  }

  line(at: AnyNode | number | undefined): number {
    if (typeof at === 'number') return at;
    if (at === undefined || at.startIndex === null) return 1;
    return this.lineAt(this.base + at.startIndex);
  }

  ref(at: AnyNode | number | undefined): SourceRef {
    return { file: this.file, line: this.line(at) };
  }

  report(severity: Severity, code: string, message: string, at: AnyNode | number | undefined, scope: Scope = {}): void {
    this.sink.report(severity, code, message, this.line(at), scope);
  }

  count(key: string, n = 1): void {
    this.sink.count(key, n);
  }
}
