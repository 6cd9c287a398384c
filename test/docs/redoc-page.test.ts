import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import * as cheerio from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import { type PortalModel, buildPortalModel } from '../../scripts/docs/portal-model.ts';
import { bundleVersion, findRedocBundle, toClassicScript } from '../../scripts/docs/redoc-bundle.ts';
import { HEAD_MARKER, TITLE_PLACEHOLDER, VERSION_BAR_MARKER, finishRedocView, handlebarsEscape } from '../../scripts/docs/redoc-page.ts';
import { readSpecsDir } from '../../scripts/docs/spec-files.ts';
import { pageAddresses, renderVersionBar } from '../../scripts/docs/version-bar.ts';
import { FIXTURE_SPECS, ROOT, loadManifest } from './helpers.ts';

let model: PortalModel;
beforeAll(async () => {
  model = buildPortalModel(await readSpecsDir(FIXTURE_SPECS), loadManifest());
});
const dataFlow = () => {
  const s = model.categories[0]?.services[0];
  if (!s) throw new Error('fixture has no data-flow');
  return s;
};

describe('version bar', () => {
  it('lists every version and latest, marks the current page, and links relatively', () => {
    const $ = cheerio.load(renderVersionBar(dataFlow(), '1.0'));
    expect($('.scp-version').map((_, a) => $(a).attr('href')).get()).toEqual(['1.1.html', '1.0.html', 'latest.html']);
    expect($('[aria-current="page"]').attr('href')).toBe('1.0.html');
    expect($('.scp-home').attr('href')).toBe('../index.html');
    expect($('.scp-links a').map((_, a) => $(a).attr('href')).get()).toEqual([
      'changes.html',
      '../auth.html',
      '1.0.redoc.html',
      '../specs/data-flow/1.0.yaml',
      '../specs/data-flow/1.0.json',
    ]);
    expect($('.support-date').text()).toBe('Supported until 2026-07-01');
  });

  it('tells each link which anchors its page has, so a switch keeps the operation only when it exists', () => {
    const $ = cheerio.load(renderVersionBar(dataFlow(), '1.1'));
    const kept = JSON.parse($('a[href="1.0.html"]').attr('data-keep') ?? '[]') as string[];
    const v10 = dataFlow().versions.find((v) => v.version === '1.0');
    expect(kept).toEqual(v10 ? pageAddresses(v10, 'reference') : []);
    expect(kept).toContain('op-ListDataFlows');
    expect(kept).not.toContain('op-ShowDataFlow'); // only in 1.1
  });

  it('on a Redoc view, links the Redoc views of the numbered versions with their routes', () => {
    const $ = cheerio.load(renderVersionBar(dataFlow(), '1.1', 'redoc'));
    expect($('.scp-version').map((_, a) => $(a).attr('href')).get()).toEqual(['1.1.redoc.html', '1.0.redoc.html']);
    const routes = JSON.parse($('a[href="1.0.redoc.html"]').attr('data-keep') ?? '[]') as string[];
    expect(routes).toContain('/data-flow/listdataflows');
    expect(routes).toContain('/data-flow');
    expect($('.scp-links a').map((_, a) => $(a).text()).get()).toContain('Static reference');
  });

  it('marks latest as current on the latest page, which has no Redoc view', () => {
    const $ = cheerio.load(renderVersionBar(dataFlow(), 'latest'));
    expect($('[aria-current="page"]').attr('href')).toBe('latest.html');
    expect($('.scp-links a[download]').first().attr('href')).toBe('../specs/data-flow/latest.yaml');
    expect($('.scp-links a').map((_, a) => $(a).text()).get()).not.toContain('Redoc view');
  });
});

