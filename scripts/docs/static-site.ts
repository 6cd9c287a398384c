/**
 * Every file of the site that is rendered on the build's thread (all but the Redoc views): the
 * content-hashed assets, the raw specs (YAML verbatim and JSON), one static reference page per spec,
 * the portal with its search index, the authentication guide, a changelog per service with two or
 * more versions, and the 404 page. Rendering is pure (the page modules); writing goes through the
 * SiteWriter, which skips unchanged files.
 */
import { renderAuthPage } from './auth-page.ts';
import { changeSteps, renderChangelogPage } from './changelog-page.ts';
import { renderNotFoundPage } from './not-found-page.ts';
import { type PortalModel, type PortalService, pageTitle, sitePaths } from './portal-model.ts';
import { renderPortalPage } from './portal-page.ts';
import { renderReferencePage } from './reference/page-html.ts';
import { type SearchIndex, searchIndexScript } from './search-index.ts';
import { type AssetTable, hashedName } from './site-assets.ts';
import type { SiteWriter } from './site-writer.ts';
import { type SpecFile, specAsJson } from './spec-files.ts';
import { renderVersionBar } from './version-bar.ts';

export interface StaticSiteInput {
  readonly specs: readonly SpecFile[];
  readonly model: PortalModel;
  readonly index: SearchIndex;
  readonly assets: AssetTable;
  readonly writer: SiteWriter;
}

/** service id → service, for every service of the model. */
export function servicesById(model: PortalModel): Map<string, PortalService> {
  return new Map(model.categories.flatMap((c) => c.services).map((s) => [s.id, s]));
}

async function writeReferencePages(input: StaticSiteInput): Promise<Set<string>> {
  const services = servicesById(input.model);
  const css = `${input.assets.text('bar.css')}\n${input.assets.text('reference.css')}`;
  const changed = new Set<string>();
  for (const spec of input.specs) {
    const service = services.get(spec.service);
    if (!service) continue;
    const rel = sitePaths.page(spec.service, spec.version);
    const html = renderReferencePage({
      doc: spec.doc,
      service,
      version: spec.version,
      title: pageTitle(service.title, spec.version),
      versionBar: renderVersionBar(service, spec.version, 'reference'),
      css,
      faviconHref: input.assets.href('favicon.svg', 1),
      scriptHrefs: [input.assets.href('bar.js', 1), input.assets.href('reference.js', 1)],
    });
    if (await input.writer.put(rel, html)) changed.add(rel);
  }
  return changed;
}

async function writeChangelogs(input: StaticSiteInput): Promise<void> {
  for (const service of servicesById(input.model).values()) {
    if (!service.changesHref) continue;
    const oldestFirst = [...service.versions]
      .reverse()
      .map((v) => ({ version: v.version, doc: input.specs.find((s) => s.service === service.id && s.version === v.version)?.doc }));
    await input.writer.put(service.changesHref, renderChangelogPage(service.title, changeSteps(service.id, oldestFirst), input.assets));
  }
}

/** Writes that part of the site; returns the reference pages whose content changed. */
export async function writeStaticSite(input: StaticSiteInput): Promise<Set<string>> {
  const { writer, assets } = input;
  for (const a of assets.files()) await writer.put(a.rel, a.content);
  for (const spec of input.specs) {
    await writer.put(sitePaths.spec(spec.service, spec.version, 'yaml'), spec.text);
    await writer.put(sitePaths.spec(spec.service, spec.version, 'json'), specAsJson(spec));
  }
  const indexScript = searchIndexScript(input.index);
  const searchIndexRel = `assets/${hashedName('search-index.js', indexScript)}`;
  await writer.put(searchIndexRel, indexScript);
  await writer.put('search-index.json', `${JSON.stringify(input.index, null, 1)}\n`);
  await writer.put('index.html', renderPortalPage(input.model, { assets, searchIndexRel }));
  await writer.put(sitePaths.auth, renderAuthPage(assets));
  await writer.put('404.html', renderNotFoundPage(assets));
  await writeChangelogs(input);
  return writeReferencePages(input);
}
