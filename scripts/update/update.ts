/**
 * `update`: discover the site's services (search index, else contents list and print pages, else
 * the manifest's own pages), fetch what the snapshot needs, refuse a shrinking site (the floor gate),
 * then build, diff and commit the new tree with its change report. Everything up to the commit
 * happens in a staging root, so any failure (fetch after retries, unreadable page, error diagnostic,
 * floor gate) leaves sources/, specs/, generated/ and CHANGES.md as they were; the commit itself is
 * crash-safe (stage.ts).
 */
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runBuild, type BuildResult, type Stage } from '../build.ts';
import type { ChangeReportJson } from '../diff/render.ts';
import { diffSpecDirectories } from '../diff/spec-tree.ts';
import type { ChangeReport } from '../diff/types.ts';
import { sha256 } from '../hash.ts';
import { parseManifest, type Manifest } from '../manifest.ts';
import type { Diagnostic, SourceDoc } from '../model.ts';
import { mergeSources } from '../merge.ts';
import { readSource } from '../read-source.ts';
import { checkRemovals } from '../removal-check.ts';
import { classifyRemovals } from '../removals.ts';
import { describeFailure } from '../summary.ts';
import { discoverServices, type Discovery, type DiscoveryMethod } from './discover/discover.ts';
import { classifyRef, DEFAULT_LANG } from './discover/site-paths.ts';
import { createDirectoryFetcher, createHttpFetcher, DEFAULT_POLICY, rebaseUrl, type PageFetcher } from './fetch-pages.ts';
import { checkFloor, describeShrink, inventoryOf, operationKey, vanishedOperations, type FloorResult, type Inventory, type OperationVersion, type VanishedVerdict } from './floor.ts';
import { fetchAll, pageLogLine, type FetchedOne, type PageOutcome } from './pages.ts';
import { DEFAULT_TAIL_BYTES, planPages, type PagePlan } from './plan.ts';
import { planSnapshot, type OldSource, type SnapshotPlan } from './plan-snapshot.ts';
import { composeManifest } from './compose.ts';
import { writeChangeReport } from './report.ts';
import { inScope, parseServiceList, serviceIdsOf, type Scope, type ServiceNames } from './scope.ts';
import { DEFAULT_RETRY, logRetries } from './retry.ts';
import { applyFetchedPages, type SnapshotChange } from './snapshot.ts';
import { acquireUpdateLock, createStage, recoverInterruptedCommit, type CommitStepHook } from './stage.ts';

export type { PageOutcome } from './pages.ts';

const DEFAULT_SITE = 'https://docs.e.samsungsdscloud.com';

/**
 * Where the check that removals are confirmed by the pages themselves (their TOC and version-history
 * changelog) runs: after the diff, before the commit, on the staged tree. Error diagnostics refuse
 * the update; the others are reported.
 */
export type RemovalCheck = (input: { readonly reports: readonly ChangeReport[]; readonly root: string; readonly stagedRoot: string }) => readonly Diagnostic[] | Promise<readonly Diagnostic[]>;

export interface UpdateOptions {
  readonly root: string;
  /** Base URL of the docs site (e.g. `https://docs.e.samsungsdscloud.com`) or a directory of saved pages. */
  readonly from: string;
  /** Only these services (ids or URL segments); the others are left as they are. */
  readonly services?: Iterable<string>;
  /** Only the services of this category. */
  readonly category?: string;
  /** Commit even when services or operation-versions vanished beyond the floor margin. */
  readonly allowShrink?: boolean;
  /** Page language (default `ko`, the site's default). */
  readonly lang?: string;
  readonly concurrency?: number;
  readonly timeoutMs?: number;
  readonly retries?: number;
  /** First backoff step in ms (default 500). */
  readonly retryBaseMs?: number;
  /** Suffix bytes requested for single pages (default 320000). */
  readonly tailBytes?: number;
  /** Show a progress bar; default: when stdout is a TTY. */
  readonly progress?: boolean;
  readonly log?: (line: string) => void;
  readonly fetch?: typeof fetch;
  readonly now?: () => Date;
  /** Build stages to run (default: the build's defaults). */
  readonly stages?: readonly Stage[];
  readonly strict?: boolean;
  readonly removalCheck?: RemovalCheck;
  /** Called after each step of the commit (fault tests stop the process there). */
  readonly onCommitStep?: CommitStepHook;
}

