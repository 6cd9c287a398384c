/** Pretty-printed JSON examples of the flat layout, collected line by line and parsed once. */
import type { Line } from './report.ts';

export class JsonLines {
  readonly lines: Line[] = [];
  done = false;

  /** Add a line; true when it closes the top-level value (an unindented `}` or `]`; the docs indent by 4). */
  push(line: Line): boolean {
    if (this.lines.length === 0 && line.t === '') return false;
    this.lines.push(line);
    if (this.lines.length === 1) return line.t === '{}' || line.t === '[]';
    return line.raw === '}' || line.raw === ']';
  }

  /** Whether `line` can continue (or start) this JSON value. */
  accepts(line: Line): boolean {
    return this.lines.length > 0 || line.t.startsWith('{') || line.t.startsWith('[');
  }
}

export type JsonResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly message: string; readonly line: number }
  | undefined;

/** Parse the collected lines; undefined when there were none. An error names the line JSON.parse stopped at. */
export function parseJsonLines(lines: readonly Line[]): JsonResult {
  const first = lines[0];
  if (!first) return undefined;
  const text = lines.map((l) => l.raw).join('\n');
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(message);
    let breaks = 0;
    if (pos) {
      const end = Math.min(Number(pos[1]), text.length);
      for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) breaks++;
    } else {
      breaks = lines.length - 1;
    }
    return { ok: false, message, line: lines[breaks]?.no ?? first.no };
  }
}
