/**
 * Finishing a Redoc view written by `redocly build-docs` with our template (templates/redoc-view.hbs):
 * the CDN module preload and import are swapped for the site's single local Redoc bundle (a classic
 * script, see redoc-bundle.ts), the head links (favicon, bar stylesheet) and the version bar go where
 * the template left their markers, and the
 * title goes in when the page was rendered with TITLE_PLACEHOLDER (so rendering can start before the
 * title is known; build-docs uses the title nowhere but in the template's <title>).
 * Pure; throws when the page does not have the shape build-docs 2.x produces, or still points at a
 * remote script or stylesheet afterwards.
 */

export const VERSION_BAR_MARKER = '<!--scp:version-bar-->';
export const HEAD_MARKER = '<!--scp:head-->';
/** Passed to build-docs as --title; finishRedocView puts the real title in its place. */
export const TITLE_PLACEHOLDER = 'SCP-PAGE-TITLE-PLACEHOLDER';
const TITLE_ELEMENT = `<title>${TITLE_PLACEHOLDER}</title>`;

/** Handlebars' escapeExpression (what `{{title}}` in the template applies). */
const HBS_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;', '`': '&#x60;', '=': '&#x3D;' };
export function handlebarsEscape(text: string): string {
  return text.replace(/[&<>"'`=]/g, (c) => HBS_ESCAPES[c] ?? c);
}

const PRELOAD = /<link rel="modulepreload" href="https:\/\/cdn\.redocly\.com\/redoc\/v([^/"]+)\/bundles\/redoc\.standalone\.js"[^>]*>/;
/** Sticky, tried only where the module script starts (a plain scan of a 340 KB page for it costs ~20 ms). */
const MODULE_SCRIPT = '<script type="module">';
const MODULE_IMPORT = /<script type="module">\s*import \{ hydrate \} from "https:\/\/cdn\.redocly\.com\/redoc\/v[^/"]+\/bundles\/redoc\.standalone\.js";/y;
const REMOTE_ASSET = /<(?:script|link|img|iframe)\b[^>]*\s(?:src|href)="(?:https?:)?\/\/[^"]*"/i;

export interface FinishOptions {
  /** Relative URL of the classic Redoc bundle, e.g. `../assets/redoc.standalone.js`. */
  readonly bundleHref: string;
  readonly versionBar: string;
  /** Extra head elements (favicon and stylesheet links with content-hashed names). */
  readonly head: string;
  /** The page title, required when the page was rendered with TITLE_PLACEHOLDER as its title. */
  readonly title?: string;
}

export interface FinishedPage {
  readonly html: string;
  /** The Redoc version the page was prerendered with (from the CDN URL build-docs wrote). */
  readonly redocVersion: string;
}

/** Swap the page's `import { hydrate }` module script for the local classic bundle; undefined when it has none. */
function useLocalBundle(page: string, bundleHref: string): string | undefined {
  const start = page.indexOf(MODULE_SCRIPT);
  MODULE_IMPORT.lastIndex = Math.max(0, start);
  const found = start < 0 ? null : MODULE_IMPORT.exec(page);
  if (!found) return undefined;
  const local = `<script src="${bundleHref}"></script>\n      <script>\n      var hydrate = window.ScpRedoc.hydrate;`;
  return page.slice(0, start) + local + page.slice(start + found[0].length);
}

export function finishRedocView(raw: string, opts: FinishOptions): FinishedPage {
  const preload = PRELOAD.exec(raw);
  if (!preload?.[1]) throw new Error('build-docs output: no Redoc modulepreload link (did build-docs change its page shape?)');
  for (const marker of [VERSION_BAR_MARKER, HEAD_MARKER]) if (!raw.includes(marker)) throw new Error(`build-docs output: template marker ${marker} missing`);
  const titled = raw.includes(TITLE_ELEMENT);
  if (titled !== (opts.title !== undefined)) {
    throw new Error(titled ? 'build-docs output has the title placeholder but no title was given' : `build-docs output: no ${TITLE_ELEMENT} to put the title in`);
  }
  const local = useLocalBundle((titled ? raw.replace(TITLE_ELEMENT, () => `<title>${handlebarsEscape(opts.title ?? '')}</title>`) : raw).replace(PRELOAD, ''), opts.bundleHref);
  if (local === undefined) throw new Error('build-docs output: no `import { hydrate }` module script');
  const html = local.replace(VERSION_BAR_MARKER, () => opts.versionBar).replace(HEAD_MARKER, () => opts.head);
  const remote = REMOTE_ASSET.exec(html);
  if (remote) throw new Error(`Redoc view still loads a remote asset: ${remote[0]}`);
  return { html, redocVersion: preload[1] };
}