export interface UpdateResult {
  readonly ok: boolean;
  readonly error?: string;
  /** `yyyy-mm-dd` (UTC) of the CHANGES.md heading. */
  readonly date: string;
  /** Where the services came from (absent when the update failed before discovery). */
  readonly discovery?: DiscoveryMethod;
  readonly pages: readonly PageOutcome[];
  readonly sourcesWritten: readonly string[];
  readonly sourcesRemoved: readonly string[];
  readonly floor?: FloorResult;
  readonly build?: BuildResult;
  /** Reader diagnostics of the discovered and fetched sources (info included). */
  readonly diagnostics: readonly Diagnostic[];
  readonly reports: readonly ChangeReport[];
  /**
   * What the removal check found about each removed operation: `confirmed-removal` (info), or
   * `unconfirmed-removal` (an error that refused the update; a warning when --allow-shrink committed it).
   */
  readonly removals?: readonly Diagnostic[];
  /** What was written to .cache/last-change-report.json (absent when the update failed). */
  readonly report?: ChangeReportJson;
  /** What was appended to CHANGES.md (absent when the update failed). */
  readonly markdown?: string;
  readonly timings: Readonly<Record<string, number>>;
}

/** What a run knows so far (what a failed result carries). */
type Partial_ = Partial<Omit<UpdateResult, 'ok' | 'date' | 'timings'>>;

/** Thrown inside the run to end it as a failed update with what is known so far. */
class UpdateFailed extends Error {
  constructor(
    message: string,
    readonly partial: Partial_ = {},
  ) {
    super(message);
  }
}

interface Run {
  readonly root: string;
  readonly opts: UpdateOptions;
  readonly log: (line: string) => void;
  readonly date: string;
  readonly now: () => Date;
  lap(name: string, since: number): void;
}

