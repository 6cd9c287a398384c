/**
 * The frame of the site's plain pages (authentication guide, changelogs, 404): head, top bar, main
 * and footer, styled by the portal stylesheet. Pure.
 */
import { escapeHtml } from './html.ts';
import type { AssetTable } from './site-assets.ts';

export interface ShellInput {
  readonly title: string;
  readonly description?: string;
  /** Directories between the site root and the page (0 for index.html, 1 for data-flow/changes.html). */
  readonly depth: number;
  readonly assets: AssetTable;
  /** The page's main content (HTML). */
  readonly main: string;
}

export const LOGO = `<svg class="logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false"><rect width="32" height="32" rx="7" fill="#1428a0"/><path d="M11 10l-5 6 5 6M21 10l5 6-5 6" fill="none" stroke="#fff" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round"/><circle cx="16" cy="16" r="2.2" fill="#7ab8ff"/></svg>`;

/** The top bar every portal page shares; `extraNav` goes before the standard links. */
export function topBar(depth: number, extraNav = ''): string {
  const up = '../'.repeat(depth);
  return `<header class="topbar">
<a class="brand" href="${up}index.html">${LOGO}<span class="brand-name">Samsung Cloud Platform</span><span class="brand-product">API Reference</span></a>
<nav class="topnav" aria-label="Site">${extraNav}<a href="${up}index.html#services">Services</a><a href="${up}auth.html">Authentication</a><a href="${up}index.html#lifecycle">Lifecycle</a></nav>
</header>`;
}

export function pageHead(title: string, depth: number, assets: AssetTable, description?: string): string {
  return `<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
${description ? `<meta name="description" content="${escapeHtml(description)}">\n` : ''}<link rel="icon" href="${assets.href('favicon.svg', depth)}" type="image/svg+xml">
<link rel="stylesheet" href="${assets.href('portal.css', depth)}">
</head>`;
}

export const FOOTER = '<footer class="footer"><p>Generated from the SCP API reference snapshot by scp-openapi · specs are OpenAPI 3.1.</p></footer>';

export function renderShell(input: ShellInput): string {
  return `<!DOCTYPE html>
<html lang="en">
${pageHead(input.title, input.depth, input.assets, input.description)}
<body>
<a class="skip" href="#main">Skip to content</a>
${topBar(input.depth)}
<main id="main" class="doc">
${input.main}
</main>
${FOOTER}
</body>
</html>
`;
}
