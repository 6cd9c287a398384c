/**
 * The pages of one service in one language, as the site has them: overview, APIs list (rendered
 * client-side on the live site: no content), one section page per operation, one page per
 * operation and version, Models list, one page per model. Each page knows its ref, title, content
 * and breadcrumb; the whole-page HTML, print pages and search index are made from these.
 */
import { compareVersions, compareVersionsDesc } from '../../../src/version-order.ts';
import type { ServiceVersionRow } from '../../../scripts/model.ts';
import { modelContent, operationContent, overviewContent, serviceBase, type HistoryEntry, type Lang } from './content.ts';
import type { SiteOperation, SiteService } from './from-spec.ts';
import type { NavLink } from './page.ts';
import { plainBody } from './plain.ts';

export type PageKind = 'overview' | 'apis' | 'operation-section' | 'operation' | 'models' | 'model';

export interface SitePage {
  readonly kind: PageKind;
  readonly lang: Lang;
  readonly ref: string;
  readonly title: string;
  /** Breadcrumb's active item when it differs from the title (an operation page shows its version). */
  readonly crumb?: string;
  /** Title in print views when it differs (an operation page is printed as its version: `1.1.1 - 1.1`). */
  readonly printTitle?: string;
  readonly content: string;
  readonly breadcrumb: readonly NavLink[];
}

export interface ServicePages {
  readonly service: SiteService;
  readonly lang: Lang;
  readonly base: string;
  readonly categoryTitle: string;
  readonly pages: readonly SitePage[];
  /** Operation names by slug, in TOC order (names sorted case-insensitively). */
  readonly slugs: ReadonlyMap<string, string>;
}

/** Lower-case letters and digits of the heading, made unique within the service. */
function slugsOf(operations: readonly SiteOperation[]): Map<string, string> {
  const slugs = new Map<string, string>();
  const byName = new Map<string, string>();
  for (const op of operations) {
    if (byName.has(op.name)) continue;
    const base = op.name.toLowerCase().replace(/[^a-z0-9]/g, '') || 'operation';
    let slug = base;
    for (let n = 2; slugs.has(slug); n++) slug = `${base}${n}`;
    slugs.set(slug, op.name);
    byName.set(op.name, slug);
  }
  return slugs;
}

function changeKey(op: SiteOperation): string {
  return JSON.stringify([op.method, op.path, op.description, op.parameters.map((p) => [p.in, p.name, p.required, p.schemaText, p.default]), op.responses.map((r) => [r.code, r.schemaText])]);
}

/** API Version History: per version after the first, the operations added, changed and removed. */
export function historyOf(operations: readonly SiteOperation[]): HistoryEntry[] {
  const versions = [...new Set(operations.map((o) => o.version))].sort(compareVersions);
  const out: HistoryEntry[] = [];
  for (let i = 1; i < versions.length; i++) {
    const at = (v: string): Map<string, SiteOperation> => new Map(operations.filter((o) => o.version === v).map((o) => [o.name, o]));
    const before = at(versions[i - 1] as string);
    const now = at(versions[i] as string);
    const v = versions[i] as string;
    for (const [name, op] of now) {
      const prev = before.get(name);
      if (!prev) out.push({ version: v, kind: 'New', method: op.method, path: op.path, name });
      else if (changeKey(prev) !== changeKey(op)) out.push({ version: v, kind: 'Changed', method: op.method, path: op.path, name });
    }
    for (const [name, op] of before) if (!now.has(name)) out.push({ version: v, kind: 'Removed', method: op.method, path: op.path, name });
  }
  return out.sort((a, b) => compareVersionsDesc(a.version, b.version));
}

function majority(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? '';
}

/** The service Version table: each version with the status and date most of its operations have. */
export function versionTableOf(operations: readonly SiteOperation[]): ServiceVersionRow[] {
  const versions = [...new Set(operations.map((o) => o.version))].sort(compareVersionsDesc);
  return versions.map((version) => {
    const ops = operations.filter((o) => o.version === version);
    return { version, status: majority(ops.map((o) => o.status)) as ServiceVersionRow['status'], supportedUntil: majority(ops.map((o) => o.supportedUntil ?? '-')) };
  });
}

export function servicePages(service: SiteService, lang: Lang, categoryTitle: string): ServicePages {
  const base = serviceBase(lang, service.category, service.id);
  const root = lang === 'en' ? '/en/apireference/' : '/apireference/';
  const crumbs: NavLink[] = [
    { href: root, title: 'API Reference' },
    { href: `${root}${service.category}/`, title: categoryTitle },
  ];
  const svcCrumbs: NavLink[] = [...crumbs, { href: base, title: service.title }];
  const apis: NavLink = { href: `${base}apis/`, title: 'APIs' };
  const models: NavLink = { href: `${base}models/`, title: 'Models' };
  const slugs = slugsOf(service.operations);
  const slugOf = new Map([...slugs].map(([slug, name]) => [name, slug]));
  const pages: SitePage[] = [];
  const facts = { ...service, versionTable: versionTableOf(service.operations), history: historyOf(service.operations) };
  pages.push({ kind: 'overview', lang, ref: base, title: service.title, content: overviewContent(facts, lang), breadcrumb: crumbs });
  pages.push({ kind: 'apis', lang, ref: apis.href, title: 'APIs', content: '', breadcrumb: svcCrumbs });
  for (const [slug, name] of slugs) {
    pages.push({ kind: 'operation-section', lang, ref: `${apis.href}${slug}/`, title: name, content: '', breadcrumb: [...svcCrumbs, apis] });
  }
  for (const op of service.operations) {
    const slug = slugOf.get(op.name) as string;
    const section: NavLink = { href: `${apis.href}${slug}/`, title: op.name };
    // Korean operation pages are titled with their version (the operation is the breadcrumb item above), English ones with the operation.
    const title = lang === 'ko' ? op.version : op.name;
    pages.push({ kind: 'operation', lang, ref: `${section.href}${op.version}/`, title, crumb: op.version, printTitle: op.version, content: operationContent(op, lang, models.href), breadcrumb: [...svcCrumbs, apis, section] });
  }
  if (service.models.length > 0) pages.push({ kind: 'models', lang, ref: models.href, title: 'Models', content: '', breadcrumb: svcCrumbs });
  for (const m of service.models) {
    pages.push({ kind: 'model', lang, ref: `${models.href}${encodeURIComponent(m.name)}/`, title: m.name, content: modelContent(m, models.href), breadcrumb: [...svcCrumbs, models] });
  }
  return { service, lang, base, categoryTitle, pages, slugs };
}

/** The meta description Hugo writes (the page summary): the plain text up to the second section, one line. */
export function summaryOf(page: SitePage): string {
  const cut = page.kind === 'operation' ? page.content.indexOf('<h2', page.content.indexOf('<h2') + 1) : page.content.indexOf('</tr>');
  const part = cut === -1 ? page.content : page.content.slice(0, cut);
  return plainBody(part).replace(/\s+/g, ' ').trim();
}
