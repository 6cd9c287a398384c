import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TITLE_PLACEHOLDER, finishRedocView } from '../../scripts/docs/redoc-page.ts';
import { BuildDocsPool } from '../../scripts/docs/redoc-views.ts';
import { BUILD_DOCS_CONFIG, runBuildDocs } from '../../scripts/docs/redocly-runner.ts';
import { FIXTURE_SPECS, ROOT } from './helpers.ts';

const TEMPLATE = path.join(ROOT, 'scripts/docs/templates/redoc-view.hbs');
const SPEC = path.join(FIXTURE_SPECS, 'data-flow', '1.1.yaml');
// Every character Handlebars escapes, so the title filled in afterwards must match its escaping.
const TITLE = `Data & "Flow" <API> it's \`1.1\` = ok`;

// Each render is one run of the published `redocly` bin (in a worker thread): five in all.
describe('BuildDocsPool (the published redocly build-docs, one run of the bin per page)', () => {
  let work: string;
  let pool: BuildDocsPool;
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'scp-redoc-pool-'));
    pool = new BuildDocsPool({ projectRoot: ROOT, scratchDir: work, concurrency: 2 });
  });
  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('renders byte-identical pages run after run, equal to the CLI given the title directly', async () => {
    const cliOut = path.join(work, 'cli.html');
    const config = path.join(work, 'direct.yaml');
    await writeFile(config, BUILD_DOCS_CONFIG);
    const [direct, first, second] = await Promise.all([
      runBuildDocs({ projectRoot: ROOT, spec: SPEC, output: cliOut, template: TEMPLATE, title: TITLE, config }).then(() => readFile(cliOut, 'utf8')),
      pool.render({ spec: SPEC, template: TEMPLATE, title: TITLE_PLACEHOLDER }),
      pool.render({ spec: SPEC, template: TEMPLATE, title: TITLE_PLACEHOLDER }),
    ]);
    expect(second).toBe(first);
    expect(first).toContain(`<title>${TITLE_PLACEHOLDER}</title>`);
    expect(first).toContain('List data flows'); // server-rendered content, not an empty shell
    const opts = { bundleHref: '../assets/redoc.standalone.js', versionBar: '<nav class="scp-bar"></nav>', head: '' };
    expect(finishRedocView(first, { ...opts, title: TITLE }).html).toBe(finishRedocView(direct, opts).html);
  }, 120_000);

  it('rejects a spec build-docs cannot render, naming it, keeps working, and leaves no scratch files', async () => {
    const bad = path.join(work, 'not-openapi.yaml');
    await writeFile(bad, 'hello: world\n');
    await expect(pool.render({ spec: bad, template: TEMPLATE, title: 't' })).rejects.toThrow(/build-docs failed for .*not-openapi\.yaml/);
    await expect(pool.render({ spec: SPEC, template: TEMPLATE, title: 't' })).resolves.toContain('List data flows');
    expect((await readdir(work)).filter((f) => f.endsWith('.html') && f !== 'cli.html')).toEqual([]);
  }, 120_000);
});