async function isDirectory(p: string): Promise<boolean> {
  if (/^https?:\/\//i.test(p)) return false;
  return stat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

function createFetcher(run: Run, local: boolean): PageFetcher {
  const { opts } = run;
  if (local) return createDirectoryFetcher(path.resolve(opts.from));
  return createHttpFetcher({
    ...(opts.concurrency !== undefined ? { concurrency: opts.concurrency } : {}),
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
    ...(opts.retries !== undefined ? { retries: opts.retries } : {}),
    ...(opts.retryBaseMs !== undefined ? { baseDelayMs: opts.retryBaseMs } : {}),
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
    log: run.log,
  });
}

/** Every snapshot file, read with its reader (a missing one has no doc). */
async function readOldSources(root: string, manifest: Manifest): Promise<OldSource[]> {
  return Promise.all(
    manifest.files.map(async (entry) => {
      const text = await readFile(path.join(root, 'sources', entry.file), 'utf8').catch(() => undefined);
      if (text === undefined) return { entry, ids: new Set<string>() };
      const doc = readSource(entry, text);
      return { entry, doc, ids: serviceIdsOf(doc) };
    }),
  );
}

/** Names of a service the snapshot knows: its category and URL segment from the manifest or the files holding it. */
function namesFromManifest(manifest: Manifest, old: readonly OldSource[], discovery: Discovery): (id: string) => ServiceNames {
  const found = new Map(discovery.services.map((s) => [s.id, { id: s.id, segment: s.segment, category: s.category }]));
  return (id) => {
    const known = found.get(id);
    if (known) return known;
    const facts = manifest.services[id];
    const segment = facts?.origin ? classifyRef(new URL(facts.origin).pathname)?.service : undefined;
    const category = facts?.category ?? old.find((o) => o.ids.has(id))?.entry.category;
    return { id, ...(segment ? { segment } : {}), ...(category ? { category } : {}) };
  };
}

interface Prepared {
  readonly manifest: Manifest;
  readonly manifestText: string;
  readonly site: string;
  readonly local: boolean;
  readonly fetcher: PageFetcher;
  readonly old: readonly OldSource[];
  readonly discovery: Discovery;
  readonly plan: SnapshotPlan;
  readonly plans: readonly PagePlan[];
  readonly inScopeId: (id: string) => boolean;
}

/** Check that every `--services` name is a service the site or the snapshot knows. */
function checkServiceNames(scope: Scope, old: readonly OldSource[], discovery: Discovery, namesOf: (id: string) => ServiceNames): void {
  if (!scope.services) return;
  const known = new Set<string>();
  for (const s of discovery.services) known.add(s.id).add(s.segment);
  for (const id of old.flatMap((o) => [...o.ids])) {
    known.add(id);
    const segment = namesOf(id).segment;
    if (segment) known.add(segment);
  }
  const unknown = [...scope.services].filter((n) => !known.has(n));
  if (unknown.length > 0) throw new UpdateFailed(`--services: no service named ${unknown.join(', ')} on the site or in the snapshot (known: ${[...known].sort().join(', ')})`);
}

async function prepare(run: Run): Promise<Prepared> {
  const { root, opts, log } = run;
  const manifestPath = path.join(root, 'sources', 'manifest.json');
  const manifestText = await readFile(manifestPath, 'utf8');
  const manifest = parseManifest(manifestText, manifestPath);
  const site = (manifest.site ?? DEFAULT_SITE).replace(/\/+$/, '');
  const local = await isDirectory(opts.from);
  const fetcher = createFetcher(run, local);
  const lang = opts.lang ?? DEFAULT_LANG;
  const scope: Scope = { ...(opts.services ? { services: parseServiceList([...opts.services].join(',')) } : {}), ...(opts.category ? { category: opts.category } : {}) };

  let t = performance.now();
  const old = await readOldSources(root, manifest);
  run.lap('readSnapshot', t);
  t = performance.now();
  const discovery = await discoverServices({
    site,
    from: opts.from,
    local,
    lang,
    scope,
    fetcher,
    index: {
      idleTimeoutMs: opts.timeoutMs ?? DEFAULT_POLICY.timeoutMs,
      retry: { ...DEFAULT_RETRY, retries: opts.retries ?? DEFAULT_RETRY.retries, baseDelayMs: opts.retryBaseMs ?? DEFAULT_RETRY.baseDelayMs, onRetry: logRetries(log) },
      ...(opts.fetch ? { fetch: opts.fetch } : {}),
    },
    log,
  });
  run.lap('discover', t);
  for (const note of discovery.notes) log(`  ${note}`);
  const namesOf = namesFromManifest(manifest, old, discovery);
  checkServiceNames(scope, old, discovery, namesOf);
  const discovered = new Set(discovery.services.map((s) => s.id));
  const inScopeId = (id: string): boolean => discovered.has(id) || inScope(scope, namesOf(id));
  const plan = planSnapshot(old, discovery, { site, lang, scope, namesOf });
  const rebase = local ? (o: string) => o : (o: string) => rebaseUrl(o, opts.from);
  const tailBytes = opts.tailBytes ?? DEFAULT_TAIL_BYTES;
  const plans = [
    ...planPages({ ...manifest, files: plan.refetch }, rebase, tailBytes),
    ...plan.newPages.map((p): PagePlan => ({ origin: p.origin, url: rebase(p.origin), kind: 'operation', entries: [], file: p.file, tailBytes })),
  ];
  log(
    `update from ${opts.from}: ${discovery.services.length} services discovered (${discovery.method}), ${plan.drop.length} files superseded, ` +
      `${plan.refetch.length} re-fetched, ${plan.newPages.length} operation pages to look for, ${plan.keep.length} left as they are`,
  );
  return { manifest, manifestText, site, local, fetcher, old, discovery, plan, plans, inScopeId };
}

interface Fetched {
  readonly snapshot: SnapshotChange;
  /** The new manifest, parsed. */
  readonly manifest: Manifest;
  readonly pages: readonly PageOutcome[];
  readonly diagnostics: readonly Diagnostic[];
  readonly after: readonly SourceDoc[];
}

/** Fetch the planned pages and compose the new snapshot (files to write and remove, manifest). */
async function fetchAndCompose(run: Run, p: Prepared): Promise<Fetched> {
  const t = performance.now();
  const all = await fetchAll(p.plans, p.fetcher, { progress: run.opts.progress ?? process.stdout.isTTY === true, missingOk: p.plan.missingOk });
  run.lap('fetch', t);
  const existing = new Set(p.plan.refetch.map((e) => e.origin));
  const present = all.fetched.filter((f) => f.outcome.result !== 'missing');
  const first = applyFetchedPages(p.manifestText, present.filter((f) => existing.has(f.page.plan.origin)).map((f) => f.page));
  const gone = all.fetched.filter((f) => f.outcome.result === 'missing' && existing.has(f.outcome.origin)).flatMap((f) => f.page.plan.entries.map((e) => e.file));
  const added = present
    .filter((f) => !existing.has(f.page.plan.origin) && f.page.body)
    .map((f) => {
      const body = f.page.body as Buffer;
      const category = classifyRef(new URL(f.page.plan.origin).pathname)?.category;
      return { entry: { file: f.page.plan.file, origin: f.page.plan.origin, layout: 'html' as const, sha256: sha256(body), ...(category ? { category } : {}) }, body };
    });
  const second = composeManifest(first.manifestText ?? p.manifestText, {
    drop: [...p.plan.drop.map((e) => e.file), ...gone],
    add: [...p.discovery.services.map((s) => ({ entry: s.entry, body: s.body })), ...added],
    services: p.discovery.services.map((s) => ({ id: s.id, category: s.category, origin: s.overviewUrl, ...(s.doc.services[0] ? { doc: s.doc.services[0] } : {}) })),
    categoryTitles: p.discovery.categoryTitles,
    site: p.site,
  });
  const snapshot = mergeChanges(first, second);
  const changed = new Set(snapshot.changedOrigins);
  const pages = all.outcomes.map((o) => (o.result === 'unchanged' && changed.has(o.origin) ? { ...o, result: 'changed' as const } : o));
  for (const o of pages) run.log(pageLogLine(o));
  const diagnostics = [...p.discovery.services.flatMap((s) => s.doc.diagnostics), ...all.fetched.flatMap((f) => f.doc?.diagnostics ?? [])];
  if (all.errors.length > 0) {
    throw new UpdateFailed(`${all.errors.length} page${all.errors.length === 1 ? '' : 's'} could not be fetched or read: ${all.errors.join('; ')}`, { pages, diagnostics });
  }
  const manifest = snapshot.manifestText === undefined ? p.manifest : parseManifest(snapshot.manifestText, 'sources/manifest.json');
  return { snapshot, manifest, pages, diagnostics, after: afterDocs(manifest, p, present) };
}

/** The sources of the new snapshot as read: discovered, fetched now, or (unchanged) as the snapshot had them. */
function afterDocs(manifest: Manifest, p: Prepared, present: readonly FetchedOne[]): SourceDoc[] {
  const byFile = new Map<string, SourceDoc>();
  for (const o of p.old) if (o.doc) byFile.set(o.entry.file, o.doc);
  for (const f of present) if (f.doc) byFile.set(f.page.plan.file, f.doc);
  for (const s of p.discovery.services) byFile.set(s.entry.file, s.doc);
  return manifest.files.flatMap((e) => {
    const doc = byFile.get(e.file);
    return doc ? [doc] : [];
  });
}

/** Two snapshot changes in order: the later write of a file wins; a file written is not removed. */
function mergeChanges(first: SnapshotChange, second: SnapshotChange): SnapshotChange {
  const writes = new Map([...first.writes, ...second.writes].map((w) => [w.file, w]));
  const removes = [...new Set([...first.removes, ...second.removes])].filter((f) => !writes.has(f)).sort();
  const manifestText = second.manifestText ?? first.manifestText;
  return { writes: [...writes.values()], removes, changedOrigins: [...new Set([...first.changedOrigins, ...second.changedOrigins])], ...(manifestText !== undefined ? { manifestText } : {}) };
}

/**
 * What the new snapshot's pages say about each operation-version that vanished (removals.ts): read
 * from the sources as fetched, merged under the new manifest for the services' version histories.
 */
function vanishedVerdicts(before: Inventory, after: Inventory, f: Fetched): Map<string, VanishedVerdict> {
  const lost = vanishedOperations(before, after);
  if (lost.length === 0) return new Map();
  const model = mergeSources(f.after, f.manifest);
  const verdicts = classifyRemovals(lost.map((op) => ({ ...op, name: op.name ?? '' })), model, f.after);
  return new Map(verdicts.map((v, i) => [operationKey(lost[i] as OperationVersion), v]));
}

/** Old and new inventories in scope; refuses (UpdateFailed) a shrink over the margin unless allowed. Removals the pages confirm do not count. */
function floorGate(run: Run, p: Prepared, f: Fetched): FloorResult {
  const before = inventoryOf(p.old.flatMap((o) => (o.doc ? [o.doc] : [])), p.inScopeId);
  const after = inventoryOf(f.after, p.inScopeId);
  const verdicts = vanishedVerdicts(before, after, f);
  const floor = checkFloor(before, after, run.opts.allowShrink === true, (op) => verdicts.get(operationKey(op)));
  if (!floor.ok) throw new UpdateFailed(describeShrink(floor, before), { pages: f.pages, diagnostics: f.diagnostics, floor });
  if (floor.lines.length > 0) {
    run.log(`  vanished from the site (${run.opts.allowShrink ? '--allow-shrink' : 'within the margin, or removals the pages confirm'}):`);
    for (const l of floor.lines) run.log(`    ${l}`);
  }
  run.log(`  snapshot: ${after.services.size} services, ${after.operations.size} operation-versions in scope (was ${before.services.size} and ${before.operations.size})`);
  return floor;
}

async function writeSnapshot(stagedSources: string, snapshot: SnapshotChange): Promise<void> {
  for (const w of snapshot.writes) await writeFile(path.join(stagedSources, w.file), w.body);
  for (const f of snapshot.removes) await rm(path.join(stagedSources, f), { force: true });
  if (snapshot.manifestText !== undefined) await writeFile(path.join(stagedSources, 'manifest.json'), snapshot.manifestText);
}

/**
 * Why a staged build must not be committed: it failed. The build fails on every error diagnostic (and
 * on warnings under --strict) that sources/manifest.json does not acknowledge, and names each one.
 */
function buildRefusal(build: BuildResult, strict: boolean): string | undefined {
  if (build.ok) return undefined;
  if (build.failures.length > 0) return describeFailure(build, strict);
  if (build.lint && !build.lint.ok) return `build failed (redocly lint: ${build.lint.errors} errors: ${build.lint.problems.slice(0, 3).join('; ')})`;
  return `build failed: the ${build.stagesFailed.join(', ')} stage failed`;
}

interface Committed {
  readonly reports: readonly ChangeReport[];
  readonly removals: readonly Diagnostic[];
  readonly build: BuildResult;
  readonly markdown: string;
  readonly report: ChangeReportJson;
}

/**
 * Removals the pages themselves confirm (TOC and version history) are checked here, on the staged
 * tree, before anything is committed: an unconfirmed one refuses the update, unless --allow-shrink
 * says the maintainer accepts vanished operations. Returns the check's diagnostics (for the result).
 */
async function checkRemovedOperations(run: Run, input: { reports: readonly ChangeReport[]; stagedRoot: string }, done: Partial_): Promise<Diagnostic[]> {
  const check = run.opts.removalCheck ?? checkRemovals;
  const found = await check({ ...input, root: run.root });
  const refused = found.filter((d) => d.severity === 'error');
  if (refused.length > 0 && run.opts.allowShrink !== true) {
    const list = refused.map((d) => `${d.source.file}:${d.source.line} ${d.message}`).join('\n  ');
    const message = `${refused.length} removal${refused.length === 1 ? ' is' : 's are'} not confirmed by the pages (run again with --allow-shrink if the docs really dropped them):\n  ${list}`;
    throw new UpdateFailed(message, { ...done, removals: found });
  }
  // Under --allow-shrink an unconfirmed removal is committed, and said so as a warning.
  const checked = found.map((d): Diagnostic => (d.severity === 'error' ? { ...d, severity: 'warning' } : d));
  for (const d of checked) run.log(`  ${d.severity === 'warning' ? 'removal not confirmed, committed under --allow-shrink' : 'removal confirmed'}: ${d.source.file}:${d.source.line} ${d.message}`);
  return checked;
}

/** Stage the new snapshot, build it, diff it against the live specs, write the report and commit. */
async function buildAndCommit(run: Run, f: Fetched, done: Partial_): Promise<Committed> {
  const { root, opts } = run;
  let t = performance.now();
  const stamp = `${run.now().toISOString().replace(/[:.]/g, '-')}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const stage = await createStage(root, stamp);
  try {
    await writeSnapshot(path.join(stage.dir, 'sources'), f.snapshot);
    run.lap('stage', t);
    t = performance.now();
    const build = await runBuild({ root: stage.dir, ...(opts.stages ? { stages: opts.stages } : {}), ...(opts.strict ? { strict: true } : {}), log: (l) => run.log(`  build: ${l}`) }).catch((e: unknown) => {
      throw new UpdateFailed(`build failed: ${(e as Error).message}`, done);
    });
    run.lap('build', t);
    const refusal = buildRefusal(build, opts.strict ?? false);
    if (refusal) throw new UpdateFailed(refusal, { ...done, build });
    run.log(`  build: ran ${build.stagesRun.join(', ') || 'nothing'}; skipped ${build.stagesSkipped.join(', ') || 'nothing'}`);

    t = performance.now();
    const reports = await diffSpecDirectories(path.join(root, 'specs'), path.join(stage.dir, 'specs'));
    run.lap('diff', t);
    const removals = await checkRemovedOperations(run, { reports, stagedRoot: stage.dir }, { ...done, build, reports });

    // The change report is written into the staging root: it is committed with the tree it describes.
    const { markdown, report } = await writeChangeReport(stage.dir, reports, run.date);
    t = performance.now();
    await stage.commit(opts.onCommitStep);
    run.lap('commit', t);
    run.log(report.changed ? `${report.totals.changes} API change(s), ${report.totals.breaking} breaking: see CHANGES.md` : 'no API changes');
    return { reports, build, markdown, report, removals };
  } finally {
    await stage.dispose();
  }
}

export async function runUpdate(opts: UpdateOptions): Promise<UpdateResult> {
  const root = path.resolve(opts.root);
  const now = opts.now ?? (() => new Date());
  const timings: Record<string, number> = {};
  const t0 = performance.now();
  const run: Run = {
    root,
    opts,
    log: opts.log ?? (() => {}),
    date: now().toISOString().slice(0, 10),
    now,
    lap: (name, since) => {
      timings[name] = performance.now() - since;
    },
  };
  const finish = (ok: boolean, r: Partial_ & { error?: string }): UpdateResult => {
    timings.total = performance.now() - t0;
    return { pages: [], sourcesWritten: [], sourcesRemoved: [], diagnostics: [], reports: [], ...r, ok, date: run.date, timings };
  };

  let release: () => Promise<void>;
  try {
    release = await acquireUpdateLock(root);
  } catch (e) {
    return finish(false, { error: (e as Error).message });
  }
  let done: Partial_ = {};
  try {
    const recovered = await recoverInterruptedCommit(root);
    if (recovered.completed) run.log('completed the commit of an interrupted update (its journal was written)');
    if (recovered.removedStages.length > 0) run.log(`removed ${recovered.removedStages.length} staging cop${recovered.removedStages.length === 1 ? 'y' : 'ies'} of interrupted updates`);

    const prepared = await prepare(run);
    done = { discovery: prepared.discovery.method };
    const fetched = await fetchAndCompose(run, prepared);
    done = { ...done, pages: fetched.pages, diagnostics: fetched.diagnostics };
    const floor = floorGate(run, prepared, fetched);
    done = { ...done, floor, sourcesWritten: fetched.snapshot.writes.map((w) => w.file), sourcesRemoved: [...fetched.snapshot.removes] };
    return finish(true, { ...done, ...(await buildAndCommit(run, fetched, done)) });
  } catch (e) {
    if (e instanceof UpdateFailed) return finish(false, { ...done, ...e.partial, error: e.message });
    return finish(false, { ...done, error: (e as Error).message });
  } finally {
    await release();
  }
}
