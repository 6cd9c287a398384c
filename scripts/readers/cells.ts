/**
 * Cell-level helpers shared by every reader: constraint lines, description cells, response reasons,
 * state lines and example header lines. They know the docs' wording, not any layout.
 */
import type { Constraint, ConstraintKey, SourceRef, VersionChange, VersionHistoryEntry, VersionStatus } from '../model.ts';

/** A version number as the docs write it: `1.1`, `1.10` (headings, tables, page refs). */
export const VERSION_NUMBER = /^\d+(?:\.\d+)+$/;

// Longer keys first: `Minimum` is a prefix of `Minimum length`.
const CONSTRAINT_KEYS: readonly ConstraintKey[] = [
  'Minimum length',
  'Maximum length',
  'Example',
  'Pattern',
  'Minimum',
  'Maximum',
];
const CONSTRAINT_LINE = /^(Minimum length|Maximum length|Example|Pattern|Minimum|Maximum) :(?: (.*))?$/;

/** The six request headers every example request carries (SOURCE-FORMATS.md section 8). */
export const EXAMPLE_HEADERS: readonly string[] = ['Scp-Accesskey', 'Scp-Signature', 'Scp-Timestamp', 'Scp-ClientType', 'Accept-Language', 'Scp-Api-Version'];

/** The support-date cell of an op-version's version table: `-` or a date (`20251231`, `2025-12-31`). */
export const SUPPORT_DATE = /^(?:-|\d{8}|\d{4}-\d{2}-\d{2})$/;

/** `Example : foo` → {key: 'Example', value: 'foo'}; `Example :` → value ''. Non-constraint lines → undefined. */
export function parseConstraintLine(line: string): Constraint | undefined {
  const m = CONSTRAINT_LINE.exec(line);
  if (!m) return undefined;
  return { key: m[1] as ConstraintKey, value: m[2] ?? '' };
}

/**
 * Split a description given as lines (flat text, or HTML `<br>`-separated): constraint lines go to
 * `constraints`; the other lines, joined by '\n', are the description.
 */
export function splitDescriptionLines(lines: readonly string[]): { description: string; constraints: Constraint[] } {
  const constraints: Constraint[] = [];
  const text: string[] = [];
  for (const line of lines) {
    const c = parseConstraintLine(line);
    if (c) constraints.push(c);
    else if (constraints.length === 0) text.push(line);
    // A free line after a constraint belongs to that constraint's value (multi-line example).
    else {
      const last = constraints.pop() as Constraint;
      constraints.push({ key: last.key, value: last.value === '' ? line : `${last.value}\n${line}` });
    }
  }
  return { description: text.join('\n').trim(), constraints };
}

const INLINE_KEY = new RegExp(`(?:^| )(${CONSTRAINT_KEYS.join('|')}) :(?= |$)`, 'g');

/**
 * Split a one-line description cell (markdown layout: `Cluster ID Example : 2a9be…`) into the
 * description and its constraints.
 */
export function splitDescriptionCell(cell: string): { description: string; constraints: Constraint[] } {
  const matches = [...cell.matchAll(INLINE_KEY)];
  if (matches.length === 0) return { description: cell.trim(), constraints: [] };
  const first = matches[0] as RegExpMatchArray;
  const description = cell.slice(0, first.index).trim();
  const constraints: Constraint[] = matches.map((m, i) => {
    const valueStart = (m.index ?? 0) + m[0].length;
    const next = matches[i + 1];
    const valueEnd = next ? (next.index ?? cell.length) : cell.length;
    return { key: m[1] as ConstraintKey, value: cell.slice(valueStart, valueEnd).trim() };
  });
  return { description, constraints };
}

/** Reason phrases seen in response tables; taken from a fixed list because a model name follows glued. */
export const RESPONSE_REASONS: readonly string[] = [
  'Internal Server Error',
  'Service Unavailable',
  'Unprocessable Entity',
  'Method Not Allowed',
  'Too Many Requests',
  'Not Acceptable',
  'Bad Request',
  'Unauthorized',
  'No Content',
  'Forbidden',
  'Not Found',
  'Accepted',
  'Conflict',
  'Created',
  'OK',
];

