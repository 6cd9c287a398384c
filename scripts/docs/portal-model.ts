/**
 * The docs portal's model: every spec grouped by category → service → version, with the version's
 * status (from its operations' `x-scp-status`), support date, operation list and the relative
 * links of its rendered page and raw spec files. A service's `latest.yaml` (the newest non-planned
 * version of every operation) is kept apart as `latest`: it gets a page but no row or search entries.
 * Pure: parsed specs + manifest facts in, model out.
 */
import { hrefPath } from './html.ts';
import { API_STATUSES, type ApiStatus, type OperationView, viewSpec } from './openapi-view.ts';
import { operationDetails } from './operation-detail.ts';
import { redocOperationHash } from './redoc-anchor.ts';
import { operationSearchText } from './search-text.ts';
import { compareVersions } from '../../src/version-order.ts';

/** The file name (without .yaml) of the per-service document holding the newest version of every operation. */
export const LATEST = 'latest';

/** One `specs/<service>/<version>.yaml` (or `latest.yaml`), already parsed. */
export interface SpecInput {
  readonly service: string;
  readonly version: string;
  readonly doc: unknown;
}

/** The slice of sources/manifest.json the portal uses. */
export interface PortalManifest {
  readonly categories?: Readonly<Record<string, { readonly title: string }>>;
  readonly services?: Readonly<Record<string, { readonly category?: string; readonly title?: { readonly value: string } }>>;
}

export interface PortalOperation {
  readonly operationId?: string;
  readonly summary?: string;
  readonly description?: string;
  /** Parameter and field descriptions (see search-text.ts), for the search index. */
  readonly searchText: string;
  readonly method: string;
  readonly path: string;
  readonly tags: readonly string[];
  readonly status?: ApiStatus;
  readonly deprecated: boolean;
  /** `x-scp-api-version`, e.g. "data-flow 1.1" (tells which version a latest.yaml operation comes from). */
  readonly apiVersion?: string;
  /** Element id of the operation on its reference page. */
  readonly anchor: string;
  /** Relative link (from the site root) to the operation in the reference page. */
  readonly href: string;
  /** Relative link (from the site root) to the operation in the Redoc view of the same spec. */
  readonly redocHref: string;
}

export interface PortalVersion {
  /** "1.1", or `LATEST` for the latest document. */
  readonly version: string;
  readonly title?: string;
  /** The status most of the version's operations carry; undefined when none has one. */
  readonly status?: ApiStatus;
  /** How many operations carry each status (shown when a version mixes statuses). */
  readonly statusCounts: Readonly<Partial<Record<ApiStatus, number>>>;
  /** Earliest `x-scp-supported-until` among the version's operations (YYYY-MM-DD). */
  readonly supportedUntil?: string;
  readonly operationCount: number;
  readonly operations: readonly PortalOperation[];
  /** The version the service answers without an Scp-Api-Version header: its newest CURRENT one. */
  readonly isDefault: boolean;
  /** Relative links from the site root. */
  readonly pageHref: string;
  readonly redocHref: string;
  readonly yamlHref: string;
  readonly jsonHref: string;
}

export interface PortalService {
  readonly id: string;
  readonly title: string;
  readonly categoryId: string;
  /** Numbered versions, newest first (numeric comparison: 1.10 > 1.9). */
  readonly versions: readonly PortalVersion[];
  readonly defaultVersion?: string;
  /** The latest.yaml document, when the service has one. */
  readonly latest?: PortalVersion;
  /** The changelog page between consecutive versions (services with two or more versions). */
  readonly changesHref?: string;
}

export interface PortalCategory {
  readonly id: string;
  readonly title: string;
  readonly services: readonly PortalService[];
}

export interface PortalModel {
  readonly categories: readonly PortalCategory[];
  readonly serviceCount: number;
  readonly versionCount: number;
  /** Operations over all numbered versions (an operation in two versions counts twice). */
  readonly operationCount: number;
}

/** Where things live in the built site (relative to its root). */
export const sitePaths = {
  page: (service: string, version: string): string => hrefPath(service, `${version}.html`),
  redoc: (service: string, version: string): string => hrefPath(service, `${version}.redoc.html`),
  changes: (service: string): string => hrefPath(service, 'changes.html'),
  auth: 'auth.html',
  spec: (service: string, version: string, ext: 'yaml' | 'json'): string => hrefPath('specs', service, `${version}.${ext}`),
};

const UNCATEGORISED = { id: 'other', title: 'Other services' };

/** The <title> of a version's reference page (and, with ` · Redoc view`, of its Redoc view). */
export function pageTitle(serviceTitle: string, version: string): string {
  return `${serviceTitle} API ${version === LATEST ? '(latest)' : version} · SCP API Reference`;
}


