/**
 * Fault tests: `runUpdate` against the local docs site (site-server.ts) serving damaged pages. Each
 * damage must fail the update with a message naming the page and what it lost, and leave sources/,
 * specs/ and generated/ byte-identical. The pages are served with a 200 and a consistent length:
 * nothing at the HTTP level shows the damage.
 */
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runBuild, type Stage } from '../../scripts/build.ts';
import { runUpdate, type UpdateResult } from '../../scripts/update/update.ts';
import { makeProject, OPERATION_PATH, PRINT_PATH, startSiteServer, treeHashes, type SiteServer } from './site-server.ts';

const STAGES: readonly Stage[] = ['specs', 'types'];
const NOW = (): Date => new Date('2026-11-23T09:30:00Z');
const PRINT_FILE = '000_data-analytics-print.html';
const OPERATION_FILE = '001_showdataflow-1.0.html';
const QUICK_QUERY_PAGE = readFileSync(new URL('../fixtures/html/quick-query-ListQuickQueryImages-1.1.html', import.meta.url), 'utf8');

let template: string;
let server: SiteServer;
const roots: string[] = [];

beforeAll(async () => {
  template = await makeProject('v1');
  roots.push(template);
  const build = await runBuild({ root: template, stages: STAGES });
  expect(build.ok).toBe(true);
  server = await startSiteServer();
}, 120_000);

afterAll(async () => {
  await server?.close();
  await Promise.all(roots.map((r) => rm(r, { recursive: true, force: true })));
});

afterEach(() => {
  delete server.options.transform;
});

async function project(): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'scp-damaged-'));
  roots.push(root);
  await cp(template, root, { recursive: true });
  return root;
}

async function liveTrees(root: string): Promise<Record<string, Record<string, string>>> {
  return { sources: await treeHashes(path.join(root, 'sources')), specs: await treeHashes(path.join(root, 'specs')), generated: await treeHashes(path.join(root, 'generated')) };
}

/** An update of a fresh project while the server damages pages with `transform`; the live tree must not move. */
async function damagedUpdate(transform: (urlPath: string, html: string) => string): Promise<UpdateResult> {
  const root = await project();
  const before = await liveTrees(root);
  server.options.transform = transform;
  const r = await runUpdate({ root, from: server.url, stages: STAGES, retryBaseMs: 1, progress: false, now: NOW });
  expect(r.ok).toBe(false);
  expect(await liveTrees(root)).toEqual(before);
  return r;
}

/** The Parameters heading and table of the ShowDataFlow block, gone. */
function withoutShowDataFlowParameters(html: string): string {
  const block = html.indexOf('<p>get /v1/data-flows/{data_flow_id}</p>');
  const start = html.indexOf('<h2 id="parameters">', block);
  const end = html.indexOf('<h2 id="responses">', block);
  return html.slice(0, start) + html.slice(end);
}

describe('runUpdate refuses damaged pages and leaves the tree as it was', () => {
  it('a print page cut cleanly at 97 %', async () => {
    const r = await damagedUpdate((p, html) => (p === PRINT_PATH ? html.slice(0, Math.floor(html.length * 0.97)) : html));
    expect(r.error).toMatch(new RegExp(`error ${PRINT_FILE}:\\d+ truncated-page: the page ends before its closing </html> tag`));
    expect(r.build?.failures.every((d) => d.source.file === PRINT_FILE)).toBe(true);
  });

  it('an operation that lost its Parameters table on both pages that carry it', async () => {
    const r = await damagedUpdate((p, html) => (p === PRINT_PATH || p === OPERATION_PATH ? withoutShowDataFlowParameters(html) : html));
    for (const file of [PRINT_FILE, OPERATION_FILE]) {
      expect(r.error).toMatch(new RegExp(`error ${file}:\\d+ \\[ShowDataFlow 1\\.0\\] missing-parameters: data-flow: the Parameters table is lost: its path has \\{data_flow_id\\} but it documents no path parameter`));
    }
  });

  it('a service that lost its whole Models section (the page is consistent: its TOC lost it too)', async () => {
    const r = await damagedUpdate((p, html) => {
      if (p !== PRINT_PATH) return html;
      const models = html.indexOf('<div class="td-content">\n<h1 id="pg-12">');
      return html.slice(0, models).replace('<li>1.2: <a href="#pg-12">Models</a></li>', '') + html.slice(html.indexOf('</main>'));
    });
    expect(r.error).toMatch(new RegExp(`error ${PRINT_FILE}:\\d+ missing-models: data-flow: the service section Data Flow has an overview but no Models, while its operations reference 4 models \\(AsyncResponse, DataFlowBodyCreate, DataFlowDetailResponse, ListDataFlowsResponse\\): the Models section is lost`));
  });

  it('the wrong page under a URL: the ShowDataFlow 1.0 URL serving a quick-query page', async () => {
    const r = await damagedUpdate((p, html) => (p === OPERATION_PATH ? QUICK_QUERY_PAGE : html));
    expect(r.error).toContain(`${OPERATION_PATH.replace(/\/$/, '')}`);
    expect(r.error).toMatch(new RegExp(`error ${OPERATION_FILE}:\\d+ origin-mismatch: quick-query: the page fetched from https://docs\\.e\\.samsungsdscloud\\.com${OPERATION_PATH} \\(service "data-flow"\\) holds service "quick-query": the wrong page is served under that URL`));
    expect(r.error).toMatch(/\(version 1\.0\) holds version 1\.1/);
  });
});
