/**
 * Per-document reading state: file name, offset→line mapping, diagnostics and counters.
 * Every sub-reader reports through it so that each diagnostic names file and line.
 */
import type { AnyNode } from 'domhandler';
import type { Diagnostic, Severity, SourceRef } from '../../model.ts';
import type { LineLocator } from './lines.ts';

export interface Scope {
  readonly operation?: string;
  readonly service?: string;
}

export class ReadContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly stats: Record<string, number> = {};

  constructor(
    readonly file: string,
    private readonly lineAt: LineLocator,
    /** Offset of the parsed fragment inside the whole text (parsing starts at the content container). */
    private readonly base: number,
  ) {}

  line(at: AnyNode | number | undefined): number {
    if (typeof at === 'number') return at;
    if (at === undefined || at.startIndex === null) return 1;
    return this.lineAt(this.base + at.startIndex);
  }

  ref(at: AnyNode | number | undefined): SourceRef {
    return { file: this.file, line: this.line(at) };
  }

  report(severity: Severity, code: string, message: string, at: AnyNode | number | undefined, scope: Scope = {}): void {
    const d: Diagnostic = {
      severity,
      code,
      message,
      source: this.ref(at),
      ...(scope.operation !== undefined ? { operation: scope.operation } : {}),
      ...(scope.service !== undefined ? { service: scope.service } : {}),
    };
    this.diagnostics.push(d);
  }

  count(key: string, n = 1): void {
    this.stats[key] = (this.stats[key] ?? 0) + n;
  }
}
