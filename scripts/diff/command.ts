/**
 * `npm run cli -- diff` — the semantic change report for two spec files, or for two versions of one
 * service in specs/. Argument handling and file reading only; the comparison is `diffSpecs`.
 *
 *   npm run cli -- diff <old-spec> <new-spec> [--json] [--fail-on-breaking]
 *   npm run cli -- diff <service> <old-version> <new-version> [--json] [--fail-on-breaking]
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { operationEntries } from '../openapi-operations.ts';
import { specFileOf } from '../specs-dir.ts';
import { quietOnClosedStdout } from '../update/stdout.ts';
import { diffSpecs } from './diff-specs.ts';
import { renderChangeJson, renderChangeMarkdown } from './render.ts';
import { isObject } from '../emit/json-value.ts';
import type { OpenApiDoc } from './types.ts';

/** Limits on what `diff` reads: our specs are ~85 KB and under 20 levels deep. */
export const SPEC_LIMITS = { bytes: 50 * 1024 * 1024, depth: 100 } as const;

const USAGE = [
  'usage: npm run cli -- diff <old-spec> <new-spec> [--json] [--fail-on-breaking]',
  '       npm run cli -- diff <service> <old-version> <new-version> [--json] [--fail-on-breaking]',
  '',
  'Prints the semantic changes (operations, parameters, schemas, responses, lifecycle) from the first',
  'spec to the second, breaking ones flagged. Exit code: 0, or 1 with --fail-on-breaking when a',
  'breaking change was found, 2 on a usage or file error.',
].join('\n');

/** Service id and version as a spec states them (`x-scp-api-version: data-flow 1.1`, `info.version`). */
function specIdentity(doc: OpenApiDoc): { service?: string; version?: string } {
  const info = isObject(doc.info) ? doc.info : {};
  const version = typeof info.version === 'string' ? info.version : undefined;
  for (const { op } of operationEntries(doc)) {
    if (typeof op['x-scp-api-version'] === 'string') {
      const [service] = op['x-scp-api-version'].split(' ');
      return { service, version };
    }
  }
  return { service: typeof info.title === 'string' ? info.title : undefined, version };
}

/**
 * Nesting read off the text before parsing, so that a pathological file is refused instead of
 * exhausting the YAML parser: flow brackets (quotes ignored: an over-estimate) and block
 * indentation (at least one column per level).
 */
function textNesting(text: string): { brackets: number; indent: number } {
  let depth = 0;
  let brackets = 0;
  let indent = 0;
  let lineStart = true;
  let column = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      lineStart = true;
      column = 0;
      continue;
    }
    if (lineStart && c === 32) {
      column++;
      if (column > indent) indent = column;
      continue;
    }
    lineStart = false;
    if (c === 91 || c === 123) brackets = Math.max(brackets, ++depth);
    else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return { brackets, indent };
}

/** Depth of a parsed document, without recursion. */
function valueDepth(root: unknown, limit: number): number {
  let max = 0;
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number];
    if (typeof value !== 'object' || value === null) continue;
    max = Math.max(max, depth);
    if (max > limit) return max;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return max;
}

/** A spec file for `diff`, or one line saying why it cannot be compared. */
export async function loadSpecForDiff(file: string, shown: string = file): Promise<{ doc: OpenApiDoc } | { error: string }> {
  const info = await stat(file);
  if (!info.isFile()) return { error: `${shown}: not a file` };
  const size = info.size;
  if (size > SPEC_LIMITS.bytes) return { error: `${shown}: ${(size / 1048576).toFixed(0)} MB is over the ${SPEC_LIMITS.bytes / 1048576} MB limit for a spec` };
  const text = await readFile(file, 'utf8');
  const tooDeep = `${shown}: nested deeper than the limit of ${SPEC_LIMITS.depth} levels`;
  const nesting = textNesting(text);
  if (nesting.brackets > SPEC_LIMITS.depth || nesting.indent > 8 * SPEC_LIMITS.depth) return { error: tooDeep };
  let doc: unknown;
  try {
    doc = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    const message = (e as Error).message;
    if (/call stack/i.test(message)) return { error: tooDeep };
    return { error: `${shown}: not YAML or JSON (${message.split('\n')[0]})` };
  }
  if (!isObject(doc) || typeof doc.openapi !== 'string' || !isObject(doc.paths)) {
    return { error: `${shown}: not an OpenAPI document (no "openapi" version and "paths" object at the top level)` };
  }
  if (valueDepth(doc, SPEC_LIMITS.depth) > SPEC_LIMITS.depth) return { error: tooDeep };
  return { doc: doc as OpenApiDoc };
}

function resolveSpecPath(arg: string, root: string): string | undefined {
  for (const candidate of [path.resolve(arg), path.resolve(root, arg)]) if (existsSync(candidate)) return candidate;
  return undefined;
}

export async function runDiffCommand(args: string[], root: string): Promise<{ output: string; exitCode: number }> {
  quietOnClosedStdout();
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
  let shown: [string, string];
  let label: { service?: string; version?: string } | undefined;
  if (positionals.length === 3) {
    const [service, v1, v2] = positionals as [string, string, string];
    oldFile = path.join(root, specFileOf(service, v1));
    newFile = path.join(root, specFileOf(service, v2));
    shown = [path.relative(root, oldFile), path.relative(root, newFile)];
    for (const [f, v] of [[oldFile, v1], [newFile, v2]] as const) {
      if (!existsSync(f)) return { output: `no spec for ${service} ${v}: ${path.relative(root, f)} does not exist`, exitCode: 2 };
    }
    label = { service, version: v1 === v2 ? v1 : `${v1} → ${v2}` };
  } else if (positionals.length === 2) {
    const [a, b] = positionals as [string, string];
    oldFile = resolveSpecPath(a, root);
    newFile = resolveSpecPath(b, root);
    shown = [a, b];
    if (!oldFile || !newFile) return { output: `spec file not found: ${!oldFile ? a : b}`, exitCode: 2 };
  } else {
    return { output: USAGE, exitCode: 2 };
  }

  const loaded = await Promise.all([loadSpecForDiff(oldFile, shown[0]), loadSpecForDiff(newFile, shown[1])]);
  const failure = loaded.find((l): l is { error: string } => 'error' in l);
  if (failure) return { output: failure.error, exitCode: 2 };
  const [oldDoc, newDoc] = loaded.map((l) => (l as { doc: OpenApiDoc }).doc) as [OpenApiDoc, OpenApiDoc];
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
