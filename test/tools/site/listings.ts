/**
 * Site-wide listing pages: `/apireference/` (since the 2026-09 redesign: categories only, no
 * operation links), a category page (its services), `/apireference/contents-list/` (every category
 * with its services, linked) and `/apireference/api-common/version/` (one row per product: title,
 * `Scp-Api-Version` id, current version and its status).
 */
import { compareVersionsDesc } from '../../../src/version-order.ts';
import { escapeHtml, heading, serviceBase, table, type Lang } from './content.ts';
import type { ServicePages } from './pages.ts';

export interface Category {
  readonly id: string;
  readonly title: string;
  readonly services: readonly ServicePages[];
}

function root(lang: Lang): string {
  return lang === 'en' ? '/en/apireference/' : '/apireference/';
}

function serviceLinks(c: Category, lang: Lang): string {
  return `<ul>\n${c.services.map((s) => `<li><a href="${serviceBase(lang, c.id, s.service.id)}">${escapeHtml(s.service.title)}</a></li>`).join('\n')}\n</ul>`;
}

export function indexContent(categories: readonly Category[], lang: Lang): string {
  return `<ul>\n${categories.map((c) => `<li><a href="${root(lang)}${c.id}/">${escapeHtml(c.title)}</a></li>`).join('\n')}\n</ul>`;
}

export function categoryContent(c: Category, lang: Lang): string {
  return serviceLinks(c, lang);
}

export function contentsListContent(categories: readonly Category[], lang: Lang): string {
  return categories.map((c) => `${heading(2, c.id, c.title)}\n${serviceLinks(c, lang)}`).join('\n');
}

/** The newest CURRENT version of a service (the newest of any status when none is CURRENT). */
export function currentVersion(sp: ServicePages): { version: string; status: string } | undefined {
  const rows = [...new Set(sp.service.operations.map((o) => o.version))].sort(compareVersionsDesc);
  const statusOf = (v: string): string => sp.service.operations.find((o) => o.version === v)?.status ?? 'CURRENT';
  const current = rows.find((v) => statusOf(v) === 'CURRENT') ?? rows[0];
  return current === undefined ? undefined : { version: current, status: statusOf(current) };
}

export function versionListContent(categories: readonly Category[], lang: Lang): string {
  const rows = categories.flatMap((c) =>
    c.services.map((s) => {
      const v = currentVersion(s);
      return [escapeHtml(s.service.title), escapeHtml(s.service.id), v?.version ?? '-', v?.status ?? '-'];
    }),
  );
  const headers = lang === 'en' ? ['Product', 'Service', 'Version', 'Status'] : ['상품', '서비스', '버전', '상태'];
  return `${heading(2, 'current-version', lang === 'en' ? 'Current API version' : '현재 API 버전')}\n${table(headers, rows)}`;
}
