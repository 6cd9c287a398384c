/**
 * The removal check wired into `update` (its default `removalCheck`), through `runUpdate` against the
 * local docs site: an operation that vanished from a page is committed as a removal, and reported as
 * breaking, only when the page itself confirms it (its table of contents no longer lists it and its
 * API Version History says [Removed]). Otherwise the update is refused, names the page, and leaves
 * the tree byte-identical. (Within the floor gate's margin, on a larger site, the same refusal comes
 * from the removal check after the build: test/roundtrip/update-roundtrip.test.ts.)
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { runBuild, type Stage } from '../../scripts/build.ts';
import { formatUpdateResult } from '../../scripts/update/print.ts';
import { runUpdate, type UpdateOptions, type UpdateResult } from '../../scripts/update/update.ts';
import { liveTrees, Projects } from './helpers/projects.ts';
import { makeProject, PRINT_PATH, startSiteServer, type SiteServer } from './site-server.ts';

const STAGES: readonly Stage[] = ['specs'];
const NOW = (): Date => new Date('2026-12-07T09:00:00Z');
const PRINT_FILE = '000_data-analytics-print.html';
const TOC_LINE = '<li>1.1.2: <a href="#pg-112">ListDataFlows</a></li>\n';
const REMOVED = '<li>[Removed] GET /v1/data-flows - ListDataFlows API has been removed.</li>';

const projects = new Projects('scp-removal-');
let template: string;
let server: SiteServer;

beforeAll(async () => {
  template = projects.track(await makeProject('v1'));
  expect((await runBuild({ root: template, stages: STAGES })).ok).toBe(true);
  server = await startSiteServer();
}, 120_000);

afterAll(async () => {
  await server?.close();
  await projects.disposeAll();
});

afterEach(() => {
  delete server.options.transform;
});

/**
 * The print page without ListDataFlows: its sections gone, its TOC line gone unless `keepToc`, and
 * an API Version History holding `lines` after the service's environment table.
 */
function withoutListDataFlows(lines: readonly string[], keepToc = false) {
  return (urlPath: string, html: string): string => {
    if (urlPath !== PRINT_PATH) return html;
    const start = html.indexOf('<div class="td-content">\n<h1 id="pg-112">');
    const end = html.indexOf('<div class="td-content">\n<h1 id="pg-113">');
    let out = html.slice(0, start) + html.slice(end);
    if (!keepToc) out = out.replace(TOC_LINE, '');
    if (lines.length === 0) return out;
    const history = `<h2 id="api-version-history">API Version History</h2>\n<h3 id="10">1.0</h3>\n<ul>\n${lines.join('\n')}\n</ul>\n`;
    const envEnd = out.indexOf('</table>\n</div>', out.indexOf('<h2 id="environment-and-region-list">')) + '</table>\n'.length;
    return out.slice(0, envEnd) + history + out.slice(envEnd);
  };
}

function update(root: string, extra: Partial<UpdateOptions> = {}): Promise<UpdateResult> {
  return runUpdate({ root, from: server.url, stages: STAGES, retryBaseMs: 1, progress: false, now: NOW, ...extra });
}

async function operationsOf(root: string): Promise<string[]> {
  const doc = parseYaml(await readFile(path.join(root, 'specs', 'data-flow', '1.0.yaml'), 'utf8')) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`)).sort();
}

/** An update the site serves damaged or unconfirmed: refused, the tree as it was. */
async function refused(transform: (urlPath: string, html: string) => string): Promise<UpdateResult> {
  const root = await projects.copyOf(template);
  const before = await liveTrees(root);
  server.options.transform = transform;
  const r = await update(root);
  expect(r.ok).toBe(false);
  expect(await liveTrees(root)).toEqual(before);
  await expect(readFile(path.join(root, 'CHANGES.md'))).rejects.toThrow();
  return r;
}

describe('update and removed operations', () => {
  it('commits a removal the page confirms (TOC without it, [Removed] in its version history) and reports it as breaking', async () => {
    const root = await projects.copyOf(template);
    expect(await operationsOf(root)).toContain('GET /v1/data-flows');
    server.options.transform = withoutListDataFlows([REMOVED]);
    const r = await update(root);
    expect(r.error).toBeUndefined();
    expect(r.ok).toBe(true);
    expect(await operationsOf(root)).toEqual(['GET /v1/data-flows/{data_flow_id}', 'POST /v1/data-flows']);

    // The floor gate did not count it, and the removal check names the line that confirms it.
    expect(r.floor?.confirmedOperations.map((o) => o.name)).toEqual(['ListDataFlows']);
    expect(r.removals?.map((d) => [d.severity, d.code, d.source.file, d.operation])).toEqual([['info', 'confirmed-removal', PRINT_FILE, 'listDataFlows 1.0']]);
    const served = withoutListDataFlows([REMOVED])(PRINT_PATH, await readFile(path.join(template, 'sources', PRINT_FILE), 'utf8'));
    expect(r.removals?.[0]?.source.line).toBe(served.slice(0, served.indexOf(REMOVED)).split('\n').length);
    expect(formatUpdateResult(r)).toMatch(/removals: 1 confirmed by the pages, 0 not\ninfo 000_data-analytics-print\.html:\d+ \[listDataFlows 1\.0\] confirmed-removal: data-flow listDataFlows 1\.0 \(GET \/v1\/data-flows\): removed according to/);

    const changes = await readFile(path.join(root, 'CHANGES.md'), 'utf8');
    expect(changes).toContain('### data-flow 1.0\n\n- **BREAKING** `GET /v1/data-flows` (listDataFlows): operation removed');
    expect(r.report?.totals.breaking).toBeGreaterThanOrEqual(1);
  });

  it('refuses an operation that vanished without a [Removed] line, naming the page', async () => {
    const r = await refused(withoutListDataFlows(['<li>[Changed] POST /v1/data-flows - CreateDataFlow API has been changed.</li>']));
    expect(r.error).toMatch(/vanished: data-flow 1\.0 GET \/v1\/data-flows \(ListDataFlows\): removal not confirmed: the API Version History of data-flow at 000_data-analytics-print\.html:\d+ has no \[Removed\] line for it/);
    expect(r.floor?.confirmedOperations).toEqual([]);
  });

  it('refuses one that vanished from a page with no version history, naming the pages that carry the service', async () => {
    const r = await refused(withoutListDataFlows([]));
    expect(r.error).toContain('(ListDataFlows): removal not confirmed: the pages carrying it (000_data-analytics-print.html, 001_showdataflow-1.0.html): data-flow has no API Version History to confirm the removal');
  });

  it('refuses one the changelog removes but the table of contents still lists (the page lost its section)', async () => {
    const r = await refused(withoutListDataFlows([REMOVED], true));
    expect(r.error).toMatch(/\(ListDataFlows\): removal not confirmed: the table of contents at 000_data-analytics-print\.html:\d+ still lists it, but the page has no such operation: the page is damaged/);
  });

  it('--allow-shrink commits an unconfirmed removal and says so as a warning', async () => {
    const root = await projects.copyOf(template);
    server.options.transform = withoutListDataFlows([]);
    const r = await update(root, { allowShrink: true });
    expect(r.error).toBeUndefined();
    expect(await operationsOf(root)).not.toContain('GET /v1/data-flows');
    expect(r.removals?.map((d) => [d.severity, d.code])).toEqual([['warning', 'unconfirmed-removal']]);
  });
});
