/**
 * The unindented JSON example bodies of the markdown layout: lines collected by the reader, parsed
 * here. A parse failure reports the 1-based source line it happened on, so diagnostics point at it.
 */

export type JsonBlockResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly message: string; readonly line: number };

/** Parse `lines` (which start at 1-based `firstLine`) as one JSON value. */
export function parseJsonBlock(lines: readonly string[], firstLine: number): JsonBlockResult {
  const text = lines.join('\n');
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // V8 says "... in JSON at position N"; map N back to a line. Without a position the input ended early.
    const pos = /at position (\d+)/.exec(message);
    const offset = pos ? Number(pos[1]) : text.length;
    let line = firstLine;
    for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
    return { ok: false, message, line };
  }
}
