/**
 * The build's specs (read by scripts/specs-dir.ts) as the docs site uses them: each parsed, and as
 * the JSON copy the site offers for download.
 */
import { parseSpecDoc, readSpecTexts, type SpecText } from '../specs-dir.ts';

export interface SpecFile extends SpecText {
  readonly doc: unknown;
}

/** Parse a spec's YAML; throws naming the file when it is not valid YAML or not a mapping. */
export function parseSpecText(spec: SpecText): SpecFile {
  return { ...spec, doc: parseSpecDoc(spec.file, spec.text) };
}

/** Every spec under specsDir (latest.yaml included), each parsed. */
export async function readSpecsDir(specsDir: string): Promise<SpecFile[]> {
  return (await readSpecTexts(specsDir)).map(parseSpecText);
}

/** The spec as pretty-printed JSON (for the site's downloadable .json copies). */
export function specAsJson(spec: SpecFile): string {
  return `${JSON.stringify(spec.doc, null, 2)}\n`;
}
