/**
 * Reading the build's `specs/<service>/<version>.yaml` (and `latest.yaml`) for the docs site.
 * The service id and version come from the path. Reading the text and parsing it are separate
 * steps, so Redoc views can be queued from the texts before any YAML is parsed. Parsing uses
 * js-yaml's YAML 1.2 core schema, what `yaml` (which wrote the files) parses by default, at about a
 * tenth of the cost (a cold docs build parses every spec); test/docs/spec-files.test.ts checks
 * both read every committed spec alike.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { CORE_SCHEMA, load } from 'js-yaml';

/** A spec file as read from disk, not yet parsed. */
export interface SpecText {
  readonly service: string;
  readonly version: string;
  readonly file: string;
  readonly text: string;
}

export interface SpecFile extends SpecText {
  readonly doc: unknown;
}

/** Every `<service>/<name>.yaml` under specsDir (latest.yaml included), sorted by service then file name. */
export async function readSpecTexts(specsDir: string): Promise<SpecText[]> {
  const services = (await readdir(specsDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  const perService = await Promise.all(
    services.map(async (service) => {
      const dir = path.join(specsDir, service);
      const names = (await readdir(dir)).filter((n) => n.endsWith('.yaml')).sort();
      return Promise.all(
        names.map(async (name): Promise<SpecText> => {
          const file = path.join(dir, name);
          return { service, version: name.slice(0, -'.yaml'.length), file, text: await readFile(file, 'utf8') };
        }),
      );
    }),
  );
  return perService.flat();
}

/** The document a spec's YAML text holds (one document, core schema: no timestamps, no merge keys). */
export function parseSpecYaml(text: string): unknown {
  return load(text, { schema: CORE_SCHEMA });
}

/** Parse a spec's YAML; throws naming the file when it is not valid YAML. */
export function parseSpecText(spec: SpecText): SpecFile {
  try {
    return { ...spec, doc: parseSpecYaml(spec.text) };
  } catch (e) {
    throw new Error(`${spec.file}: not valid YAML (${(e as Error).message.split('\n')[0]})`);
  }
}

/** readSpecTexts, each parsed. */
export async function readSpecsDir(specsDir: string): Promise<SpecFile[]> {
  return (await readSpecTexts(specsDir)).map(parseSpecText);
}

/** The spec as pretty-printed JSON (for the site's downloadable .json copies). */
export function specAsJson(spec: SpecFile): string {
  return `${JSON.stringify(spec.doc, null, 2)}\n`;
}
