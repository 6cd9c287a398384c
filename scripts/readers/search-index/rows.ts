/**
 * Table rows in a plain-text body. Cells are separated by one space, so a row is found by its
 * anchor — `<type> <name>` (parameters) or `<name>` (model fields) followed by the
 * required/optional marker, which the modelled rendering puts after a newline (`<br>`) — and the
 * rest of the row is split from the right: the Default cell and the Schema cell (read with the
 * Schema-column grammar) end the row, every `<br>`-line before them is the Description cell.
 * Several readings of a row's end are compared; when two plausible ones remain, the reader says so.
 */
import type { Constraint, SchemaExpr } from '../../model.ts';
import { parseSchemaPrefix, formatSchemaExpression, referencedModels } from '../../schema-expression.ts';
import { parseConstraintLine, splitDescriptionCell, splitDescriptionLines } from '../cells.ts';

export interface RowAnchor {
  /** Offset of the row's first character (its type or name). */
  readonly start: number;
  /** Offset just after the required/optional marker. */
  readonly end: number;
  /** Parameter location word as written (parameter tables only). */
  readonly type?: string;
  readonly name: string;
  readonly required: boolean;
}

const MARKERS: Readonly<Record<string, boolean>> = { required: true, optional: false, 필수: true, 선택: false };
const MARKER = '(required|optional|필수|선택)';
const LOCATION = '(header|path|query|body|cookie|formData)';

/**
 * Row anchors of a table region. With `<br>`-separated name cells the marker follows a newline;
 * if the region has any such anchor only those count (a space-separated "x required" inside a
 * description is then never taken for a row start).
 */
export function findRowAnchors(region: string, kind: 'parameters' | 'fields'): RowAnchor[] {
  const head = kind === 'parameters' ? `${LOCATION} (\\S+)` : '(\\S+)';
  const re = new RegExp(`(?:^|[ \\n])${head}([ \\n])${MARKER}(?=[ \\n]|$)`, kind === 'parameters' ? 'giu' : 'gu');
  const all: (RowAnchor & { sep: string })[] = [];
  for (let m = re.exec(region); m !== null; m = re.exec(region)) {
    const lead = m[0].startsWith(' ') || m[0].startsWith('\n') ? 1 : 0;
    const g = kind === 'parameters' ? { type: m[1], name: m[2], sep: m[3], marker: m[4] } : { name: m[1], sep: m[2], marker: m[3] };
    all.push({
      start: m.index + lead,
      end: m.index + m[0].length,
      ...(g.type !== undefined ? { type: g.type } : {}),
      name: g.name as string,
      required: MARKERS[(g.marker as string).toLowerCase()] ?? false,
      sep: g.sep as string,
    });
    // The row's rest starts after the marker; the next anchor may begin right at the separator.
    re.lastIndex = m.index + m[0].length;
  }
  const byNewline = all.filter((a) => a.sep === '\n');
  return (byNewline.length > 0 ? byNewline : all).map(({ sep: _sep, ...a }) => a);
}

/** One reading of a row's last line: where the Schema cell starts, and what it and the Default say. */
export interface TailReading {
  readonly at: number;
  readonly schemaText: string;
  readonly schema: SchemaExpr;
  readonly default?: string;
}

// Python literals that can stand in a Default cell and look like model names.
const NOT_MODELS = new Set(['None', 'True', 'False']);

function plausible(r: TailReading, known: ReadonlySet<string>): 'strong' | 'weak' | 'no' {
  const refs = referencedModels(r.schema);
  if (refs.some((m) => NOT_MODELS.has(m))) return 'no';
  if (r.schema.kind === 'ref' && r.default !== undefined) return 'no'; // a model row never carries a default
  const enumValue = r.schema.kind === 'enum' && r.default !== undefined && r.schema.values.includes(r.default);
  const weakDefault = r.default !== undefined && /\s/.test(r.default) && !enumValue;
  const unknownRef = refs.some((m) => !known.has(m));
  return weakDefault || unknownRef ? 'weak' : 'strong';
}

/** Every reading of `line` in which a whole Schema cell, then optionally ` <default>`, ends the line. */
function readings(line: string): TailReading[] {
  const starts = [0];
  for (let i = line.indexOf(' '); i !== -1; i = line.indexOf(' ', i + 1)) starts.push(i + 1);
  const out: TailReading[] = [];
  for (const at of starts) {
    const parsed = parseSchemaPrefix(line.slice(at));
    if (!parsed.ok || !(parsed.rest === '' || (parsed.rest.startsWith(' ') && parsed.rest.trim() !== ''))) continue;
    const def = parsed.rest.slice(1);
    out.push({ at, schemaText: line.slice(at, line.length - parsed.rest.length), schema: parsed.expr, ...(def !== '' ? { default: def } : {}) });
  }
  return out;
}

export type TailSplit =
  | { readonly ok: true; readonly reading: TailReading; readonly alternative?: TailReading }
  | { readonly ok: false; readonly error: string };

/**
 * Split the last line of a row into (end of the description, Schema, Default). The rightmost
 * plausible reading wins (Default cells are short; description text is long), preferring readings
 * whose model names are defined on the site and whose default is a single word. A second plausible
 * reading is returned so the caller can report the ambiguity.
 */
export function splitRowTail(line: string, known: ReadonlySet<string>): TailSplit {
  const all = readings(line);
  if (all.length === 0) return { ok: false, error: 'no Schema cell at the end of the row' };
  const graded = all.map((r) => ({ r, grade: plausible(r, known) }));
  const strong = graded.filter((g) => g.grade === 'strong').map((g) => g.r);
  const weak = graded.filter((g) => g.grade === 'weak').map((g) => g.r);
  const pool = strong.length > 0 ? strong : weak;
  const reading = pool[pool.length - 1];
  if (!reading) return { ok: false, error: `no plausible Schema cell at the end of the row (only ${all.map((r) => JSON.stringify(r.schemaText)).join(', ')})` };
  const alternative = strong.length > 1 ? strong[strong.length - 2] : undefined;
  return { ok: true, reading, ...(alternative ? { alternative } : {}) };
}

/** How a reading is described in an ambiguity message. */
export function describeReading(r: TailReading): string {
  return `schema ${JSON.stringify(formatSchemaExpression(r.schema))}${r.default !== undefined ? ` default ${JSON.stringify(r.default)}` : ' no default'}`;
}

/**
 * Description cell lines → description and constraints. A line that carries its constraints inline
 * (a rendering that lost its `<br>`s: `Cluster ID Example : 2a9b…`) is split into its parts first,
 * but only up to the first constraint: a free line after one continues that constraint's value.
 */
export function readDescriptionLines(lines: readonly string[]): { description: string; constraints: Constraint[] } {
  const expanded: string[] = [];
  let constraintSeen = false;
  for (const line of lines) {
    const inline = constraintSeen || parseConstraintLine(line) ? undefined : splitDescriptionCell(line);
    if (!inline || inline.constraints.length === 0) {
      constraintSeen ||= parseConstraintLine(line) !== undefined;
      expanded.push(line);
      continue;
    }
    constraintSeen = true;
    if (inline.description !== '') expanded.push(inline.description);
    expanded.push(...inline.constraints.map((c) => (c.value === '' ? `${c.key} :` : `${c.key} : ${c.value}`)));
  }
  return splitDescriptionLines(expanded);
}
