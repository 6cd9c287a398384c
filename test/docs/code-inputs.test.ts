import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCodeInputs, relativeImports } from '../../scripts/docs/code-inputs.ts';
import { ROOT } from './helpers.ts';

describe('docs code inputs', () => {
  it('lists the relative specifiers a module names', () => {
    const source = `import a from './a.ts';\nimport { b } from "../b.ts";\nimport 'node:fs';\nconst c = await import('./c.mjs');\nnew URL('./w.mjs', import.meta.url);\nimport x from 'yaml';\nimport again from './a.ts';`;
    expect(relativeImports(source)).toEqual(['./a.ts', '../b.ts', './c.mjs', './w.mjs']);
  });

  it('covers scripts/docs (code, template, assets) and the project modules it imports', async () => {
    const inputs = await readCodeInputs(path.join(ROOT, 'scripts/docs'));
    const rels = inputs.map((i) => i.rel);
    for (const f of ['build-site.ts', 'reference/page-html.ts', 'templates/redoc-view.hbs', 'assets/portal.js', '../versions.ts', '../../src/signing.ts', '../diff/diff-specs.ts']) expect(rels, f).toContain(f);
    expect(rels).toEqual([...rels].sort());
    expect(new Set(rels).size).toBe(rels.length);
    expect(rels.every((r) => !r.includes('node_modules'))).toBe(true);
  });
});