const STATE_LINE = /^(?:상태|State)\s+(\S+)\s+\(([^)]*)\)$/;
const STATUSES: readonly VersionStatus[] = ['CURRENT', 'SUPPORTED', 'DEPRECATED', 'PLANNED'];

/** `상태 ACTIVE (CURRENT)` / `State ACTIVE (CURRENT)` → {state, status}; undefined if not a state line. */
export function parseStateLine(line: string): { state: string; status: VersionStatus } | { state: string; unknownStatus: string } | undefined {
  const m = STATE_LINE.exec(line.trim());
  if (!m) return undefined;
  const state = m[1] as string;
  const status = (m[2] as string).trim();
  if ((STATUSES as readonly string[]).includes(status)) return { state, status: status as VersionStatus };
  return { state, unknownStatus: status };
}

export function isVersionStatus(text: string): text is VersionStatus {
  return (STATUSES as readonly string[]).includes(text);
}

const HEADER_LINE = /^"([A-Za-z-]+) = (.*?)",?$/;

/** `"Scp-Api-Version = data-flow 1.1",` → {name, value}. */
export function parseExampleHeaderLine(line: string): { name: string; value: string } | undefined {
  const m = HEADER_LINE.exec(line.trim());
  if (!m) return undefined;
  return { name: m[1] as string, value: m[2] as string };
}

/** Service id and version from an `Scp-Api-Version` header value (`data-flow 1.1`). */
export function parseApiVersionValue(value: string): { serviceId: string; version: string } | undefined {
  const m = /^(\S+) (\d+(?:\.\d+)+)$/.exec(value.trim());
  if (!m) return undefined;
  return { serviceId: m[1] as string, version: m[2] as string };
}

/** Method line `get /v1/...`. */
export function parseMethodLine(line: string): { method: 'get' | 'post' | 'put' | 'delete' | 'patch'; path: string } | undefined {
  const m = /^(get|post|put|delete|patch) (\/\S*)$/.exec(line.trim());
  if (!m) return undefined;
  return { method: m[1] as 'get' | 'post' | 'put' | 'delete' | 'patch', path: m[2] as string };
}

/** Names of the parameter `Type` column. */
export const PARAMETER_LOCATIONS = ['header', 'path', 'query', 'body', 'cookie', 'formData'] as const;

const HISTORY_TAGS: Readonly<Record<string, VersionChange>> = {
  new: 'new',
  신규: 'new',
  changed: 'changed',
  변경: 'changed',
  removed: 'removed',
  삭제: 'removed',
};
const HISTORY_LINE = /^\[([^\]]+)\]\s*(.*)$/;
const HISTORY_TARGET = /^(GET|POST|PUT|DELETE|PATCH)\s+(\/\S*)\s*(?:-\s*)?(.*)$/i;

/** What one `API Version History` line says, without where it sits. */
export type HistoryLine = Omit<VersionHistoryEntry, 'version' | 'source'>;

/**
 * `[New] GET /products - ListProducts API have been added.` (Korean `[신규] … API가 추가되었습니다.`) →
 * change, method, path and operation name; undefined when the line has no known `[…]` tag.
 */
export function parseHistoryLine(line: string): HistoryLine | undefined {
  const m = HISTORY_LINE.exec(line.trim());
  const change = m ? HISTORY_TAGS[(m[1] as string).trim().toLowerCase()] : undefined;
  if (!m || change === undefined) return undefined;
  const text = (m[2] as string).trim();
  const target = HISTORY_TARGET.exec(text);
  const rest = target ? (target[3] as string) : text;
  const operation = /^([A-Za-z][A-Za-z0-9_]*) API\b/.exec(rest)?.[1];
  return {
    change,
    ...(target ? { method: (target[1] as string).toLowerCase() as NonNullable<VersionHistoryEntry['method']>, path: target[2] as string } : {}),
    ...(operation !== undefined ? { operation } : {}),
    text,
  };
}

/** A history line placed under its version heading (when there is one) and at its source; undefined as for `parseHistoryLine`. */
export function historyEntry(line: string, version: string | undefined, source: SourceRef): VersionHistoryEntry | undefined {
  const entry = parseHistoryLine(line);
  return entry && { ...(version !== undefined ? { version } : {}), ...entry, source };
}
