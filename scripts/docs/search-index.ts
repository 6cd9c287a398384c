/**
 * The portal's operation search index (`site/search-index.json` for tools, and a content-hashed
 * script the portal loads on first use, which also works from file://): one entry per operation and
 * version, with its description and the descriptions of its parameters and fields (Korean and
 * English as the docs have them), and the relative link into the reference page (latest.yaml
 * documents are left out: their operations are already listed under their own version). Pure:
 * portal model in, index out. Ordered by category, service, newest version, then path, so the file
 * is reproducible. The matching itself runs in the browser (assets/search-core.js).
 */
import { jsonForScript } from './html.ts';
import type { ApiStatus } from './openapi-view.ts';
import type { PortalModel } from './portal-model.ts';

export interface SearchEntry {
  readonly service: string;
  readonly serviceTitle: string;
  readonly category: string;
  readonly version: string;
  /** The version the service uses when no Scp-Api-Version header is sent. */
  readonly isDefault: boolean;
  readonly operationId: string;
  readonly summary: string;
  readonly description: string;
  /** Parameter and field descriptions, ' · '-separated. */
  readonly text: string;
  readonly method: string;
  readonly path: string;
  readonly status?: ApiStatus;
  readonly deprecated: boolean;
  /** Relative to the site root, e.g. `data-flow/1.1.html#/data-flow/listdataflows`. */
  readonly href: string;
}

export interface SearchIndex {
  readonly format: 2;
  readonly entries: readonly SearchEntry[];
}

export function buildSearchIndex(model: PortalModel): SearchIndex {
  const entries: SearchEntry[] = [];
  for (const category of model.categories) {
    for (const service of category.services) {
      for (const version of service.versions) {
        const ops = [...version.operations].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
        for (const op of ops) {
          entries.push({
            service: service.id,
            serviceTitle: service.title,
            category: category.title,
            version: version.version,
            isDefault: version.isDefault,
            operationId: op.operationId ?? '',
            summary: op.summary ?? '',
            description: op.description ?? '',
            text: op.searchText,
            method: op.method,
            path: op.path,
            ...(op.status ? { status: op.status } : {}),
            deprecated: op.deprecated,
            href: op.href,
          });
        }
      }
    }
  }
  return { format: 2, entries };
}

/** The index as a classic script (`window.ScpSearchIndex = …`), loadable from file:// where fetch is not. */
export function searchIndexScript(index: SearchIndex): string {
  return `window.ScpSearchIndex=${jsonForScript(index)};\n`;
}