/** The shape `redocly build-docs` 2.77 writes with our template (head and script parts verbatim). */
function rawPage(version = '3.0.1', title = 't'): string {
  const cdn = `https://cdn.redocly.com/redoc/v${version}/bundles/redoc.standalone.js`;
  return `<!DOCTYPE html><html><head><title>${title}</title><link rel="modulepreload" href="${cdn}" integrity="sha384-x" crossorigin="anonymous" /><style>.a{}</style></head>
<body class="scp-redoc">
  ${HEAD_MARKER}
  ${VERSION_BAR_MARKER}
  <div id="redoc"><div>server rendered</div></div>
      <script type="module">
      import { hydrate } from "${cdn}";

      const __redoc_definition = {"openapi":"3.1.0"};
      const __redoc_options = {"skipBundle":true,"disableTelemetry":true};

      hydrate(__redoc_definition, __redoc_options, document.getElementById('redoc'));
      </script></body></html>`;
}

describe('Redoc view post-processing', () => {
  it('swaps the CDN module for the local classic bundle and inserts the bar', () => {
    const { html, redocVersion } = finishRedocView(rawPage(), { bundleHref: '../assets/redoc.standalone.js', versionBar: '<nav class="scp-bar">bar</nav>', head: '<link rel="stylesheet" href="../assets/bar.x.css">' });
    expect(html).not.toContain(HEAD_MARKER);
    expect(html).toContain('<link rel="stylesheet" href="../assets/bar.x.css">');
    expect(redocVersion).toBe('3.0.1');
    expect(html).not.toContain('cdn.redocly.com');
    expect(html).not.toContain('type="module"');
    const $ = cheerio.load(html);
    expect($('script[src]').map((_, s) => $(s).attr('src')).get()).toEqual(['../assets/redoc.standalone.js']);
    expect($('body > nav.scp-bar').next().attr('id')).toBe('redoc');
    // The inline script still hydrates, now through the global the classic bundle defines.
    expect($('script:not([src])').text()).toContain('var hydrate = window.ScpRedoc.hydrate;');
  });

  it('fills in the title of a page rendered with the placeholder, escaped as Handlebars does', () => {
    const title = `A & B <"x"> 'y' \`z\` =`;
    const { html } = finishRedocView(rawPage('3.0.1', TITLE_PLACEHOLDER), { bundleHref: 'b.js', versionBar: '', head: '', title });
    expect(cheerio.load(html)('title').text()).toBe(title);
    expect(html).toContain(`<title>${handlebarsEscape(title)}</title>`);
    expect(handlebarsEscape(title)).toBe('A &amp; B &lt;&quot;x&quot;&gt; &#x27;y&#x27; &#x60;z&#x60; &#x3D;');
    expect(html).not.toContain(TITLE_PLACEHOLDER);
    // The placeholder and the title come together or not at all.
    expect(() => finishRedocView(rawPage('3.0.1', TITLE_PLACEHOLDER), { bundleHref: 'b.js', versionBar: '', head: '' })).toThrow(/no title was given/);
    expect(() => finishRedocView(rawPage(), { bundleHref: 'b.js', versionBar: '', head: '', title })).toThrow(/to put the title in/);
  });

  it('refuses pages of another shape rather than shipping a CDN reference', () => {
    expect(() => finishRedocView('<html><body>plain</body></html>', { bundleHref: 'x', versionBar: '', head: '' })).toThrow(/modulepreload/);
    const withRemoteImage = rawPage().replace('server rendered', '<img src="https://example.com/x.png">');
    expect(() => finishRedocView(withRemoteImage, { bundleHref: 'x', versionBar: '', head: '' })).toThrow(/remote asset/);
  });
});

describe('local Redoc bundle', () => {
  const source = readFileSync(findRedocBundle(ROOT), 'utf8');

  it('comes from the installed @redocly/cli and names its version', () => {
    expect(bundleVersion(source)).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('becomes a classic script with no module syntax and no remote assets', () => {
    const classic = toClassicScript(source);
    expect(() => new vm.Script(classic, { filename: 'redoc.standalone.js' })).not.toThrow();
    expect(classic).not.toMatch(/export\s*\{\s*RedocStandalone/);
    expect(classic).not.toContain('cdn.redoc.ly');
    expect(classic).toContain('window.ScpRedoc={RedocStandalone:RedocStandalone,hydrate:hydrate,init:init}');
  });

  it('fails loudly on a bundle of another shape', () => {
    expect(() => toClassicScript('const x = 1;')).toThrow(/export/);
  });
});
