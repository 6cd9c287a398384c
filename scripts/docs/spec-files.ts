/**
 * Reading the build's `specs/<service>/<version>.yaml` (and `latest.yaml`) for the docs site.
 * The service id and version come from the path. Reading the text and parsing it are separate
 * steps, so Redoc views can be queued from the texts before any YAML is parsed. Listing and parsing
 * are specs-dir.ts's.
 */
import { parseSpecDoc, readSpecTexts, type SpecText } from '../specs-dir.ts';

export interface SpecFile extends SpecText {
  readonly doc: unknown;
}

/** Parse a spec's YAML; throws naming the file when it is not valid YAML. */
export function parseSpecText(spec: SpecText): SpecFile {
  return { ...spec, doc: parseSpecDoc(spec.file, spec.text) };
}

/** readSpecTexts, each parsed. */
export async function readSpecsDir(specsDir: string): Promise<SpecFile[]> {
  return (await readSpecTexts(specsDir)).map(parseSpecText);
}

/** The spec as pretty-printed JSON (for the site's downloadable .json copies). */
export function specAsJson(spec: SpecFile): string {
  return `${JSON.stringify(spec.doc, null, 2)}\n`;
}
