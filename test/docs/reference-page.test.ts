/**
 * The static reference page: every operation readable from the HTML alone (no script runs here),
 * with the Scp-Api-Version value, status, support date, source link, parameters, body fields and
 * samples — for specs of today's shape (version only in `x-scp-api-version`) and of the shape the
 * emitter moves to (a required `Scp-Api-Version` header parameter with one allowed value,
 * externalDocs, one server per environment).
 */
import * as cheerio from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import { operationDetails, pinnedValue } from '../../scripts/docs/operation-detail.ts';
import { type PortalModel, type PortalService, buildPortalModel } from '../../scripts/docs/portal-model.ts';
import { renderReferencePage } from '../../scripts/docs/reference/page-html.ts';
import { modelAnchor } from '../../scripts/docs/reference/schema-html.ts';
import { type SpecFile, readSpecsDir } from '../../scripts/docs/spec-files.ts';
import { renderVersionBar } from '../../scripts/docs/version-bar.ts';
import { FIXTURE_SPECS, loadManifest } from './helpers.ts';

type Doc = { paths: Record<string, Record<string, Record<string, unknown>>>; [k: string]: unknown };

/** Today's spec moved to the emitter's next shape: the version header as a pinned parameter, externalDocs, per-environment servers. */
function nextShape(doc: Doc, pin: 'enum' | 'const'): Doc {
  const copy = structuredClone(doc);
  for (const item of Object.values(copy.paths)) {
    for (const op of Object.values(item)) {
      const value = String(op['x-scp-api-version']);
      const schema = pin === 'enum' ? { type: 'string', enum: [value] } : { type: 'string', const: value };
      op.parameters = [{ name: 'Scp-Api-Version', in: 'header', required: true, schema }, ...((op.parameters as unknown[]) ?? [])];
      op.externalDocs = { url: `https://docs.example/apireference/data-flow/apis/${String(op.operationId).toLowerCase()}/1.1/`, description: 'SCP docs' };
      delete op['x-scp-api-version'];
    }
  }
  copy.servers = [
    { url: 'https://data-flow.{region}.{environment}.samsungsdscloud.com', variables: { environment: { enum: ['g'], default: 'g' }, region: { enum: ['kr-south1'], default: 'kr-south1' } }, 'x-scp-environments': [{ environment: 'g', region: 'kr-south1' }] },
  ];
  return copy;
}

let specs: SpecFile[];
let model: PortalModel;
let dataFlow: PortalService;
beforeAll(async () => {
  specs = await readSpecsDir(FIXTURE_SPECS);
  model = buildPortalModel(specs, loadManifest());
  const s = model.categories.flatMap((c) => c.services).find((x) => x.id === 'data-flow');
  if (!s) throw new Error('fixture has no data-flow');
  dataFlow = s;
});

function page(doc: unknown, version = '1.1'): cheerio.CheerioAPI {
  return cheerio.load(
    renderReferencePage({ doc, service: dataFlow, version, title: 't', versionBar: renderVersionBar(dataFlow, version), css: '.x{}', faviconHref: 'f.svg', scriptHrefs: ['b.js', 'r.js'] }),
  );
}

function specDoc(version: string): Doc {
  const s = specs.find((x) => x.service === 'data-flow' && x.version === version);
  if (!s) throw new Error(`fixture has no data-flow ${version}`);
  return s.doc as Doc;
}

describe('operation details', () => {
  it('reads the version header from x-scp-api-version, or from the pinned header parameter (enum or const)', () => {
    const today = operationDetails(specDoc('1.1'));
    expect(today.length).toBeGreaterThan(0);
    for (const op of today) expect(op.versionHeader).toBe('data-flow 1.1');
    for (const pin of ['enum', 'const'] as const) {
      const next = operationDetails(nextShape(specDoc('1.1'), pin));
      expect(next.map((o) => o.versionHeader)).toEqual(today.map(() => 'data-flow 1.1'));
      expect(next.every((o) => o.externalDocs?.url.startsWith('https://docs.example/'))).toBe(true);
    }
    expect(pinnedValue({ enum: ['a', 'b'] })).toBeUndefined();
  });
});

