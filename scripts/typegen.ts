/**
 * Type generator step: OpenAPI 3.1 specs → `generated/<service>/<version>.ts` (openapi-typescript) plus
 * `generated/registry.ts`, the type-level map (service, version) → `paths` and the runtime registry the
 * client reads (server template, environments, per-operation `Scp-Api-Version`, status and dates).
 *
 * `generateTypes` only computes file contents (one openapi-typescript run per spec, all in this process);
 * `writeGeneratedFiles` is the I/O edge and rewrites only files whose content changed.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { createConfig } from '@redocly/openapi-core';
import openapiTS, { astToString } from 'openapi-typescript';
import type { OpenAPI3 } from 'openapi-typescript';
import type { EnvironmentRegion, OperationMeta, ServiceVersionMeta, VersionStatus } from '../src/registry-types.ts';
import { optionalClientHeaders } from './typegen-headers.ts';
import { GENERATED_HEADER, renderRegistry, renderServiceEntry, renderServiceRegistry } from './typegen-render.ts';
import { compareVersions } from '../src/version-order.ts';
import { isObject, type Json } from './emit/json-value.ts';
import { operationEntries } from './openapi-operations.ts';
import { writeIfChanged } from './write-if-changed.ts';

export interface SpecInput {
  readonly service: string;
  readonly version: string;
  readonly doc: Record<string, unknown>;
}

export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
}

export interface GenerateTypesOptions {
  /** Import specifier of the runtime's src/ directory as seen from `outDir` (default `../src`). */
  readonly srcImport?: string;
}

const STATUSES: readonly VersionStatus[] = ['CURRENT', 'SUPPORTED', 'DEPRECATED', 'PLANNED'];

/**
 * Contents of every file under `outDir` (absolute paths), in a stable order. Throws one error listing every
 * malformed spec (missing server URL, bad x-scp-api-version / x-scp-status / x-scp-supported-until, …).
 */
export async function generateTypes(
  specs: readonly SpecInput[],
  outDir: string,
  options: GenerateTypesOptions = {},
): Promise<{ files: GeneratedFile[] }> {
  const ordered = [...specs].sort(compareSpecs);
  const duplicates = findDuplicates(ordered);
  if (duplicates.length > 0) throw new Error(`typegen: duplicate specs for ${duplicates.join(', ')}`);

  const problems: string[] = [];
  const metas = ordered.map((spec) => extractMeta(spec, problems));
  if (problems.length > 0) throw new Error(`typegen: ${problems.length} problem(s) in the specs:\n- ${problems.join('\n- ')}`);

  const files: GeneratedFile[] = [];
  // openapi-typescript's default bundling config, built once here instead of once per spec.
  const redocly = await createConfig({ rules: { 'operation-operationId-unique': { severity: 'error' } } }, { extends: ['minimal'] });
  // Sequential on purpose: openapi-typescript keeps module-level caches (e.g. enums) between runs.
  for (const spec of ordered) {
    const nodes = await openapiTS(optionalClientHeaders(structuredClone(spec.doc)) as unknown as OpenAPI3, {
      silent: true,
      redocly,
      // `type: object` without properties means "any object" in these docs, not "empty object".
      emptyObjectsUnknown: true,
      // A field with a default stays optional in requests: the service fills it in.
      defaultNonNullable: false,
    });
    files.push({
      path: path.resolve(outDir, spec.service, `${spec.version}.ts`),
      content: `${GENERATED_HEADER}\n// source: OpenAPI spec ${spec.service} ${spec.version}\n\n${astToString(nodes)}`,
    });
  }
  // Imports from a service's own directory reach src/ one level further up (unless the path is absolute).
  const srcImport = options.srcImport ?? '../src';
  const fromService = srcImport.startsWith('.') ? `../${srcImport}` : srcImport;
  const services = [...new Set(metas.map((m) => m.service))];
  for (const service of services) {
    const own = metas.filter((m) => m.service === service);
    files.push(
      { path: path.resolve(outDir, service, 'index.ts'), content: renderServiceEntry(service, fromService) },
      { path: path.resolve(outDir, service, 'registry.ts'), content: renderServiceRegistry(service, own, fromService) },
    );
  }
  files.push({ path: path.resolve(outDir, 'registry.ts'), content: renderRegistry(services) });
  return { files };
}

/**
 * Write files whose content differs from disk. With `outDir` (a string, or `{ outDir }`), relative file paths
 * resolve against it and stale generated files below it — `.ts` files starting with {@link GENERATED_HEADER}
 * that are not in `files` — are deleted (unless `prune: false`); hand-written files are never touched.
 */
