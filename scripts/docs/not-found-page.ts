/**
 * The styled 404 page (site/404.html) docs:serve answers a missing path with. Its links are
 * root-relative because it is served at any depth. Pure.
 */
import { FOOTER, LOGO } from './page-shell.ts';
import type { AssetTable } from './site-assets.ts';

export function renderNotFoundPage(assets: AssetTable): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Page not found · SCP API Reference</title>
<link rel="icon" href="/${assets.rel('favicon.svg')}" type="image/svg+xml">
<link rel="stylesheet" href="/${assets.rel('portal.css')}">
</head>
<body>
<header class="topbar"><a class="brand" href="/index.html">${LOGO}<span class="brand-name">Samsung Cloud Platform</span><span class="brand-product">API Reference</span></a></header>
<main id="main" class="doc not-found">
<h1>Page not found</h1>
<p>There is no page at this address. The service or version may have been renamed or removed from the reference.</p>
<p><a class="button" href="/index.html">Search all SCP APIs</a> <a href="/auth.html">Authentication guide</a></p>
</main>
${FOOTER}
</body>
</html>
`;
}
