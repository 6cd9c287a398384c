import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseSpecText } from '../../scripts/docs/spec-files.ts';
import { parseSpecYaml, readSpecTexts } from '../../scripts/specs-dir.ts';
import { ROOT } from './helpers.ts';

describe('reading specs for the docs site', () => {
  it('parses every committed spec to the same document as the yaml package that wrote it', async () => {
    const texts = await readSpecTexts(path.join(ROOT, 'specs'));
    expect(texts.length).toBeGreaterThan(10);
    for (const t of texts) expect(parseSpecYaml(t.text), t.file).toEqual(parse(t.text));
  });

  it('keeps core-schema scalars as yaml reads them: dates and yes/no stay strings, numbers and booleans typed', () => {
    const text = 'a: 2026-02-11\nb: 2026-02-11T06:41:25.909Z\nc: yes\nd: 0x1F\ne: 1.0\nf: true\ng: null\nh: "007"\n';
    expect(parseSpecYaml(text)).toEqual(parse(text));
    expect(parseSpecYaml(text)).toEqual({ a: '2026-02-11', b: '2026-02-11T06:41:25.909Z', c: 'yes', d: 31, e: 1, f: true, g: null, h: '007' });
  });

  it('names the file when its YAML is invalid', async () => {
    const file = path.join(ROOT, 'specs', 'data-flow', '1.1.yaml');
    const text = `${await readFile(file, 'utf8')}\n  bad: [unclosed\n`;
    expect(() => parseSpecText({ service: 'data-flow', version: '1.1', file, text })).toThrow(/data-flow\/1\.1\.yaml: not valid YAML/);
  });
});
