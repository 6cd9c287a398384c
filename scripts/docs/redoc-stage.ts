/**
 * The Redoc views of a docs build, one per numbered version (latest.yaml repeats operations of
 * those, and each view costs a build-docs run): which to render (a view is rendered again only when its spec,
 * title, version bar, bundle or the render pipeline changed, or its file did), rendering them with
 * the build-docs pool, and finishing and writing them. Views whose spec text or pipeline changed are
 * queued before any spec is parsed, biggest first, so the build-docs runs work while this thread
 * parses specs and writes the static pages.
 */
import path from 'node:path';
import { type DocsRecord, contentKey } from './docs-record.ts';
import { LATEST, type PortalService, pageTitle, sitePaths } from './portal-model.ts';
import { finishRedocView, TITLE_PLACEHOLDER } from './redoc-page.ts';
import type { BuildDocsPool } from './redoc-views.ts';
import type { AssetTable } from './site-assets.ts';
import type { SiteWriter } from './site-writer.ts';
import type { SpecText } from '../specs-dir.ts';
import type { SpecFile } from './spec-files.ts';
import { renderVersionBar } from './version-bar.ts';

export interface RedocStageOptions {
  readonly pool: BuildDocsPool;
  readonly template: string;
  /** Key over what every view's rendering depends on besides its own inputs (CLI version, template, code). */
  readonly pipeline: string;
  readonly previous: DocsRecord;
  /** Each view's files (the page and its compressed copies) → sha256, as found before this build. */
  readonly found: ReadonlyMap<string, Readonly<Record<string, string | undefined>>>;
}

export interface RedocResult {
  /** View → the key it was rendered with (views written or kept). */
  readonly keys: Record<string, string>;
  /** View → key of the spec text it was rendered from. */
  readonly specKeys: Record<string, string>;
  readonly rendered: readonly string[];
  /** The first failure, after every view settled (the views that did render are in keys). */
  readonly error?: unknown;
}

/** Whether a spec gets a Redoc view (numbered versions do; latest.yaml does not). */
export function hasRedocView(version: string): boolean {
  return version !== LATEST;
}

export function redocViewOf(s: { service: string; version: string }): string {
  return sitePaths.redoc(s.service, s.version);
}

/** A view's files: the page and its precompressed copies. */
export function viewFiles(rel: string): string[] {
  return [rel, `${rel}.gz`, `${rel}.br`];
}

function bySizeDesc(a: SpecText, b: SpecText): number {
  return b.text.length - a.text.length;
}

export class RedocStage {
  private readonly early = new Map<string, Promise<string>>();

  constructor(private readonly opts: RedocStageOptions) {}

  private render(s: SpecText): Promise<string> {
    return this.opts.pool.render({ spec: path.resolve(s.file), template: this.opts.template, title: TITLE_PLACEHOLDER });
  }

  /** True when the view's files are on disk exactly as the last build wrote them. */
  private intact(rel: string): boolean {
    const found = this.opts.found.get(rel) ?? {};
    return viewFiles(rel).every((f) => found[f] !== undefined && found[f] === this.opts.previous.files[f]);
  }

  /** Queue the views that must be rendered whatever their titles and bars say. */
  queueEarly(texts: readonly SpecText[]): void {
    const { state } = this.opts.previous;
    for (const s of [...texts].filter((t) => hasRedocView(t.version)).sort(bySizeDesc)) {
      const rel = redocViewOf(s);
      if (state.pipeline === this.opts.pipeline && state.viewSpecs[rel] === contentKey([s.text]) && this.intact(rel)) continue;
      const html = this.render(s);
      html.catch(() => undefined); // awaited in finish(); this only stops an early failure counting as unhandled
      this.early.set(rel, html);
    }
  }

  /** Render what is still needed, finish and write every view (a view prerendered with another Redoc than `bundleVersion`, the local bundle's, is an error). */
  async finish(specs: readonly SpecFile[], services: ReadonlyMap<string, PortalService>, assets: AssetTable, writer: SiteWriter, bundleVersion?: string): Promise<RedocResult> {
    const keys: Record<string, string> = {};
    const specKeys: Record<string, string> = {};
    const rendered: string[] = [];
    const head = `<link rel="icon" href="${assets.href('favicon.svg', 1)}" type="image/svg+xml">\n  <link rel="stylesheet" href="${assets.href('bar.css', 1)}">\n  <script src="${assets.href('bar.js', 1)}" defer></script>`;
    const bundleHref = assets.href('redoc.standalone.js', 1);
    const jobs = [...specs].filter((s) => hasRedocView(s.version)).sort(bySizeDesc).map(async (spec) => {
      const service = services.get(spec.service);
      if (!service) return;
      const rel = redocViewOf(spec);
      const title = `${pageTitle(service.title, spec.version)} · Redoc view`;
      const bar = renderVersionBar(service, spec.version, 'redoc');
      const key = contentKey([spec.text, title, this.opts.pipeline, bar, head, bundleHref]);
      specKeys[rel] = contentKey([spec.text]);
      if (!this.early.has(rel) && this.opts.previous.state.views[rel] === key && this.intact(rel)) {
        writer.keep(Object.fromEntries(viewFiles(rel).map((f) => [f, this.opts.previous.files[f] as string])));
        keys[rel] = key;
        return;
      }
      const raw = await (this.early.get(rel) ?? this.render(spec));
      const done = finishRedocView(raw, { bundleHref, versionBar: bar, head, title });
      if (bundleVersion && done.redocVersion !== bundleVersion) throw new Error(`${rel}: prerendered with Redoc ${done.redocVersion} but the local bundle is ${bundleVersion}`);
      await writer.put(rel, done.html);
      keys[rel] = key;
      rendered.push(rel);
    });
    const failure = (await Promise.allSettled(jobs)).find((r): r is PromiseRejectedResult => r.status === 'rejected');
    return { keys, specKeys, rendered: rendered.sort(), ...(failure ? { error: failure.reason } : {}) };
  }
}
