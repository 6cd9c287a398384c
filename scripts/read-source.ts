/**
 * Dispatch one snapshot file to the reader for its layout: the only module outside scripts/readers/
 * that calls a reader (the build and the update loop both read through it). Pure: the caller
 * supplies the text.
 */
import { sha256 } from './hash.ts';
import type { ManifestFile } from './manifest.ts';
import type { Diagnostic, SourceDoc } from './model.ts';
import { readDocsyHtml } from './readers/docsy-html.ts';
import { readFlatText } from './readers/flat-text.ts';
import { detectTextLayout, readMarkdownText } from './readers/markdown-text.ts';
import { readSearchIndexPages } from './readers/search-index.ts';
import { checkSource } from './source-checks.ts';

/**
 * Read one file's text with the reader its manifest entry names; checks the recorded sha256 and what
 * the page's origin and structure promise (source-checks.ts).
 */
export function readSource(entry: ManifestFile, text: string): SourceDoc {
  const extra: Diagnostic[] = [];
  const at = { file: entry.file, line: 1 };
  const actual = sha256(text);
  if (actual !== entry.sha256) {
    extra.push({
      severity: 'error',
      code: 'sha256-mismatch',
      message: `content does not match the sha256 recorded in sources/manifest.json (recorded ${entry.sha256.slice(0, 12)}…, found ${actual.slice(0, 12)}…): the file was changed or damaged after it was recorded`,
      source: at,
    });
  }
  if (entry.layout !== 'html' && entry.layout !== 'search-index') {
    const detected = detectTextLayout(text);
    if (detected !== entry.layout && !(detected === 'unknown' && text.trim() === '')) {
      extra.push({
        severity: 'warning',
        code: 'layout-mismatch',
        message: `manifest says layout "${entry.layout}" but the text looks like "${detected}"`,
        source: at,
      });
    }
  }
  const doc = readWithLayout(entry, text);
  extra.push(...checkSource(doc, entry.origin));
  return extra.length === 0 ? doc : { ...doc, diagnostics: [...extra, ...doc.diagnostics] };
}

function readWithLayout(entry: ManifestFile, text: string): SourceDoc {
  switch (entry.layout) {
    case 'flat':
      return readFlatText(text, entry.file);
    case 'markdown':
    case 'fragment':
      return readMarkdownText(text, entry.file);
    case 'html':
      return readDocsyHtml(text, entry.file);
    case 'search-index':
      return readSearchIndexPages(text, entry.file);
  }
}