/** The status most operations carry; ties go to the earlier entry of CURRENT, SUPPORTED, DEPRECATED, PLANNED. */
export function versionStatus(operations: readonly Pick<OperationView, 'status'>[]): {
  status?: ApiStatus;
  counts: Partial<Record<ApiStatus, number>>;
} {
  const counts: Partial<Record<ApiStatus, number>> = {};
  for (const op of operations) if (op.status) counts[op.status] = (counts[op.status] ?? 0) + 1;
  let status: ApiStatus | undefined;
  for (const s of API_STATUSES) if ((counts[s] ?? 0) > (status ? (counts[status] ?? 0) : 0)) status = s;
  return { status, counts };
}

/** The default version: the newest CURRENT one, else the newest that is not PLANNED, else the newest. */
export function pickDefault(versions: readonly { version: string; status?: ApiStatus }[]): string | undefined {
  const sorted = [...versions].sort((a, b) => compareVersions(b.version, a.version));
  return (sorted.find((v) => v.status === 'CURRENT') ?? sorted.find((v) => v.status !== 'PLANNED') ?? sorted[0])?.version;
}

function earliest(dates: readonly (string | undefined)[]): string | undefined {
  return dates.filter((d): d is string => d !== undefined).sort()[0];
}

function buildVersion(service: string, spec: SpecInput, isDefault: boolean): PortalVersion {
  const view = viewSpec(spec.doc);
  const page = sitePaths.page(service, spec.version);
  const redoc = sitePaths.redoc(service, spec.version);
  const { status, counts } = versionStatus(view.operations);
  const operations = operationDetails(spec.doc).map(
    (op): PortalOperation => ({
      anchor: op.anchor,
      operationId: op.operationId,
      summary: op.summary,
      description: op.description,
      searchText: operationSearchText(spec.doc, op),
      method: op.method,
      path: op.path,
      tags: op.tags,
      status: op.status,
      deprecated: op.deprecated,
      apiVersion: op.apiVersion,
      href: `${page}#${op.anchor}`,
      redocHref: redoc + redocOperationHash(op),
    }),
  );
  return {
    version: spec.version,
    title: view.title,
    status,
    statusCounts: counts,
    supportedUntil: earliest(view.operations.map((o) => o.supportedUntil)),
    operationCount: operations.length,
    operations,
    isDefault,
    pageHref: page,
    redocHref: redoc,
    yamlHref: sitePaths.spec(service, spec.version, 'yaml'),
    jsonHref: sitePaths.spec(service, spec.version, 'json'),
  };
}

/**
 * Group specs into the portal model. Services are ordered by title inside categories; categories
 * follow the manifest's order, then categories only the specs name (info.x-scp-category), then
 * "Other services".
 */
export function buildPortalModel(specs: readonly SpecInput[], manifest: PortalManifest): PortalModel {
  const byService = new Map<string, SpecInput[]>();
  for (const s of specs) byService.set(s.service, [...(byService.get(s.service) ?? []), s]);

  const services: PortalService[] = [];
  for (const [id, list] of byService) {
    const numbered = list.filter((s) => s.version !== LATEST);
    const latestSpec = list.find((s) => s.version === LATEST);
    const defaultVersion = pickDefault(
      numbered.map((s) => ({ version: s.version, status: versionStatus(viewSpec(s.doc).operations).status })),
    );
    const versions = numbered
      .map((s) => buildVersion(id, s, s.version === defaultVersion))
      .sort((a, b) => compareVersions(b.version, a.version));
    const anyDoc = (latestSpec ?? numbered[0])?.doc;
    const view = viewSpec(anyDoc);
    const title = versions.find((v) => v.isDefault)?.title ?? versions[0]?.title ?? view.title;
    services.push({
      id,
      title: manifest.services?.[id]?.title?.value ?? title?.replace(/\s+API$/i, '') ?? id,
      categoryId: manifest.services?.[id]?.category ?? view.categoryId ?? UNCATEGORISED.id,
      versions,
      defaultVersion,
      latest: latestSpec ? buildVersion(id, latestSpec, false) : undefined,
      changesHref: versions.length > 1 ? sitePaths.changes(id) : undefined,
    });
  }

  const categoryOrder = [...Object.keys(manifest.categories ?? {}), ...services.map((s) => s.categoryId).filter((c) => c !== UNCATEGORISED.id).sort(), UNCATEGORISED.id];
  const categories: PortalCategory[] = [];
  for (const cid of new Set(categoryOrder)) {
    const members = services.filter((s) => s.categoryId === cid).sort((a, b) => a.title.localeCompare(b.title));
    if (members.length === 0) continue;
    const title = manifest.categories?.[cid]?.title ?? (cid === UNCATEGORISED.id ? UNCATEGORISED.title : cid);
    categories.push({ id: cid, title, services: members });
  }

  const allVersions = services.flatMap((s) => s.versions);
  return {
    categories,
    serviceCount: services.length,
    versionCount: allVersions.length,
    operationCount: allVersions.reduce((n, v) => n + v.operationCount, 0),
  };
}
