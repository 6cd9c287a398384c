/**
 * The manifest after discovery: superseded entries dropped, the services' new source files and
 * fetched per-operation pages added (replacing an entry of the same origin in place, appended in file
 * order otherwise), and each discovered service's category, overview page and overview facts
 * recorded under `services`, categories under `categories`. Pure; other keys are kept as they are.
 */
import type { ManifestFile, ManifestService } from '../manifest.ts';
import type { ServiceDoc } from '../model.ts';
import type { SnapshotChange } from './snapshot.ts';

export interface AddedFile {
  readonly entry: ManifestFile;
  readonly body: Buffer;
}

export interface DiscoveredService {
  readonly id: string;
  readonly category: string;
  /** Overview page URL, cited by every fact. */
  readonly origin: string;
  readonly doc?: ServiceDoc;
}

export interface Composition {
  /** Files of superseded entries. */
  readonly drop: readonly string[];
  readonly add: readonly AddedFile[];
  readonly services: readonly DiscoveredService[];
  /** Category segment → title (from the site), for the categories of `services`. */
  readonly categoryTitles: Readonly<Record<string, string>>;
  readonly site: string;
}

type Raw = Record<string, unknown>;

/** The manifest record of a discovered service: facts from its overview where the page has them, else what was recorded. */
export function serviceFacts(s: DiscoveredService, prev: ManifestService | undefined): ManifestService {
  const cite = s.origin;
  const d = s.doc;
  return {
    ...prev,
    category: s.category,
    origin: s.origin,
    ...(d?.title !== undefined ? { title: { value: d.title, cite } } : {}),
    ...(d?.baseUrl !== undefined ? { baseUrl: { value: d.baseUrl, cite } } : {}),
    ...(d?.environments !== undefined && d.environments.length > 0 ? { environments: { value: d.environments, cite } } : {}),
    ...(d?.versionTable !== undefined && d.versionTable.length > 0 ? { versionTable: { value: d.versionTable, cite } } : {}),
  };
}

function sortedRecord<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function composeFiles(rawFiles: readonly Raw[], c: Composition): Pick<SnapshotChange, 'writes' | 'removes' | 'changedOrigins'> & { files: Raw[] } {
  const drop = new Set(c.drop);
  const byOrigin = new Map(c.add.map((a) => [a.entry.origin, a]));
  const addedFiles = new Set(c.add.map((a) => a.entry.file));
  const files: Raw[] = [];
  const writes: { file: string; body: Buffer }[] = [];
  const removes = new Set<string>();
  const changedOrigins: string[] = [];
  const placed = new Set<string>();
  const put = (a: AddedFile): void => {
    files.push({ ...a.entry });
    writes.push({ file: a.entry.file, body: a.body });
    changedOrigins.push(a.entry.origin);
  };
  for (const entry of rawFiles) {
    const file = String(entry.file);
    const added = byOrigin.get(String(entry.origin));
    if (added && !placed.has(added.entry.origin)) {
      placed.add(added.entry.origin);
      if (file === added.entry.file && entry.sha256 === added.entry.sha256 && entry.layout === added.entry.layout) files.push({ ...entry, category: added.entry.category });
      else {
        put(added);
        if (file !== added.entry.file) removes.add(file);
      }
    } else if (drop.has(file) || added || addedFiles.has(file)) removes.add(file);
    else files.push(entry);
  }
  for (const a of [...c.add].sort((x, y) => x.entry.file.localeCompare(y.entry.file))) if (!placed.has(a.entry.origin)) put(a);
  for (const w of writes) removes.delete(w.file);
  return { files, writes, removes: [...removes].sort(), changedOrigins };
}

export function composeManifest(manifestText: string, c: Composition): SnapshotChange {
  const raw = JSON.parse(manifestText) as Raw & { files: Raw[]; services?: Record<string, ManifestService>; categories?: Record<string, { title: string; origin?: string }> };
  const { files, writes, removes, changedOrigins } = composeFiles(raw.files, c);
  const services: Record<string, ManifestService> = { ...raw.services };
  for (const s of c.services) services[s.id] = serviceFacts(s, services[s.id]);
  const categories: Record<string, { title: string; origin?: string }> = { ...raw.categories };
  for (const category of new Set(c.services.map((s) => s.category))) {
    const title = c.categoryTitles[category] ?? categories[category]?.title ?? category;
    categories[category] = { ...categories[category], title, origin: `${c.site}/apireference/${category}/` };
  }
  const next = { ...raw, files, categories: sortedRecord(categories), services: sortedRecord(services) };
  const text = `${JSON.stringify(next, null, 2)}\n`;
  const dirty = text !== `${JSON.stringify(raw, null, 2)}\n`;
  return { writes, removes, changedOrigins, ...(dirty ? { manifestText: text } : {}) };
}
