import { describe, expect, it } from 'vitest';
import type { ExampleCounts } from '../scripts/emit/example-report.ts';
import { formatExampleSummary, formatSpecTable, type SpecRow } from '../scripts/summary.ts';

const counts = (keys: string[], extra: Partial<ExampleCounts> = {}): ExampleCounts => ({
  findings: keys.length,
  findingKeys: keys,
  repaired: keys.length - 1,
  removed: 1,
  replacedValues: 2,
  droppedValues: 3,
  filledValues: 4,
  ...extra,
});
const row = (version: string, examples?: ExampleCounts): SpecRow => ({
  service: 'data-flow',
  version,
  operations: 17,
  parameters: 86,
  models: 21,
  properties: 202,
  inferredSchemas: [],
  invalidExamples: examples ? examples.findings : 0,
  invalidDefaults: 0,
  ...(examples ? { examples } : {}),
  warnings: 0,
});

describe('build summary: example findings and repairs', () => {
  it('counts a docs value found in several specs once among the distinct findings', () => {
    const text = formatExampleSummary([row('1.1', counts(['a', 'b', 'c'])), row('latest', counts(['a', 'b', 'c'])), row('1.0', counts(['a', 'd']))]);
    expect(text).toContain('fail their schema: 8 in the specs, 4 distinct.');
    expect(text).toContain('published repaired: 5 examples (values replaced from the field\'s own example/default/enum: 6, dropped: 9, required ones set to null or their smallest valid value: 12)');
    expect(text).toContain('left out: 3 (');
  });

  it('prints the repaired count per spec, and a dash for a row cached before examples were counted', () => {
    const table = formatSpecTable([row('1.1', counts(['a', 'b'])), row('1.0')]).split('\n');
    expect(table[0]).toMatch(/bad ex\.\s+fixed\s+bad def\./);
    expect(table[2]).toMatch(/^data-flow 1\.1\s+17\s+86\s+21\s+202\s+0\s+2\s+1\s+0\s+0$/);
    expect(table[3]).toMatch(/^data-flow 1\.0\s+17\s+86\s+21\s+202\s+0\s+0\s+-\s+0\s+0$/);
    expect(formatExampleSummary([row('1.0')])).toBeUndefined();
  });
});
