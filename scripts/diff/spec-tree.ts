/**
 * Compare two specs/ trees (`<service>/<version>.yaml`) version by version, including versions that
 * appeared or disappeared. `latest.yaml` is skipped: it repeats the newest version's file.
 * Reading files is the only I/O; the comparison is `diffSpecs`.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { compareVersionsDesc } from '../../src/version-order.ts';
import { diffSpecs, versionAddedReport, versionRemovedReport } from './diff-specs.ts';
import type { ChangeReport, OpenApiDoc } from './types.ts';

const VERSION_FILE = /^(\d+(?:\.\d+)*)\.ya?ml$/;

/** `service → version → file` for one specs/ directory; a missing directory is an empty tree. */
export async function listSpecVersions(specsDir: string): Promise<Map<string, Map<string, string>>> {
  const out = new Map<string, Map<string, string>>();
  const services = await readdir(specsDir, { withFileTypes: true }).catch(() => []);
  for (const s of services) {
    if (!s.isDirectory()) continue;
    const files = await readdir(path.join(specsDir, s.name)).catch(() => [] as string[]);
    const versions = new Map<string, string>();
    for (const f of files) {
      const m = VERSION_FILE.exec(f);
      if (m) versions.set(m[1] as string, path.join(specsDir, s.name, f));
    }
    if (versions.size > 0) out.set(s.name, versions);
  }
  return out;
}

export async function readSpecFile(file: string): Promise<OpenApiDoc> {
  const text = await readFile(file, 'utf8');
  const doc: unknown = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new Error(`${file}: not an OpenAPI document`);
  return doc as OpenApiDoc;
}

/** One report per (service, version) present in either tree, services by name and versions newest first. */
export async function diffSpecDirectories(oldSpecsDir: string, newSpecsDir: string): Promise<ChangeReport[]> {
  const before = await listSpecVersions(oldSpecsDir);
  const after = await listSpecVersions(newSpecsDir);
  const reports: ChangeReport[] = [];
  for (const service of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const va = before.get(service) ?? new Map<string, string>();
    const vb = after.get(service) ?? new Map<string, string>();
    for (const version of [...new Set([...va.keys(), ...vb.keys()])].sort(compareVersionsDesc)) {
      const fa = va.get(version);
      const fb = vb.get(version);
      const label = { service, version };
      if (fa && fb) {
        const [ta, tb] = await Promise.all([readFile(fa, 'utf8'), readFile(fb, 'utf8')]);
        // Identical text cannot differ semantically; skip the parse.
        reports.push(ta === tb ? { ...label, status: 'unchanged', changes: [], breaking: 0 } : diffSpecs(await readSpecFile(fa), await readSpecFile(fb), label));
      } else if (fb) reports.push(versionAddedReport(await readSpecFile(fb), label));
      else if (fa) reports.push(versionRemovedReport(await readSpecFile(fa), label));
    }
  }
  return reports;
}
