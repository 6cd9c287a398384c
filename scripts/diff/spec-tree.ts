/**
 * Compare two specs/ trees (`<service>/<version>.yaml`) version by version, including versions that
 * appeared or disappeared. `latest.yaml` is skipped: it repeats the newest version's file.
 * Reading files is the only I/O; the comparison is `diffSpecs`.
 */
import { readFile } from 'node:fs/promises';
import { compareVersionsDesc } from '../../src/version-order.ts';
import { listSpecTree, parseSpecDoc } from '../specs-dir.ts';
import { diffSpecs, versionAddedReport, versionRemovedReport } from './diff-specs.ts';
import type { ChangeReport, OpenApiDoc } from './types.ts';

/** A numbered version (so `latest` is left out). */
const VERSION = /^\d+(?:\.\d+)*$/;

/** `service → version → file` for one specs/ directory; a missing directory is an empty tree. */
async function listSpecVersions(specsDir: string): Promise<Map<string, Map<string, string>>> {
  const out = new Map<string, Map<string, string>>();
  for (const s of await listSpecTree(specsDir).catch(() => [])) {
    if (!VERSION.test(s.version)) continue;
    const versions = out.get(s.service) ?? new Map<string, string>();
    out.set(s.service, versions.set(s.version, s.file));
  }
  return out;
}

/** A spec file of the tree as an OpenAPI document. */
export async function readSpecFile(file: string): Promise<OpenApiDoc> {
  return parseSpecDoc(file, await readFile(file, 'utf8')) as OpenApiDoc;
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
        // Identical text cannot differ semantically; skip the parse (and parse the texts read, not the files again).
        reports.push(ta === tb ? { ...label, status: 'unchanged', changes: [], breaking: 0 } : diffSpecs(parseSpecDoc(fa, ta) as OpenApiDoc, parseSpecDoc(fb, tb) as OpenApiDoc, label));
      } else if (fb) reports.push(versionAddedReport(await readSpecFile(fb), label));
      else if (fa) reports.push(versionRemovedReport(await readSpecFile(fa), label));
    }
  }
  return reports;
}