describe.each([
  ['x-scp-api-version only', (): Doc => specDoc('1.1')],
  ['pinned Scp-Api-Version parameter', (): Doc => nextShape(specDoc('1.1'), 'enum')],
])('reference page (spec with %s)', (_, docOf) => {
  it('shows every operation with its summary, method, path, version header value, status and samples without JavaScript', () => {
    const doc = docOf();
    const $ = page(doc);
    const ops = operationDetails(doc);
    expect($('[data-operation]').length).toBe(ops.length);
    for (const op of ops) {
      const section = $(`#${op.anchor}`);
      expect(section.find('h3').text(), op.anchor).toBe(op.summary);
      expect(section.find('.op-line').text()).toContain(`${op.method} ${op.path}`);
      expect(section.find('.version-value').text()).toBe('data-flow 1.1');
      expect(section.find('.op-meta .badge').text()).toBe(op.status);
      const ts = section.find('code.language-ts').text();
      expect(ts).toContain("createScpClient('data-flow', '1.1'");
      expect(ts).toContain(`client.${op.method}('${op.path}'`);
      expect(section.find('code.language-sh').text()).toContain("-H 'Scp-Api-Version: data-flow 1.1'");
      expect(section.find('.auth-box a').attr('href')).toBe('../auth.html');
      for (const p of op.parameters) expect(section.find('table.params tbody th code').map((_, c) => $(c).text()).get()).toContain(p.name);
    }
    // The only scripts are the deferred version-bar and convenience scripts at the end: no inline script
    // (one in the bar made the parser paint the bar alone before the first operation).
    expect($('script').map((_, s) => `${$(s).attr('src')} ${$(s).attr('defer')}`).get()).toEqual(['b.js defer', 'r.js defer']);
    expect($('a[href^="#"]').map((_, a) => $(a).attr('href')?.slice(1)).get().every((id) => id === 'main' || $(`[id="${id}"]`).length === 1)).toBe(true);
  });
});

describe('reference page details', () => {
  it('shows the support date of SUPPORTED operations and links the original docs page when the spec names it', () => {
    const $ = page(nextShape(specDoc('1.0'), 'const'), '1.0');
    const first = $('[data-operation]').first();
    expect(first.find('.op-meta').text()).toContain('Supported until');
    expect(first.find('time').attr('datetime')).toBe('2026-07-01');
    expect(first.find('a.source-link').attr('href')).toMatch(/^https:\/\/docs\.example\/apireference\/data-flow\/apis\//);
    // The curl sample calls the first environment the servers allow.
    expect(first.find('code.language-sh').text()).toContain('https://data-flow.kr-south1.g.samsungsdscloud.com/');
  });

  it('lists body fields and links named models to their own section once', () => {
    const doc = specDoc('1.1');
    const $ = page(doc);
    const names = Object.keys((doc.components as { schemas: Record<string, unknown> }).schemas);
    expect($('section.model').map((_, m) => $(m).attr('id')).get()).toEqual([...names].sort().map(modelAnchor));
    for (const a of $('a.model-link').toArray()) expect($($(a).attr('href')).length, $(a).attr('href')).toBe(1);
  });

  it('marks Korean text with lang="ko" and keeps the page in English otherwise', () => {
    const doc = structuredClone(specDoc('1.1'));
    const op = Object.values(doc.paths)[0]?.get ?? Object.values(Object.values(doc.paths)[0] ?? {})[0];
    if (!op) throw new Error('no operation');
    op.description = '데이터 플로우 목록을 조회합니다.';
    const $ = page(doc);
    expect($('html').attr('lang')).toBe('en');
    expect($('[lang="ko"]').first().text()).toBe('데이터 플로우 목록을 조회합니다.');
  });
});
