/**
 * Reading the build's `specs/<service>/<version>.yaml` (and `latest.yaml`) for the docs site.
 * The service id and version come from the path. Reading the text and parsing it are separate
 * steps: an unchanged site is recognised from the texts alone, without parsing YAML.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';

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

/** Parse a spec's YAML; throws naming the file when it is not valid YAML. */
export function parseSpecText(spec: SpecText): SpecFile {
  try {
    return { ...spec, doc: parse(spec.text) };
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
