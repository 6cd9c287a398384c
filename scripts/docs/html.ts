/**
 * Tiny HTML-building helpers for the portal pages: escaping, and embedding JSON in a script tag.
 */

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Escape text for element content only (`&`, `<`, `>`): code blocks, full of quotes, stay smaller than with escapeHtml. */
export function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => ESCAPES[c] ?? c);
}

/**
 * JSON that is safe inside `<script type="application/json">`: `<` is written as `\u003c`, so no
 * `</script>` or `<!--` can end the element early, and U+2028/2029 are escaped for old parsers.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Percent-encode each segment of a relative path for use in an href (keeps the slashes). */
export function hrefPath(...segments: string[]): string {
  return segments.map((s) => encodeURIComponent(s)).join('/');
}
