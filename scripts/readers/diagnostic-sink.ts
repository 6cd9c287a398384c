/**
 * The one place every reader reports to: diagnostics for one source file, with the operation or
 * model and the service they concern, plus counters for the build summary. A reader may learn the
 * scope only after the problem (a flat service's id comes from its OpenAPI URL further down; a
 * markdown op-version is named when its block ends), so a scope may be given as a function that is
 * read when the diagnostics are taken.
 */
import type { Diagnostic, Severity } from '../model.ts';

export interface Scope {
  readonly operation?: string;
  readonly service?: string;
}

/** A scope now, or one to be read when the diagnostics are taken. */
export type ScopeRef = Scope | (() => Scope);

interface Entry {
  readonly severity: Severity;
  readonly code: string;
  message: string;
  readonly line: number;
  readonly scope: ScopeRef | undefined;
  /** A run of unrecognised lines folded into one diagnostic. */
  run?: { readonly where: string; readonly first: string; last: number; count: number };
}

/** Lines apart that still continue a run of unrecognised lines. */
const UNKNOWN_RUN_GAP = 2;

/** Quote a line for a message: short, and without control characters. */
export function quote(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, '?');
  return JSON.stringify(clean.length > 60 ? `${clean.slice(0, 57)}...` : clean);
}

function read(scope: ScopeRef | undefined): Scope {
  return typeof scope === 'function' ? scope() : (scope ?? {});
}

function sameScope(a: ScopeRef | undefined, b: ScopeRef | undefined): boolean {
  const x = read(a);
  const y = read(b);
  return x.operation === y.operation && x.service === y.service;
}

export class DiagnosticSink {
  private readonly entries: Entry[] = [];
  readonly stats: Record<string, number> = {};

  constructor(readonly file: string) {}

  count(key: string, n = 1): void {
    this.stats[key] = (this.stats[key] ?? 0) + n;
  }

  report(severity: Severity, code: string, message: string, line: number, scope?: ScopeRef): void {
    this.entries.push({ severity, code, message, line, scope });
  }

  /** An unrecognised line; consecutive ones in the same place become one warning. */
  unknownLine(line: number, text: string, where: string, scope?: ScopeRef): void {
    this.count('unknownLines');
    const last = this.entries[this.entries.length - 1];
    if (last?.run && last.run.where === where && sameScope(last.scope, scope) && line - last.run.last <= UNKNOWN_RUN_GAP) {
      last.run.last = line;
      last.run.count += 1;
      return;
    }
    this.entries.push({ severity: 'warning', code: 'unknown-line', message: '', line, scope, run: { where, first: text, last: line, count: 1 } });
  }

  diagnostics(): Diagnostic[] {
    return this.entries.map((e) => {
      const scope = read(e.scope);
      const message = e.run
        ? e.run.count === 1
          ? `unrecognised line in ${e.run.where}: ${quote(e.run.first)}`
          : `${e.run.count} unrecognised lines in ${e.run.where} (lines ${e.line}-${e.run.last}), first: ${quote(e.run.first)}`
        : e.message;
      return {
        severity: e.severity,
        code: e.code,
        message,
        source: { file: this.file, line: e.line },
        ...(scope.operation !== undefined ? { operation: scope.operation } : {}),
        ...(scope.service !== undefined ? { service: scope.service } : {}),
      };
    });
  }
}
