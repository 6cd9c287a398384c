/**
 * Reading the build's `specs/<service>/<version>.yaml` (and `latest.yaml`) for the docs site.
 * The service id and version come from the path. Reading the text and parsing it are separate
 * steps: an unchanged site is recognised from the texts alone, without parsing YAML.
 */
import { parse } from 'yaml';
import { readSpecTexts, type SpecText } from '../specs-dir.ts';

export interface SpecFile extends SpecText {
  readonly doc: unknown;
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
