/**
 * What becomes of each snapshot file once discovery has found the services' new sources. Pure.
 *
 * - A file holding no service in scope is kept as it is (an unreadable one too, unless the whole site
 *   was discovered).
 * - A file whose services are all discovered (or in scope but gone) is superseded: dropped. Its
 *   operation-versions that the new sources lack are looked for on their own pages: the page the
 *   entry came from when it is a per-operation page (then re-fetched in place), else the page built
 *   from the service's URL and the operation's slug. So are those of a file a new source rewrites in
 *   place (last run's index file of a service whose new index entry lacks a page).
 * - Any other file (it also holds services outside the scope, or nothing was discovered) is
 *   re-fetched from its origin, as before discovery existed.
 * Versions a discovered service's version table lists but no operation page has are probed too.
 */
import type { ManifestFile } from '../manifest.ts';
import type { SourceDoc } from '../model.ts';
import { compareVersions } from '../../src/version-order.ts';
import type { Discovery, ServiceSource } from './discover/discover.ts';
import { guessSlug, operationPath } from './discover/site-paths.ts';
import { inventoryOf } from './floor.ts';
import { pageKind } from './plan.ts';
import { inScope, isWholeSite, type Scope, type ServiceNames } from './scope.ts';

export interface OldSource {
  readonly entry: ManifestFile;
  /** The file as read (undefined when it could not be read). */
  readonly doc?: SourceDoc;
  readonly ids: ReadonlySet<string>;
}

/** A per-operation page to fetch for an operation-version the new sources lack. */
export interface NewPage {
  readonly origin: string;
  readonly file: string;
  readonly service: string;
  /** `snapshot`: the snapshot had it; `version-table`: the service lists the version. */
  readonly reason: 'snapshot' | 'version-table';
}

export interface SnapshotPlan {
  readonly keep: readonly ManifestFile[];
  readonly refetch: readonly ManifestFile[];
  readonly drop: readonly ManifestFile[];
  readonly newPages: readonly NewPage[];
  /** Origins whose 404 means "gone" rather than a failed update (per-operation pages). */
  readonly missingOk: ReadonlySet<string>;
}

export interface PlanContext {
  readonly site: string;
  readonly lang: string;
  readonly scope: Scope;
  /** Names of a service known by id only (from the manifest: its category and URL). */
  readonly namesOf: (id: string) => ServiceNames;
}

function perPageFileName(segment: string, slug: string, version: string): string {
  return `op_${segment}_${slug}_${version}.html`;
}

function pageFor(source: ServiceSource, op: { readonly name?: string; readonly version: string }, ctx: PlanContext): NewPage | undefined {
  const slug = source.operations.find((o) => o.name !== undefined && o.name === op.name)?.slug ?? (op.name ? guessSlug(op.name) : undefined);
  if (!slug) return undefined;
  const origin = `${ctx.site}${operationPath(source.category, source.segment, slug, op.version, ctx.lang)}`;
  return { origin, file: perPageFileName(source.segment, slug, op.version), service: source.id, reason: 'snapshot' };
}

/**
 * Pages for the versions a service's version table lists (not PLANNED) that none of its operation
 * pages has: for every operation the index names (by a page or by its section page).
 */
function versionTableProbes(source: ServiceSource, ctx: PlanContext): NewPage[] {
  const rows = source.doc.services.flatMap((s) => s.versionTable ?? []);
  const indexed = new Set(source.operations.map((o) => o.version));
  const slugs = [...new Set([...source.operations.map((o) => o.slug), ...source.sectionSlugs])].sort();
  const versions = [...new Set(rows.filter((r) => r.status !== 'PLANNED' && !indexed.has(r.version)).map((r) => r.version))].sort(compareVersions);
  return versions.flatMap((version) =>
    slugs.map((slug) => ({
      origin: `${ctx.site}${operationPath(source.category, source.segment, slug, version, ctx.lang)}`,
      file: perPageFileName(source.segment, slug, version),
      service: source.id,
      reason: 'version-table' as const,
    })),
  );
}

export function planSnapshot(old: readonly OldSource[], discovery: Discovery, ctx: PlanContext): SnapshotPlan {
  const byId = new Map(discovery.services.map((s) => [s.id, s]));
  const discoveredFiles = new Set(discovery.services.map((s) => s.entry.file));
  const found = inventoryOf(discovery.services.map((s) => s.doc)).operations;
  const keep: ManifestFile[] = [];
  const refetch: ManifestFile[] = [];
  const drop: ManifestFile[] = [];
  const pages = new Map<string, NewPage>();
  const missingOk = new Set<string>();
  const scoped = (id: string): boolean => byId.has(id) || inScope(ctx.scope, ctx.namesOf(id));

  /** Pages for the operation-versions of `o` that the new sources lack (for services discovered). */
  const lackingPages = (o: OldSource): NewPage[] => {
    const lacking = [...inventoryOf(o.doc ? [o.doc] : []).operations].filter(([k, op]) => !found.has(k) && byId.has(op.service)).map(([, op]) => op);
    return lacking.flatMap((op) => pageFor(byId.get(op.service) as ServiceSource, op, ctx) ?? []);
  };

  for (const o of old) {
    if (discoveredFiles.has(o.entry.file)) {
      // Rewritten in place by its new source; what that lacks (an index that dropped a page the site still serves) is looked for on its own page.
      for (const page of lackingPages(o)) pages.set(page.origin, page);
      continue;
    }
    const ids = [...o.ids];
    if (ids.length === 0) {
      // Unreadable or empty: asked again as before discovery, superseded by a whole-site one, else left alone.
      (discovery.method === 'manifest' ? refetch : isWholeSite(ctx.scope) ? drop : keep).push(o.entry);
    } else if (!ids.some(scoped)) keep.push(o.entry);
    else if (discovery.method === 'manifest' || !ids.every(scoped)) refetch.push(o.entry);
    else {
      const missing = lackingPages(o);
      if (missing.length > 0 && pageKind(o.entry.origin) === 'operation') {
        // The page this entry came from is the one to ask again.
        refetch.push(o.entry);
        missingOk.add(o.entry.origin);
        continue;
      }
      drop.push(o.entry);
      for (const page of missing) pages.set(page.origin, page);
    }
  }
  for (const s of discovery.services) for (const p of versionTableProbes(s, ctx)) if (!pages.has(p.origin)) pages.set(p.origin, p);
  // A page an entry already comes from is re-fetched as that entry.
  for (const e of refetch) pages.delete(e.origin);
  for (const origin of pages.keys()) missingOk.add(origin);
  return { keep, refetch, drop, newPages: [...pages.values()].sort((a, b) => a.origin.localeCompare(b.origin)), missingOk };
}
