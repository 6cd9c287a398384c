/**
 * The in-page address Redoc 3 (the renderer behind @redocly/cli 2.x `build-docs`) gives an operation,
 * so switching versions in a Redoc view can keep the operation in view. Redoc routes on the URL hash:
 * `#/<tag slug>/<operationId lower-cased>`, and `#/other/<operationId>` for untagged operations.
 * The tag slug is `slugify(tag).toLowerCase()` (the `slugify` package, default options) with a
 * fallback for names that slugify empties (e.g. Korean). The browser test checks the generated
 * addresses of a Redoc view against the links Redoc renders, so a Redoc upgrade that changes this is caught.
 */

/** The symbol part of slugify's character map (letters with diacritics are handled by NFD below). */
const SYMBOLS: Readonly<Record<string, string>> = {
  $: 'dollar',
  '%': 'percent',
  '&': 'and',
  '<': 'less',
  '>': 'greater',
  '|': 'or',
  '¢': 'cent',
  '£': 'pound',
  '¤': 'currency',
  '¥': 'yen',
  '©': '(c)',
  '®': '(r)',
  ß: 'ss',
  Æ: 'AE',
  æ: 'ae',
  Ø: 'O',
  ø: 'o',
  Œ: 'OE',
  œ: 'oe',
  Þ: 'TH',
  þ: 'th',
  Đ: 'DJ',
  đ: 'dj',
  Ł: 'L',
  ł: 'l',
};

/** Characters slugify keeps; everything else is dropped. */
const DROP = /[^\w\s$*_+~.()'"!\-:@]+/g;

function mapChar(ch: string): string {
  const symbol = SYMBOLS[ch];
  if (symbol !== undefined) return symbol;
  // Latin letters with accents map to their base letter (é → e), as in slugify's table.
  const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return /^[A-Za-z]$/.test(base) ? base : ch;
}

/** Port of `slugify(text)` with default options (replacement '-', trim, no lower-casing). */
export function slugify(text: string): string {
  let slug = '';
  for (const ch of text.normalize()) {
    const mapped = mapChar(ch);
    slug += (mapped === '-' ? ' ' : mapped).replace(DROP, '');
  }
  return slug.trim().replace(/\s+/g, '-');
}

/** Redoc's slug for a tag name. */
export function redocTagSlug(tag: string): string {
  const slug =
    slugify(tag) ||
    tag
      .toLowerCase()
      .replace(/\s+/g, '-')
      .replace(/&/g, '-and-')
      .replace(/--+/g, '-')
      .replace(/^-+/, '')
      .replace(/(?<!-)-+$/, '');
  return slug.toLowerCase().replace(/\\/g, '%5C');
}

export interface AnchorTarget {
  readonly operationId?: string;
  readonly tags?: readonly string[];
  readonly method: string;
  readonly path: string;
}

/**
 * The hash (with its leading `#`) that opens an operation in a build-docs page. Operations with
 * several tags are listed under each; the first tag's address is used. Without an operationId the
 * tag section is the most precise address we can name.
 */
export function redocOperationHash(op: AnchorTarget): string {
  const tag = op.tags?.find((t) => t !== '');
  const section = tag === undefined ? 'other' : redocTagSlug(tag);
  if (!op.operationId) return `#/${section}`;
  return `#/${section}/${op.operationId.toLowerCase().replace(/\\/g, '%5C')}`;
}
