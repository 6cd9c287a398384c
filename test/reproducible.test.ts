/**
 * Reproducibility: the committed specs/ and generated/ equal what the generators emit now (so nobody
 * edits a generated file by hand, and a build on another machine gives the committed bytes).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { emitAllSpecs, readSnapshot } from '../scripts/stages/specs.ts';
import { generateTypes } from '../scripts/typegen.ts';

const root = path.resolve(import.meta.dirname, '..');

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(root, path.join(d.parentPath, d.name)))
    .sort();
}

describe('reproducible build', () => {
  it('the committed specs/ equal what the emitter makes of sources/', async () => {
    const specs = emitAllSpecs((await readSnapshot(root)).model);
    expect(specs.map((s) => s.file).sort()).toEqual(listFiles(path.join(root, 'specs')));
    for (const s of specs) expect(readFileSync(path.join(root, s.file), 'utf8'), s.file).toBe(s.text);
  });

  it('generated/ equals what the type generator emits from the specs', async () => {
    const specs = emitAllSpecs((await readSnapshot(root)).model);
    const outDir = path.join(root, 'generated');
    const { files } = await generateTypes(
      specs.map((s) => ({ service: s.service, version: s.version, doc: s.doc })),
      outDir,
    );
    expect(files.map((f) => path.relative(root, path.resolve(outDir, f.path))).sort()).toEqual(listFiles(outDir));
    for (const f of files) expect(readFileSync(path.resolve(outDir, f.path), 'utf8'), f.path).toBe(f.content);
  });
});
