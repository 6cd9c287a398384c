/**
 * Property test: the readers meet thousands of mutated copies of the real sources (truncation,
 * dropped / duplicated / swapped lines, glued cells, junk characters). They must never throw, always
 * return a doc model plus diagnostics, and never lose operations or models without saying so.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SourceDoc } from '../../scripts/model.ts';
import { readFlatText } from '../../scripts/readers/flat-text.ts';
import { readMarkdownText } from '../../scripts/readers/markdown-text.ts';

const sources = path.resolve(import.meta.dirname, '../../sources');
const text = (f: string): string => readFileSync(path.join(sources, f), 'utf8');

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'drop'; line: number; count: number }
  | { kind: 'duplicate'; line: number; count: number }
  | { kind: 'swap'; line: number }
  | { kind: 'glue'; line: number }
  | { kind: 'junk'; at: number; junk: string }
  | { kind: 'swapCells'; line: number };

const JUNK = ['|', ' | ', '\u0000', '{', '}', '[', ']', '"', '\t', '\u200b', '한', '(', ')', 'any of [', 'enum (', 'None', ' - ', '\n\n', 'Example : ', 'required\n'];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }).map((m) => ({ ...m, at: m.at })),
  fc.record({ kind: fc.constant('drop' as const), line: fc.nat(), count: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), line: fc.nat(), count: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('swap' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('glue' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('junk' as const), at: fc.nat(), junk: fc.oneof(fc.constantFrom(...JUNK), fc.string({ maxLength: 6 })) }),
  fc.record({ kind: fc.constant('swapCells' as const), line: fc.nat() }),
);

function apply(input: string, muts: readonly Mutation[]): string {
  let lines = input.split('\n');
  for (const m of muts) {
    const n = lines.length;
    if (n === 0) break;
    switch (m.kind) {
      case 'truncate': {
        const joined = lines.join('\n');
        lines = joined.slice(0, Math.floor(joined.length * (m.at as number))).split('\n');
        break;
      }
      case 'drop':
        lines.splice(m.line % n, m.count);
        break;
      case 'duplicate': {
        const i = m.line % n;
        lines.splice(i, 0, ...lines.slice(i, i + m.count));
        break;
      }
      case 'swap': {
        const i = m.line % Math.max(1, n - 1);
        const a = lines[i] ?? '';
        lines[i] = lines[i + 1] ?? '';
        lines[i + 1] = a;
        break;
      }
      case 'glue': {
        const i = m.line % Math.max(1, n - 1);
        lines.splice(i, 2, `${lines[i] ?? ''}${lines[i + 1] ?? ''}`);
        break;
      }
      case 'junk': {
        const i = m.at % n;
        const l = lines[i] ?? '';
        const at = m.at % (l.length + 1);
        lines[i] = l.slice(0, at) + m.junk + l.slice(at);
        break;
      }
      case 'swapCells': {
        const i = m.line % n;
        const cells = (lines[i] ?? '').split(' | ');
        if (cells.length > 2) {
          const [a, b, ...rest] = cells;
          lines[i] = [b, a, ...rest].join(' | ');
        }
        break;
      }
    }
  }
  return lines.join('\n');
}

const counts = (d: SourceDoc): { ops: number; models: number } => ({
  ops: d.services.reduce((s, x) => s + x.operations.length, 0),
  models: d.services.reduce((s, x) => s + x.models.length, 0),
});

function checkReader(name: string, file: string, read: (t: string, f: string) => SourceDoc, numRuns: number): void {
  it(`${name} on mutated ${file}: never throws, always a model plus diagnostics, no silent loss (${numRuns} runs)`, () => {
    const original = text(file);
    const base = counts(read(original, file));
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (muts) => {
        const mutated = apply(original, muts);
        const doc = read(mutated, file);
        expect(Array.isArray(doc.services)).toBe(true);
        expect(Array.isArray(doc.diagnostics)).toBe(true);
        for (const d of doc.diagnostics) {
          expect(d.source.file).toBe(file);
          expect(Number.isInteger(d.source.line)).toBe(true);
          expect(d.message.length).toBeGreaterThan(0);
        }
        const now = counts(doc);
        // Losing an operation or a model must be said out loud.
        if (now.ops < base.ops || now.models < base.models) expect(doc.diagnostics.length).toBeGreaterThan(0);
      }),
      { numRuns, seed: 20261123 },
    );
  }, 180_000);
}

describe('readers under mutation (fast-check)', () => {
  checkReader('readFlatText', '001_a654bf60b90d6dd0.txt', readFlatText, 1000);
  checkReader('readMarkdownText', '000_0a127fa9373169b5.txt', readMarkdownText, 700);
  checkReader('readMarkdownText', '003_c1a374b69b53f437.txt', readMarkdownText, 700);
  checkReader('readMarkdownText', '004_93f42c537ca2b419.txt', readMarkdownText, 700);
  checkReader('readMarkdownText', '002_934d1ebcd2abc109.txt', readMarkdownText, 500);
});
