/**
 * Description text from the specs as HTML: escaped, with the small Markdown subset the docs use
 * (paragraphs, line breaks, `code`, **bold**, [links](https://…)), and `lang="ko"` where the text is
 * Korean. Pure.
 */
import { escapeHtml, escapeText } from './html.ts';
import { langAttr } from './lang.ts';

function inline(text: string): string {
  return escapeHtml(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, '<a href="$2">$1</a>');
}

/** Block text: one `<p>` per paragraph (blank-line separated), `<br>` for single line breaks. */
export function descriptionHtml(text: string | undefined, cls = 'desc'): string {
  if (!text || text.trim() === '') return '';
  const paragraphs = text.trim().split(/\n\s*\n/);
  return paragraphs.map((p) => `<p class="${cls}"${langAttr(p)}>${inline(p.trim()).replace(/\n/g, '<br>')}</p>`).join('\n');
}

/** Short text in a table cell or a line: inline Markdown, no paragraphs. */
export function inlineHtml(text: string | undefined): string {
  if (!text || text.trim() === '') return '';
  return `<span${langAttr(text)}>${inline(text.trim()).replace(/\n/g, '<br>')}</span>`;
}

/** A JSON value as an indented code block. */
export function jsonBlock(value: unknown, label: string): string {
  return `<pre class="code" tabindex="0" aria-label="${escapeHtml(label)}"><code class="language-json">${escapeText(JSON.stringify(value, null, 2))}</code></pre>`;
}
