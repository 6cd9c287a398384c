/**
 * The portal's operation search index (`site/search-index.json`, also embedded in index.html for
 * file:// viewing): one entry per operation and version, with the relative link into the rendered
 * page (latest.yaml documents are left out: their operations are already listed under their own
 * version). Pure: portal model in, index out. Ordered by category, service, newest version, then path,
 * so the file is reproducible. The matching itself runs in the browser (assets/search-core.js).
 */
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
  readonly method: string;
  readonly path: string;
  readonly status?: ApiStatus;
  readonly deprecated: boolean;
  /** Relative to the site root, e.g. `data-flow/1.1.html#/data-flow/listdataflows`. */
  readonly href: string;
}

export interface SearchIndex {
  readonly format: 1;
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
  return { format: 1, entries };
}
