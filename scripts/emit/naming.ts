/**
 * Names and values derived from the docs' headings and version tables: operationIds, summaries,
 * title words and support dates. Pure.
 */

/** Words of a heading: `AI&MLOps` → AI, ML, Ops; `StorageClasses` → Storage, Classes; `K8s` → K, 8s. */
function headingWords(name: string): string[] {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .flatMap((w) => w.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+[a-z]*/g) ?? []);
}

/**
 * Stable camelCase operationId from the heading: `CheckDataFlowNameDuplication` →
 * `checkDataFlowNameDuplication`, `Add Instances` → `addInstances`,
 * `Check Duplication AI&MLOps Platform Name` → `checkDuplicationAiMlOpsPlatformName`.
 */
export function operationIdFor(name: string): string {
  const words = headingWords(name);
  if (words.length === 0) return 'operation';
  const id = words
    .map((w, i) => (i === 0 ? w.toLowerCase() : (w[0] as string).toUpperCase() + w.slice(1).toLowerCase()))
    .join('');
  return /^\d/.test(id) ? `op${id}` : id;
}

/** Summary in words: `CheckDataFlowNameDuplication` → `Check Data Flow Name Duplication`; spaced headings stay. */
export function summaryFor(name: string): string {
  if (!/^[A-Za-z0-9]+$/.test(name)) return name.trim();
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
}

/** `20260701` → `2026-07-01`; ISO passes; `-` / '' → none; anything else → raw. */
export function isoSupportDate(raw: string | undefined): { kind: 'none' } | { kind: 'date'; value: string } | { kind: 'raw'; value: string } {
  const t = raw?.trim() ?? '';
  if (t === '' || t === '-') return { kind: 'none' };
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(t);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d) {
      return { kind: 'date', value: `${m[1]}-${m[2]}-${m[3]}` };
    }
  }
  return { kind: 'raw', value: t };
}

/** `data-flow-services` → `Data Flow Services`. */
export function titleWords(segment: string): string {
  return segment
    .split(/[-_]+/)
    .filter((w) => w !== '')
    .map((w) => (w[0] as string).toUpperCase() + w.slice(1))
    .join(' ');
}
