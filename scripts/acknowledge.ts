/**
 * Reviewed diagnostics (sources/manifest.json `acknowledged`): each matching diagnostic keeps its
 * severity and is still printed, with the reason, but fails no build. An acknowledgement that matches
 * nothing is reported (info), so one that no longer applies is noticed. Pure.
 */
import type { Acknowledgement } from './manifest.ts';
import type { Diagnostic } from './model.ts';

function matches(a: Acknowledgement, d: Diagnostic): boolean {
  return (
    a.code === d.code &&
    (a.file === undefined || a.file === d.source.file) &&
    (a.service === undefined || a.service === d.service) &&
    (a.operation === undefined || a.operation === d.operation)
  );
}

/** The diagnostics with `acknowledged` set where an acknowledgement matches, plus a note for each unused one. */
export function applyAcknowledgements(diagnostics: readonly Diagnostic[], acknowledged: readonly Acknowledgement[]): Diagnostic[] {
  const used = new Set<Acknowledgement>();
  const out = diagnostics.map((d) => {
    const a = acknowledged.find((x) => matches(x, d));
    if (!a) return d;
    used.add(a);
    return { ...d, acknowledged: a.reason };
  });
  for (const a of acknowledged) {
    if (used.has(a)) continue;
    const what = [a.code, a.file, a.service, a.operation].filter((x) => x !== undefined).join(' ');
    out.push({ severity: 'info', code: 'unused-acknowledgement', message: `sources/manifest.json acknowledges ${what}, which this build did not report`, source: { file: 'manifest.json', line: 1 } });
  }
  return out;
}

/** The diagnostics that fail a build: unacknowledged errors always, unacknowledged warnings too in strict mode. */
export function failingDiagnostics(diagnostics: readonly Diagnostic[], strict: boolean): Diagnostic[] {
  return diagnostics.filter((d) => d.acknowledged === undefined && (d.severity === 'error' || (strict && d.severity === 'warning')));
}
