/**
 * sources/manifest.json: which docs pages the snapshot holds, how to read each, and the
 * service facts the dumps lack. Parsing is pure; loading is a thin I/O wrapper.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CitedFact, EnvironmentRegion, ServiceVersionRow, SourceLayout } from './model.ts';

export interface ManifestFile {
  readonly file: string;
  readonly origin: string;
  readonly originNote?: string;
  readonly layout: SourceLayout;
  readonly sha256: string;
  readonly category?: string;
  /** HTTP validators remembered by `update` for conditional requests. */
  readonly etag?: string;
  readonly lastModified?: string;
}

/**
 * What the manifest knows of a service. Hand-written for facts the dumps lack; written by `update` for
 * discovered services from their overview page (`origin`), each fact citing it.
 */
export interface ManifestService {
  readonly category?: string;
  /** The service's overview page on the site. */
  readonly origin?: string;
  readonly title?: CitedFact<string>;
  readonly baseUrl?: CitedFact<string>;
  readonly environments?: CitedFact<readonly EnvironmentRegion[]>;
  readonly versionTable?: CitedFact<readonly ServiceVersionRow[]>;
}

export interface Manifest {
  readonly site?: string;
  readonly files: readonly ManifestFile[];
  readonly categories: Readonly<Record<string, { readonly title: string; readonly origin?: string }>>;
  readonly services: Readonly<Record<string, ManifestService>>;
}

const LAYOUTS: readonly SourceLayout[] = ['markdown', 'flat', 'fragment', 'html', 'search-index'];

/** Validate the manifest's shape; errors name the manifest path and the offending entry. */
export function parseManifest(text: string, manifestPath: string): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`${manifestPath}: not valid JSON (${(e as Error).message})`);
  }
  const m = raw as Partial<Manifest>;
  if (!m || typeof m !== 'object' || !Array.isArray(m.files)) throw new Error(`${manifestPath}: missing "files" array`);
  m.files.forEach((f, i) => {
    const where = `${manifestPath}: files[${i}]`;
    if (typeof f?.file !== 'string' || f.file === '') throw new Error(`${where}: missing "file"`);
    if (f.file.includes('/') || f.file.includes('\\')) throw new Error(`${where}: "file" must be a bare file name in sources/`);
    if (typeof f.origin !== 'string') throw new Error(`${where} (${f.file}): missing "origin"`);
    if (!LAYOUTS.includes(f.layout)) throw new Error(`${where} (${f.file}): layout must be one of ${LAYOUTS.join(', ')}`);
    if (typeof f.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(f.sha256)) throw new Error(`${where} (${f.file}): bad "sha256"`);
  });
  return { site: m.site, files: m.files, categories: m.categories ?? {}, services: m.services ?? {} };
}

export async function loadManifest(sourcesDir: string): Promise<Manifest> {
  const manifestPath = path.join(sourcesDir, 'manifest.json');
  return parseManifest(await readFile(manifestPath, 'utf8'), manifestPath);
}
