/**
 * The site test tool's API: specs → the live site's forms (`renderSite`, a map from URL path to
 * body and content type, to serve from a local HTTP server), the synthetic 63-service site, and the
 * round trip back through the pipeline's readers, merge and emitter.
 */
export { renderSite, siteServices, CATEGORY_TITLES, type RenderOptions, type SiteFile } from './render-site.ts';
export { syntheticSite, syntheticSpecs, SYNTHETIC_CATEGORIES, type SyntheticOptions } from './synthetic.ts';
export { freshManifest, manifestFor, siteSources, specsFromSources, withoutProvenance, type SiteForm, type SourceFile, type RoundTrip } from './roundtrip.ts';
export { splitSearchIndex, searchIndexFile, type IndexSourceFile } from './index-files.ts';
export { plainBody, hugoStripHtml } from './plain.ts';
export type { SpecInput, SiteService } from './from-spec.ts';
