import { describe, expect, it } from 'vitest';
import type { OperationDoc, SourceDoc } from '../../scripts/model.ts';
import { checkFloor, describeShrink, inventoryOf } from '../../scripts/update/floor.ts';

/** A source doc holding `service` with operations `name version method path`. */
function doc(service: string, ops: readonly string[]): SourceDoc {
  const operations = ops.map((o) => {
    const [name, version, method, path] = o.split(' ') as [string, string, OperationDoc['method'], string];
    return { name, version, method, path, serviceId: service } as unknown as OperationDoc;
  });
  return { file: `${service}.json`, layout: 'html', services: [{ id: service, operations, models: [], source: { file: `${service}.json`, line: 1 } }], diagnostics: [] };
}

/** n operations of one service, each at two versions. */
function many(service: string, n: number): SourceDoc {
  return doc(service, Array.from({ length: n }, (_, i) => [`Op${i} 1.0 get /v1/x${i}`, `Op${i} 1.1 get /v1/x${i}`]).flat());
}

describe('floor gate', () => {
  const before = inventoryOf([many('alpha', 50), many('beta', 25), doc('gamma', ['Ping 1.0 get /v1/ping'])]);

  it('passes when nothing vanished, even if much was added', () => {
    const after = inventoryOf([many('alpha', 60), many('beta', 25), doc('gamma', ['Ping 1.0 get /v1/ping']), many('delta', 9)]);
    expect(checkFloor(before, after, false)).toMatchObject({ ok: true, lostServices: [], lostOperations: [], lines: [] });
  });

  it('tolerates a loss within 2% of the operation-versions (3 of 151 here) and names it', () => {
    const after = inventoryOf([many('alpha', 50), doc('beta', Array.from({ length: 25 }, (_, i) => `Op${i} 1.1 get /v1/x${i}`).concat(['Op0 1.0 get /v1/x0'])), doc('gamma', ['Ping 1.0 get /v1/ping'])]);
    const r = checkFloor(before, after, false);
    expect(r.margin).toEqual({ services: 0, operations: 3 });
    expect(r.lostOperations).toHaveLength(24);
    expect(r.ok).toBe(false);
    const slight = inventoryOf([many('alpha', 50), doc('beta', Array.from({ length: 25 }, (_, i) => [`Op${i} 1.1 get /v1/x${i}`, ...(i < 22 ? [`Op${i} 1.0 get /v1/x${i}`] : [])]).flat()), doc('gamma', ['Ping 1.0 get /v1/ping'])]);
    const ok = checkFloor(before, slight, false);
    expect(ok.ok).toBe(true);
    expect(ok.lines).toEqual(['beta 1.0 GET /v1/x22 (Op22)', 'beta 1.0 GET /v1/x23 (Op23)', 'beta 1.0 GET /v1/x24 (Op24)']);
  });

  it('refuses a vanished service, naming it and its operations, unless the shrink is allowed', () => {
    const after = inventoryOf([many('alpha', 50), many('beta', 25)]);
    const r = checkFloor(before, after, false);
    expect(r).toMatchObject({ ok: false, lostServices: ['gamma'] });
    expect(r.lines).toEqual(['service gamma', 'gamma 1.0 GET /v1/ping (Ping)']);
    const text = describeShrink(r, before);
    expect(text).toContain('1 of 3 services and 1 of 151 operation-versions vanished (allowed without --allow-shrink: 0 and 3)');
    expect(text).toContain('  vanished: service gamma\n  vanished: gamma 1.0 GET /v1/ping (Ping)');
    expect(checkFloor(before, after, true).ok).toBe(true);
  });

  it('counts only the services in scope', () => {
    const scoped = (s: string): boolean => s !== 'gamma';
    expect(checkFloor(inventoryOf([many('alpha', 50), doc('gamma', ['Ping 1.0 get /v1/ping'])], scoped), inventoryOf([many('alpha', 50)], scoped), false).ok).toBe(true);
  });

  it('orders versions numerically (1.10 after 1.9)', () => {
    const b = inventoryOf([doc('alpha', ['A 1.10 get /a', 'A 1.9 get /a', 'A 1.2 get /a'])]);
    expect(checkFloor(b, inventoryOf([]), false).lines).toEqual(['service alpha', 'alpha 1.2 GET /a (A)', 'alpha 1.9 GET /a (A)', 'alpha 1.10 GET /a (A)']);
  });

  it('does not count removals the pages confirm, and says what the pages say about each vanished one', () => {
    const after = inventoryOf([many('alpha', 50), doc('beta', Array.from({ length: 25 }, (_, i) => `Op${i} 1.1 get /v1/x${i}`)), doc('gamma', ['Ping 1.0 get /v1/ping'])]);
    const explain = (op: { name?: string }) => (op.name === 'Op24' ? { confirmed: false, why: 'beta.html:3 has no [Removed] line for it' } : { confirmed: true, why: 'removed according to beta.html:9' });
    const r = checkFloor(before, after, false, explain);
    expect(r.lostOperations).toHaveLength(25);
    expect(r.confirmedOperations).toHaveLength(24);
    expect(r.ok).toBe(true); // 1 unconfirmed, within the margin of 3
    expect(r.lines[0]).toBe('beta 1.0 GET /v1/x0 (Op0): removal confirmed: removed according to beta.html:9');
    expect(r.lines).toContain('beta 1.0 GET /v1/x24 (Op24): removal not confirmed: beta.html:3 has no [Removed] line for it');
    const none = checkFloor(before, after, false, () => ({ confirmed: false, why: 'no' }));
    expect(none.ok).toBe(false);
    expect(describeShrink(none, before)).toContain('25 of 151 operation-versions vanished');
    expect(describeShrink(r, before)).toContain('1 of 151 operation-versions vanished (allowed without --allow-shrink: 0 and 3), besides 24 whose removal the pages confirm');
  });
});
