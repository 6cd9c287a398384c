import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageRenderers, locateBuildDocs } from '../../scripts/docs/redoc-renderer.ts';
import { redoclyVersion, runBuildDocs } from '../../scripts/docs/redocly-runner.ts';
import { TITLE_PLACEHOLDER, finishReferencePage } from '../../scripts/docs/reference-page.ts';
import { FIXTURE_SPECS, ROOT } from './helpers.ts';

const TEMPLATE = path.join(ROOT, 'scripts/docs/templates/reference.hbs');
const SPEC = path.join(FIXTURE_SPECS, 'data-flow', '1.1.yaml');
// Every character Handlebars escapes, so the title filled in afterwards must match its escaping.
const TITLE = `Data & "Flow" <API> it's \`1.1\` = ok`;

describe('locateBuildDocs', () => {
  it('finds the build-docs handler and config loader of the installed CLI', () => {
    const entry = locateBuildDocs(ROOT);
    expect(entry.cliVersion).toBe(redoclyVersion(ROOT));
    for (const url of [entry.handlerUrl, entry.configUrl]) expect(existsSync(fileURLToPath(url)), url).toBe(true);
    expect(entry.configExport).toMatch(/^[\w$]+$/);
  });

  it('fails loudly on a CLI whose entry no longer has that shape', async () => {
    const fake = await mkdtemp(path.join(tmpdir(), 'scp-fake-cli-'));
    try {
      const lib = path.join(fake, 'node_modules/@redocly/cli/lib');
      await mkdir(lib, { recursive: true });
      await writeFile(path.join(fake, 'node_modules/@redocly/cli/package.json'), '{"version":"9.9.9"}');
      await writeFile(path.join(lib, 'index.js'), 'console.log("no handlers here")');
      expect(() => locateBuildDocs(fake)).toThrow(/@redocly\/cli 9\.9\.9: cannot find the build-docs handler/);
    } finally {
      await rm(fake, { recursive: true, force: true });
    }
  });
});

// One real `redocly build-docs` process (the reference) and one worker pool.
describe('PageRenderers', () => {
  let work: string;
  let renderers: PageRenderers;
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'scp-renderers-'));
    renderers = new PageRenderers({ projectRoot: ROOT, scratchDir: work, threads: 2 });
  });
  afterAll(async () => {
    await renderers?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('renders the page `redocly build-docs` writes, byte for byte (title filled in afterwards)', async () => {
    const cliOut = path.join(work, 'cli.html');
    const [fromCli, fromWorker] = await Promise.all([
      runBuildDocs({ projectRoot: ROOT, spec: SPEC, output: cliOut, template: TEMPLATE, title: TITLE }).then(() => readFile(cliOut, 'utf8')),
      renderers.render({ spec: SPEC, template: TEMPLATE, title: TITLE_PLACEHOLDER }),
    ]);
    expect(fromWorker).toContain(`<title>${TITLE_PLACEHOLDER}</title>`);
    expect(fromWorker).toContain('List data flows'); // server-rendered operation, not an empty shell
    const opts = { bundleHref: '../assets/redoc.standalone.js', versionBar: '<nav class="scp-bar"></nav>' };
    expect(finishReferencePage(fromWorker, { ...opts, title: TITLE }).html).toBe(finishReferencePage(fromCli, opts).html);
  }, 120_000);

  it('renders several pages at once and leaves no scratch files', async () => {
    const specs = ['1.0', '1.1', 'latest'].map((v) => path.join(FIXTURE_SPECS, 'data-flow', `${v}.yaml`));
    const pages = await Promise.all(specs.map((spec) => renderers.render({ spec, template: TEMPLATE, title: 't' })));
    expect(pages.map((p) => /"version":"([^"]+)"/.exec(p)?.[1])).toEqual(['1.0', '1.1', 'latest']);
    expect((await readdir(work)).filter((f) => f.endsWith('.html') && f !== 'cli.html')).toEqual([]);
  }, 120_000);

  it('rejects a spec build-docs cannot render, naming it, and keeps working', async () => {
    const bad = path.join(work, 'not-openapi.yaml');
    await writeFile(bad, 'hello: world\n');
    await expect(renderers.render({ spec: bad, template: TEMPLATE, title: 't' })).rejects.toThrow(/build-docs failed for .*not-openapi\.yaml/);
    await expect(renderers.render({ spec: SPEC, template: TEMPLATE, title: 't' })).resolves.toContain('List data flows');
  }, 120_000);
});
