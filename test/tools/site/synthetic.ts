/**
 * A synthetic site the size of the live reference (63 services in 12 categories, ≈1,500
 * operation-versions), made deterministically from a seed out of the real specs: each synthetic
 * service copies a real service's operations (a subset) and models under a new id, title and path
 * prefix, with API versions 1.0–1.2 chosen per operation (some operations stay at an older version
 * while others move on), older versions DEPRECATED or SUPPORTED with a date, newer descriptions
 * changed, and one service whose URL has no region (`https://product.{environment}.samsungsdscloud.com`).
 * Rendered with ./render-site.ts in Korean and English.
 */
import { compareVersions } from '../../../src/version-order.ts';
import type { SpecInput } from './from-spec.ts';
import { renderSite, type RenderOptions, type SiteFile } from './render-site.ts';

type Json = Record<string, unknown>;

export interface SyntheticOptions {
  readonly seed?: number;
  readonly services?: number;
}

export const SYNTHETIC_CATEGORIES: readonly string[] = [
  'ai-ml',
  'application-service',
  'compute',
  'data-analytics',
  'database',
  'devops-tools',
  'financial-management',
  'management',
  'networking',
  'platform',
  'security',
  'storage',
];

const WORDS = ['cloud', 'object', 'file', 'block', 'virtual', 'load', 'private', 'direct', 'global', 'secure', 'managed', 'bare', 'edge', 'batch', 'stream', 'vector', 'event', 'search', 'cache', 'backup', 'archive', 'identity'];
const VERSIONS = ['1.0', '1.1', '1.2'];

/** mulberry32: a small, well-known seeded generator (deterministic across platforms). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface TemplateOp {
  readonly path: string;
  readonly method: string;
  readonly op: Json;
}

interface Template {
  readonly id: string;
  readonly doc: Json;
  readonly ops: readonly TemplateOp[];
}

/** The newest per-version spec of each real service, with its operations. */
function templatesOf(specs: readonly SpecInput[]): Template[] {
  const newest = new Map<string, SpecInput>();
  for (const s of specs) {
    if (s.version === 'latest') continue;
    const prev = newest.get(s.service);
    if (!prev || compareVersions(s.version, prev.version) > 0) newest.set(s.service, s);
  }
  return [...newest.values()]
    .sort((a, b) => a.service.localeCompare(b.service))
    .map((s) => {
      const ops: TemplateOp[] = [];
      for (const [path, item] of Object.entries(s.doc.paths as Json)) {
        for (const [method, op] of Object.entries(item as Json)) ops.push({ path, method, op: op as Json });
      }
      return { id: s.service, doc: s.doc, ops };
    });
}

interface Plan {
  readonly id: string;
  readonly title: string;
  readonly category: string;
  readonly url: string;
  readonly template: Template;
  /** Per chosen operation, its versions (oldest first). */
  readonly ops: readonly { readonly t: TemplateOp; readonly versions: readonly string[] }[];
  readonly olderStatus: 'DEPRECATED' | 'SUPPORTED';
}

function titleOf(id: string): string {
  return id.split('-').map((w) => (w[0] as string).toUpperCase() + w.slice(1)).join(' ');
}

