/**
 * `scp-openapi diff` — the semantic change report for two spec files, or for two versions of one
 * service in specs/. Argument handling and file reading only; the comparison is `diffSpecs`.
 *
 *   scp-openapi diff <old-spec> <new-spec> [--json] [--fail-on-breaking]
 *   scp-openapi diff <service> <old-version> <new-version> [--json] [--fail-on-breaking]
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { diffSpecs } from './diff-specs.ts';
import { renderChangeJson, renderChangeMarkdown } from './render.ts';
import { readSpecFile } from './spec-tree.ts';
import { isObject } from './schema-shape.ts';
import type { OpenApiDoc } from './types.ts';

const USAGE = [
  'usage: scp-openapi diff <old-spec> <new-spec> [--json] [--fail-on-breaking]',
  '       scp-openapi diff <service> <old-version> <new-version> [--json] [--fail-on-breaking]',
  '',
  'Prints the semantic changes (operations, parameters, schemas, responses, lifecycle) from the first',
  'spec to the second, breaking ones flagged. Exit code: 0, or 1 with --fail-on-breaking when a',
  'breaking change was found, 2 on a usage or file error.',
].join('\n');

/** Service id and version as a spec states them (`x-scp-api-version: data-flow 1.1`, `info.version`). */
function specIdentity(doc: OpenApiDoc): { service?: string; version?: string } {
  const info = isObject(doc.info) ? doc.info : {};
  const version = typeof info.version === 'string' ? info.version : undefined;
  const paths = isObject(doc.paths) ? Object.values(doc.paths) : [];
  for (const item of paths) {
    if (!isObject(item)) continue;
    for (const op of Object.values(item)) {
      if (isObject(op) && typeof op['x-scp-api-version'] === 'string') {
        const [service] = op['x-scp-api-version'].split(' ');
        return { service, version };
      }
    }
  }
  return { service: typeof info.title === 'string' ? info.title : undefined, version };
}

function resolveSpecPath(arg: string, root: string): string | undefined {
  for (const candidate of [path.resolve(arg), path.resolve(root, arg)]) if (existsSync(candidate)) return candidate;
  return undefined;
}

export async function runDiffCommand(args: string[], root: string): Promise<{ output: string; exitCode: number }> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, 'fail-on-breaking': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    return { output: `${(e as Error).message}\n\n${USAGE}`, exitCode: 2 };
  }
  const { values, positionals } = parsed;
  if (values.help) return { output: USAGE, exitCode: 0 };

  let oldFile: string | undefined;
  let newFile: string | undefined;
  let label: { service?: string; version?: string } | undefined;
  if (positionals.length === 3) {
    const [service, v1, v2] = positionals as [string, string, string];
    oldFile = path.join(root, 'specs', service, `${v1}.yaml`);
    newFile = path.join(root, 'specs', service, `${v2}.yaml`);
    for (const [f, v] of [[oldFile, v1], [newFile, v2]] as const) {
      if (!existsSync(f)) return { output: `no spec for ${service} ${v}: ${path.relative(root, f)} does not exist`, exitCode: 2 };
    }
    label = { service, version: v1 === v2 ? v1 : `${v1} → ${v2}` };
  } else if (positionals.length === 2) {
    const [a, b] = positionals as [string, string];
    oldFile = resolveSpecPath(a, root);
    newFile = resolveSpecPath(b, root);
    if (!oldFile || !newFile) return { output: `spec file not found: ${!oldFile ? a : b}`, exitCode: 2 };
  } else {
    return { output: USAGE, exitCode: 2 };
  }

  let oldDoc: OpenApiDoc;
  let newDoc: OpenApiDoc;
  try {
    [oldDoc, newDoc] = await Promise.all([readSpecFile(oldFile), readSpecFile(newFile)]);
  } catch (e) {
    return { output: `cannot read spec: ${(e as Error).message}`, exitCode: 2 };
  }
  if (!label) {
    const a = specIdentity(oldDoc);
    const b = specIdentity(newDoc);
    const service = a.service === b.service ? a.service : [a.service, b.service].filter(Boolean).join(' → ');
    const version = a.version === b.version ? a.version : `${a.version ?? '?'} → ${b.version ?? '?'}`;
    label = { ...(service ? { service } : {}), ...(version ? { version } : {}) };
  }
  const report = diffSpecs(oldDoc, newDoc, label);
  const output = values.json ? renderChangeJson([report]) : renderChangeMarkdown([report]);
  return { output, exitCode: values['fail-on-breaking'] && report.breaking > 0 ? 1 : 0 };
}
