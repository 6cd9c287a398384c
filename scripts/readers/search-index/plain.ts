/**
 * Helpers over a plain-text page body (see the rendering described in ../search-index.ts): a
 * "separator" is a space or a newline, labels are found only at separator boundaries, and JSON
 * examples are delimited by scanning brackets, never by searching for the next heading (a JSON
 * string may contain any heading text).
 */

/** Normalise whitespace the way the modelled rendering leaves it: runs collapse to their first character. */
export function normaliseBody(body: string): string {
  return body.replace(/\r\n?/g, '\n').replace(/[ \t\f\v]*\n[ \t\f\v\n]*/g, '\n').replace(/[ \t\f\v]+/g, ' ').trim();
}

export interface Found {
  /** Offset of the label's first character. */
  readonly start: number;
  /** Offset just after the label. */
  readonly end: number;
  readonly match: RegExpExecArray;
}

/**
 * First match of `label` (a regex source without anchors) at or after `from` and before `to`,
 * standing at separator boundaries (start of text or after a space/newline; end of text or before one).
 */
export function findLabel(text: string, label: string, from = 0, to = text.length): Found | undefined {
  const re = new RegExp(`(?:^|[ \\n])(?:${label})(?=[ \\n]|$)`, 'gu');
  re.lastIndex = from === 0 ? 0 : from - 1;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const start = m.index + (m[0].startsWith(' ') || m[0].startsWith('\n') ? 1 : 0);
    if (start < from) continue;
    if (start >= to) return undefined;
    return { start, end: m.index + m[0].length, match: m };
  }
  return undefined;
}

/** The label must stand right at `at` (after optional separators). */
export function labelAt(text: string, label: string, at: number): Found | undefined {
  const re = new RegExp(`[ \\n]*(?:${label})(?=[ \\n]|$)`, 'uy');
  re.lastIndex = at;
  const m = re.exec(text);
  if (!m) return undefined;
  const lead = m[0].length - m[0].trimStart().length;
  return { start: at + lead, end: at + m[0].length, match: m };
}

export type JsonExtent = { readonly ok: true; readonly end: number; readonly value: unknown } | { readonly ok: false; readonly error: string; readonly cut?: true };

/**
 * The JSON value that starts at `start` (an object or array): its end is found by scanning brackets
 * outside strings, then the slice is parsed.
 */
export function jsonAt(text: string, start: number): JsonExtent {
  const open = text[start];
  if (open !== '{' && open !== '[') return { ok: false, error: 'no JSON object or array here' };
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) {
      depth--;
      if (depth === 0) {
        const slice = text.slice(start, i + 1);
        try {
          return { ok: true, end: i + 1, value: JSON.parse(slice) as unknown };
        } catch (e) {
          return { ok: false, error: (e as Error).message };
        }
      }
    }
  }
  return { ok: false, error: 'the JSON value is not closed before the end of the page', cut: true };
}
