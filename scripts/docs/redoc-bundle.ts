/**
 * The one local copy of Redoc's standalone bundle that every reference page loads (instead of
 * build-docs' CDN link). @redocly/cli ships it as an ES module; pages must also work from file://,
 * where Chromium refuses module scripts, so it is turned into a classic script exposing
 * `window.ScpRedoc = { hydrate, init, RedocStandalone }`. Two further edits keep the page offline:
 * the footer's "API docs by Redocly" logo, fetched from cdn.redoc.ly, becomes an inline SVG, and
 * `import.meta` (only reached by a Node worker path) is replaced so the classic script parses.
 * Each edit asserts what it expects to find, so a Redoc upgrade fails the build loudly.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

const EXPORT_TAIL = /export\s*\{\s*RedocStandalone\s*,\s*hydrate\s*,\s*init\s*\}\s*;?\s*$/;
const LOGO_URLS = ['https://cdn.redoc.ly/redoc/logo-mini-full.svg', 'https://cdn.redoc.ly/redoc/logo-mini.svg'];

/** A small "Redocly" word mark, so the attribution stays without a remote image. */
const LOGO_DATA_URI =
  'data:image/svg+xml,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="54" height="14" viewBox="0 0 54 14"><text x="0" y="11" font-family="system-ui,sans-serif" font-size="12" font-weight="700" fill="#3b3c45">Redocly</text></svg>',
  );

/** The Redoc version a bundle's license header names (e.g. "3.0.1"). */
export function bundleVersion(source: string): string | undefined {
  return /\*\s*Version:\s*([0-9][\w.+-]*)/.exec(source.slice(0, 500))?.[1];
}

/** Turn Redoc's ES-module standalone bundle into the classic script the pages load. */
export function toClassicScript(moduleSource: string): string {
  const trimmed = moduleSource.trimEnd();
  if (!EXPORT_TAIL.test(trimmed)) throw new Error('redoc.standalone.js: expected it to end with export{RedocStandalone,hydrate,init}');
  let body = trimmed.replace(EXPORT_TAIL, '');
  for (const url of LOGO_URLS) {
    if (!body.includes(url)) throw new Error(`redoc.standalone.js: expected the remote logo ${url}`);
    body = body.split(url).join(LOGO_DATA_URI);
  }
  // import.meta outside string literals (inside them it is eval'd text and harmless).
  body = body.replace(/(?<!["'`])\bimport\.meta\b/g, '({url:location.href,dirname:"."})');
  const leftover = /https:\/\/cdn\.[a-z.]+\/[^\s"'`]*\.(?:js|css|svg|woff2?)/.exec(body);
  if (leftover) throw new Error(`redoc.standalone.js: unexpected remote asset ${leftover[0]}`);
  // A block keeps the bundle's top-level names out of the page's global scope.
  return `/* Redoc ${bundleVersion(moduleSource) ?? ''} standalone bundle (from @redocly/cli), converted to a classic script for file:// use. */\n{\n${body}\nwindow.ScpRedoc={RedocStandalone:RedocStandalone,hydrate:hydrate,init:init};\n}\n`;
}

/** Locate the bundle that @redocly/cli's build-docs pages were prerendered against. */
export function findRedocBundle(projectRoot: string): string {
  const candidates = [
    path.join(projectRoot, 'node_modules/@redocly/cli/lib/chunks/redoc.standalone.js'),
    path.join(projectRoot, 'node_modules/@redocly/cli/node_modules/redoc/bundles/redoc.standalone.js'),
    path.join(projectRoot, 'node_modules/redoc/bundles/redoc.standalone.js'),
  ];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`Redoc standalone bundle not found (looked in ${candidates.join(', ')})`);
  return found;
}
