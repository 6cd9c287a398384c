/**
 * The plain-text rendering of a page that the site's search index stores as `body`: Hugo's `.Plain`
 * followed by `htmlUnescape`, as Docsy's offline search builds its index. `.Plain` is Hugo's
 * StripHTML, reproduced here rune for rune:
 *   1. replace every "\n" by " ", and every "</p>", "<br>", "<br />" by "\n";
 *   2. walk the text: `<` enters a tag and `>` leaves it; outside tags a whitespace rune is written
 *      only if the rune before it was not whitespace (so a run keeps its first rune). Inside a tag
 *      the "was whitespace" flag is not reset, so whitespace right after a tag that itself contains
 *      whitespace (`<span class="cl">  `) is dropped too. Whitespace on both sides of a tag without
      whitespace (`</td> <td>`) is not merged: tables come out with runs of spaces.
 * scripts/readers/search-index.ts documents what this gives for each page kind.
 */
import { decodeHTML } from 'entities';

const LINE_BREAKS = /\n|<\/p>|<br>|<br \/>/g;

function isSpace(c: string): boolean {
  // Go's unicode.IsSpace: ASCII whitespace, NEL, NBSP and the Unicode space separators.
  return /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/.test(c);
}

/** Hugo's StripHTML (helpers.StripHTML / tpl.StripHTML). */
export function hugoStripHtml(html: string): string {
  if (!html.includes('<') && !html.includes('>')) return html;
  const s = html.replace(LINE_BREAKS, (m) => (m === '\n' ? ' ' : '\n'));
  let out = '';
  let inTag = false;
  let space = false;
  let wasSpace = false;
  for (const r of s) {
    if (!inTag) space = false;
    if (r === '<') inTag = true;
    else if (r === '>') inTag = false;
    else {
      if (isSpace(r)) space = true;
      if (!inTag && (!space || !wasSpace)) out += r;
    }
    wasSpace = space;
  }
  return out;
}

/** The search index's `body` of a page whose rendered content (Hugo's `.Content`) is `contentHtml`. */
export function plainBody(contentHtml: string): string {
  return decodeHTML(hugoStripHtml(contentHtml));
}
