/** Reviewed diagnostics: which ones an acknowledgement matches, and what fails a build. */
import { describe, expect, it } from 'vitest';
import { applyAcknowledgements, failingDiagnostics } from '../scripts/acknowledge.ts';
import { parseManifest } from '../scripts/manifest.ts';
import type { Diagnostic } from '../scripts/model.ts';

const d = (code: string, severity: Diagnostic['severity'], over: Partial<Diagnostic> = {}): Diagnostic => ({ severity, code, message: code, source: { file: 'a.txt', line: 3 }, ...over });
const placeholder = d('unresolved-placeholder', 'warning', { service: 'data-ops', operation: 'ListDataOps 1.0' });
const other = d('unresolved-placeholder', 'warning', { service: 'data-ops', operation: 'ShowDataOps 1.0' });
const broken = d('bad-schema', 'error');

describe('applyAcknowledgements', () => {
  it('marks the matching diagnostics with the reason; the rest stay as they were', () => {
    const out = applyAcknowledgements([placeholder, other, broken], [{ code: 'unresolved-placeholder', operation: 'ListDataOps 1.0', reason: 'the docs print the key' }]);
    expect(out).toEqual([{ ...placeholder, acknowledged: 'the docs print the key' }, other, broken]);
    expect(failingDiagnostics(out, false)).toEqual([broken]);
    expect(failingDiagnostics(out, true)).toEqual([other, broken]);
  });

  it('matches on every field given (file, service, operation) and on the code alone otherwise', () => {
    const ack = (over: object) => applyAcknowledgements([placeholder], [{ code: 'unresolved-placeholder', reason: 'r', ...over }])[0]?.acknowledged;
    expect(ack({})).toBe('r');
    expect(ack({ file: 'a.txt', service: 'data-ops' })).toBe('r');
    expect(ack({ file: 'b.txt' })).toBeUndefined();
    expect(ack({ service: 'data-flow' })).toBeUndefined();
  });

  it('an acknowledgement that matches nothing is reported, so a stale one is noticed', () => {
    const out = applyAcknowledgements([broken], [{ code: 'missing-models', service: 'aimlops-platform', reason: 'r' }]);
    expect(out.map((x) => [x.severity, x.code, x.message])).toEqual([
      ['error', 'bad-schema', 'bad-schema'],
      ['info', 'unused-acknowledgement', 'sources/manifest.json acknowledges missing-models aimlops-platform, which this build did not report'],
    ]);
  });

  it('the manifest requires a reason for every acknowledgement', () => {
    const manifest = (acknowledged: unknown) => JSON.stringify({ files: [], acknowledged });
    expect(parseManifest(manifest([{ code: 'x', reason: 'why' }]), 'm.json').acknowledged).toEqual([{ code: 'x', reason: 'why' }]);
    expect(() => parseManifest(manifest([{ code: 'x' }]), 'm.json')).toThrow('m.json: acknowledged[0] (x): missing "reason" (say why this is not damage)');
    expect(() => parseManifest(manifest({}), 'm.json')).toThrow('"acknowledged" must be an array');
  });
});
