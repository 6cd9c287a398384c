/**
 * Reading the build's `specs/<service>/<version>.yaml` (and `latest.yaml`) for the docs site.
 * The service id and version come from the path.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';

export interface SpecFile {
  readonly service: string;
  readonly version: string;
  readonly file: string;
  readonly text: string;
  readonly doc: unknown;
}

function parseSpec(file: string, text: string): unknown {
  try {
    return parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid YAML (${(e as Error).message.split('\n')[0]})`);
  }
}

/** Every `<service>/<name>.yaml` under specsDir (latest.yaml included), sorted by service then file name. */
export async function readSpecsDir(specsDir: string): Promise<SpecFile[]> {
  const specs: SpecFile[] = [];
  const services = (await readdir(specsDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  for (const service of services.sort()) {
    const dir = path.join(specsDir, service);
    const names = (await readdir(dir)).filter((n) => n.endsWith('.yaml')).sort();
    for (const name of names) {
      const file = path.join(dir, name);
      const text = await readFile(file, 'utf8');
      specs.push({ service, version: name.slice(0, -'.yaml'.length), file, text, doc: parseSpec(file, text) });
    }
  }
  return specs;
}

/** The spec as pretty-printed JSON (for the site's downloadable .json copies). */
export function specAsJson(spec: SpecFile): string {
  return `${JSON.stringify(spec.doc, null, 2)}\n`;
}