export async function writeGeneratedFiles(
  files: readonly GeneratedFile[],
  target: string | { outDir?: string; prune?: boolean } = {},
): Promise<{ written: string[]; unchanged: string[]; removed: string[] }> {
  const { outDir, prune = true } = typeof target === 'string' ? { outDir: target } : target;
  const resolve = (p: string): string => (outDir === undefined ? path.resolve(p) : path.resolve(outDir, p));
  const written: string[] = [];
  const unchanged: string[] = [];
  for (const file of files) {
    const full = resolve(file.path);
    if (await writeIfChanged(full, file.content)) written.push(full);
    else unchanged.push(full);
  }
  const removed: string[] = [];
  if (outDir !== undefined && prune) {
    const keep = new Set(files.map((f) => resolve(f.path)));
    for (const existing of await listTsFiles(path.resolve(outDir))) {
      if (keep.has(existing)) continue;
      const text = await readFile(existing, 'utf8');
      if (!text.startsWith(GENERATED_HEADER)) continue;
      await rm(existing);
      removed.push(existing);
    }
  }
  return { written, unchanged, removed };
}

async function listTsFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}


function compareSpecs(a: SpecInput, b: SpecInput): number {
  if (a.service !== b.service) return a.service < b.service ? -1 : 1;
  return compareVersions(a.version, b.version);
}

function findDuplicates(ordered: readonly SpecInput[]): string[] {
  const dups: string[] = [];
  for (let i = 1; i < ordered.length; i++) {
    const prev = ordered[i - 1]!;
    const cur = ordered[i]!;
    if (prev.service === cur.service && prev.version === cur.version) dups.push(`${cur.service} ${cur.version}`);
  }
  return dups;
}

/** ISO `yyyy-mm-dd` from a YAML date, an ISO string or the docs' `yyyymmdd`; undefined for `-`/absent. */
function normalizeDate(value: unknown): string | undefined | null {
  if (value === undefined || value === null || value === '' || value === '-') return undefined;
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value !== 'string') return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (compact) return `${compact[1]}-${compact[2]}-${compact[3]}`;
  return null;
}

/** One operation's registry facts, or the problem that keeps it out of the registry. */
function operationMeta(spec: SpecInput, op: Json): OperationMeta | string {
  const apiVersion = op['x-scp-api-version'] ?? (spec.version === 'latest' ? undefined : `${spec.service} ${spec.version}`);
  if (typeof apiVersion !== 'string' || !/^\S+ \d+\.\d+$/.test(apiVersion)) return `x-scp-api-version ${JSON.stringify(apiVersion)} is not "<service> <major.minor>"`;
  const status = op['x-scp-status'] ?? 'CURRENT';
  if (!STATUSES.includes(status as VersionStatus)) return `x-scp-status ${JSON.stringify(status)} is not one of ${STATUSES.join(', ')}`;
  const notBefore = normalizeDate(op['x-scp-supported-until']);
  if (notBefore === null) return `x-scp-supported-until ${JSON.stringify(op['x-scp-supported-until'])} is not a date`;
  return { apiVersion, status: status as VersionStatus, ...(notBefore !== undefined ? { notBefore } : {}) };
}

/** Registry entry for one spec; problems are appended (named by service, version and operation). */
function extractMeta(spec: SpecInput, problems: string[]): ServiceVersionMeta {
  const where = `${spec.service} ${spec.version}`;
  const server = Array.isArray(spec.doc.servers) && isObject(spec.doc.servers[0]) ? spec.doc.servers[0] : undefined;
  const serverTemplate = typeof server?.url === 'string' ? server.url : '';
  if (serverTemplate === '') problems.push(`${where}: servers[0].url is missing`);
  const environments: EnvironmentRegion[] = [];
  // One server entry per environment: the valid pairs are those of every entry together.
  const servers: unknown[] = Array.isArray(spec.doc.servers) ? spec.doc.servers : [];
  const rawEnvs = servers.flatMap((s) => (isObject(s) && Array.isArray(s['x-scp-environments']) ? (s['x-scp-environments'] as unknown[]) : []));
  if (servers.some((s) => isObject(s) && s['x-scp-environments'] !== undefined && !Array.isArray(s['x-scp-environments']))) {
    problems.push(`${where}: a server's x-scp-environments is not a list`);
  }
  for (const env of rawEnvs) {
    if (isObject(env) && typeof env.environment === 'string' && typeof env.region === 'string') {
      environments.push({ environment: env.environment, region: env.region });
    } else {
      problems.push(`${where}: bad x-scp-environments entry ${JSON.stringify(env)}`);
    }
  }

  const operations: Record<string, OperationMeta> = {};
  // By path (code-unit order), each path's methods in the usual order: the registry's key order.
  const entries = operationEntries(spec.doc).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const { path: pathKey, method, op } of entries) {
    const key = `${method.toUpperCase()} ${pathKey}`;
    const meta = operationMeta(spec, op);
    if (typeof meta === 'string') problems.push(`${where} ${key}: ${meta}`);
    else operations[key] = meta;
  }
  return { service: spec.service, version: spec.version, serverTemplate, environments, operations };
}
