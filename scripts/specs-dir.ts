/**
 * The specs/ tree, `<specsDir>/<service>/<version>.yaml` (each service's `latest.yaml` included): the one
 * module that knows its layout. Service and version come from the path. Listing, reading and parsing are
 * separate steps, so a caller can compare texts without parsing YAML.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { CORE_SCHEMA, load } from 'js-yaml';

/** One spec file of the tree. */
export interface SpecPath {
  readonly service: string;
  /** A version such as `1.1`, or `latest`. */
  readonly version: string;
  /** specsDir joined with `<service>/<version>.yaml`. */
  readonly file: string;
}

/** A spec file as read from disk, not yet parsed. */
export interface SpecText extends SpecPath {
  readonly text: string;
}

/** The file of a spec relative to the project root: `specs/data-flow/1.1.yaml`. */
export function specFileOf(service: string, version: string): string {
  return `specs/${service}/${version}.yaml`;
}

/** `specs/data-flow/1.1.yaml` → data-flow / 1.1: the inverse of {@link specFileOf} (empty strings for another path). */
export function specName(file: string): { service: string; version: string } {
  const [, service = '', version = ''] = /^specs\/([^/]+)\/(.+)\.yaml$/.exec(file) ?? [];
  return { service, version };
}

/** Every `<service>/<name>.yaml` under specsDir, by service then file name; throws when specsDir cannot be read. */
export async function listSpecTree(specsDir: string): Promise<SpecPath[]> {
  const services = (await readdir(specsDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  const perService = await Promise.all(
    services.map(async (service) => {
      const names = (await readdir(path.join(specsDir, service))).filter((n) => n.endsWith('.yaml')).sort();
      return names.map((name): SpecPath => ({ service, version: name.slice(0, -'.yaml'.length), file: path.join(specsDir, service, name) }));
    }),
  );
  return perService.flat();
}

/** The files of the specs/ tree under a project root, relative to it and sorted (`[]` when there is no tree). */
export async function listSpecFiles(root: string): Promise<string[]> {
  const tree = await listSpecTree(path.join(root, 'specs')).catch(() => []);
  return tree.map((s) => specFileOf(s.service, s.version)).sort();
}

/** {@link listSpecTree}, each file with its text. */
export async function readSpecTexts(specsDir: string): Promise<SpecText[]> {
  return Promise.all((await listSpecTree(specsDir)).map(async (s): Promise<SpecText> => ({ ...s, text: await readFile(s.file, 'utf8') })));
}

/**
 * The document a spec's YAML text holds. js-yaml's YAML 1.2 core schema reads what `yaml` (which
 * writes the files) reads by default, at about a tenth of the cost (a cold docs build parses every
 * spec); test/docs/spec-files.test.ts checks both read every committed spec alike.
 */
export function parseSpecYaml(text: string): unknown {
  return load(text, { schema: CORE_SCHEMA });
}

/** A spec's YAML text as a document; throws naming the file when it is not YAML or not a YAML mapping. */
export function parseSpecDoc(file: string, text: string): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = parseSpecYaml(text);
  } catch (e) {
    throw new Error(`${file}: not valid YAML (${(e as Error).message.split('\n')[0]})`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new Error(`${file}: not an OpenAPI document`);
  return doc as Record<string, unknown>;
}