function planService(i: number, templates: readonly Template[], rnd: () => number): Plan {
  const template = templates[i % templates.length] as Template;
  const id = i === 0 ? 'product' : `${WORDS[i % WORDS.length]}-${template.id}${i >= WORDS.length ? `-${Math.floor(i / WORDS.length) + 1}` : ''}`;
  const category = SYNTHETIC_CATEGORIES[i % SYNTHETIC_CATEGORIES.length] as string;
  const max = 1 + Math.floor(rnd() * 2.6); // newest version index: 1.0, 1.1 or 1.2 (mostly 1.1+)
  const count = Math.min(template.ops.length, 12 + Math.floor(rnd() * 11));
  const start = Math.floor(rnd() * template.ops.length);
  const ops = Array.from({ length: count }, (_, k) => {
    const t = template.ops[(start + k) % template.ops.length] as TemplateOp;
    // Most operations follow the service to its newest version; some stay behind.
    const last = rnd() < 0.75 ? max - 1 : Math.floor(rnd() * max);
    const first = rnd() < 0.7 ? 0 : last;
    return { t, versions: VERSIONS.slice(first, last + 1) };
  });
  const url = id === 'product' ? 'https://product.{environment}.samsungsdscloud.com' : `https://${id}.{region}.{environment}.samsungsdscloud.com`;
  return { id, title: id === 'product' ? 'Product' : titleOf(id), category, url, template, ops, olderStatus: rnd() < 0.5 ? 'DEPRECATED' : 'SUPPORTED' };
}

function opVersion(plan: Plan, t: TemplateOp, versions: readonly string[], v: string): Json {
  const op = structuredClone(t.op);
  const newest = versions[versions.length - 1] === v;
  const status = newest ? 'CURRENT' : plan.olderStatus;
  op['x-scp-api-version'] = `${plan.id} ${v}`;
  op['x-scp-status'] = status;
  op['x-scp-state'] = 'ACTIVE';
  delete op['x-scp-supported-until'];
  delete op.deprecated;
  if (!newest) op['x-scp-supported-until'] = status === 'DEPRECATED' ? '2026-03-19' : '2026-07-01';
  if (status === 'DEPRECATED') op.deprecated = true;
  if (v !== versions[0]) op.description = `${typeof op.description === 'string' ? op.description : ''} v${v}`.trim();
  return op;
}

function specsOf(plan: Plan): SpecInput[] {
  const versions = [...new Set(plan.ops.flatMap((o) => o.versions))].sort(compareVersions);
  // The template's (environment, region) pairs, whether one server lists them all or one per environment does.
  const pairs = ((plan.template.doc.servers as Json[] | undefined) ?? []).flatMap((s) => (Array.isArray(s['x-scp-environments']) ? s['x-scp-environments'] : []));
  const overview = `SCP에서 제공하는 IaaS/PaaS 상품을 프로그램적으로 이용할 수 있도록 지원하는 응용 프로그램 인터페이스(Application Programming Interface, API)를 제공합니다.\n\n본 가이드는 ${plan.title} 서비스에 대한 간략한 설명 및 API를 호출하는 방법을 제공합니다.`;
  return versions.map((version) => {
    const paths: Json = {};
    for (const { t, versions: vs } of plan.ops) {
      if (!vs.includes(version)) continue;
      const path = `/v1/${plan.id}${t.path.replace(/^\/v\d+/, '')}`;
      (paths[path] ??= {}) as Json;
      (paths[path] as Json)[t.method] = opVersion(plan, t, vs, version);
    }
    const doc: Json = {
      openapi: '3.1.0',
      info: { title: plan.title, description: `${overview}\n\nSend the header.`, version, 'x-scp-category': plan.category, 'x-scp-service': plan.id },
      servers: [{ url: plan.url, 'x-scp-environments': pairs }],
      paths,
      components: plan.template.doc.components,
    };
    return { service: plan.id, version, doc };
  });
}

/** The synthetic site's specs (per version). */
export function syntheticSpecs(real: readonly SpecInput[], options: SyntheticOptions = {}): SpecInput[] {
  const rnd = random(options.seed ?? 20260917);
  const templates = templatesOf(real);
  return Array.from({ length: options.services ?? 63 }, (_, i) => planService(i, templates, rnd)).flatMap(specsOf);
}

/** The synthetic site, rendered. */
export function syntheticSite(real: readonly SpecInput[], options: SyntheticOptions & RenderOptions = {}): Map<string, SiteFile> {
  return renderSite(syntheticSpecs(real, options), { categoryTitles: { storage: 'Storage' }, ...options });
}
