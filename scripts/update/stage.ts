/**
 * All-or-nothing replacement of the build's inputs, outputs and change report. An update works in a
 * staging directory (`.cache/update-<stamp>/`, a project root of its own holding copies of sources/,
 * specs/, generated/, site/, redocly.yaml, CHANGES.md and the build cache); the live tree is never
 * written before the commit.
 *
 * The commit is a journal: once the staged tree is complete, `.cache/update-journal.json` is written
 * atomically (the commit point), then each live path is renamed aside and its staged copy renamed into
 * place. A run killed before the journal exists leaves the old tree (its staging copy is stale and is
 * removed by the next run); a run killed after it leaves a journal that the next run completes
 * (`recoverInterruptedCommit`), giving the whole new tree. Every step is a rename within one file
 * system, and recovery is idempotent, so a kill during recovery is recovered the same way.
 */
import { cp, mkdir, open, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** Paths under the project root that an update replaces (relative). */
export const STAGED_PATHS: readonly string[] = ['sources', 'specs', 'generated', 'site', 'redocly.yaml', 'CHANGES.md'];

/** Update bookkeeping in .cache/: staging roots `update-<stamp>`, the journal (same prefix) and the lock. */
const STAGE_PREFIX = 'update-';
const JOURNAL = `${STAGE_PREFIX}journal.json`;
const LOCK = 'update.lock';

/** Entries of .cache/ that belong to the tree (build state, docs cache, last change report), not to update bookkeeping. */
function isTreeCacheEntry(name: string): boolean {
  return !name.startsWith(STAGE_PREFIX) && name !== LOCK;
}

/** A staging root (the journal and its temp file share the prefix). */
function isStageDir(name: string): boolean {
  return name.startsWith(STAGE_PREFIX) && !name.startsWith(JOURNAL);
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

/** One path the commit replaces: whether the live tree and the staged tree hold it. */
interface JournalEntry {
  readonly rel: string;
  readonly hadLive: boolean;
  readonly hasStaged: boolean;
}

interface Journal {
  /** The staging root, relative to the project root. */
  readonly stage: string;
  readonly paths: readonly JournalEntry[];
}

/** Called after each commit step (for fault tests that stop the process at a given step). */
export type CommitStepHook = (step: string) => void | Promise<void>;

export interface Stage {
  /** The staging project root. */
  readonly dir: string;
  /** Swap the staged tree into the live root through the journal. */
  commit(onStep?: CommitStepHook): Promise<void>;
  /** Delete the staging directory. */
  dispose(): Promise<void>;
}

/** Write a file so that it is either absent or complete: temp file, fsync, rename. */
async function writeAtomic(file: string, text: string): Promise<void> {
  const tmp = `${file}.tmp`;
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(text);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, file);
}

async function treeCacheEntries(cacheDir: string): Promise<string[]> {
  return (await readdir(cacheDir).catch(() => [] as string[])).filter(isTreeCacheEntry).map((n) => path.join('.cache', n));
}

/** Copy the live tree's paths into a fresh staging root. */
export async function createStage(root: string, stamp: string): Promise<Stage> {
  const cacheDir = path.join(root, '.cache');
  const dir = path.join(cacheDir, `${STAGE_PREFIX}${stamp}`);
  await mkdir(path.join(dir, '.cache'), { recursive: true });
  for (const rel of [...STAGED_PATHS, ...(await treeCacheEntries(cacheDir))]) {
    const live = path.join(root, rel);
    if (await exists(live)) await cp(live, path.join(dir, rel), { recursive: true, preserveTimestamps: true });
  }
  return {
    dir,
    async commit(onStep) {
      const rels = [...new Set([...STAGED_PATHS, ...(await treeCacheEntries(cacheDir)), ...(await treeCacheEntries(path.join(dir, '.cache')))])];
      const paths: JournalEntry[] = [];
      for (const rel of rels) {
        const hadLive = await exists(path.join(root, rel));
        const hasStaged = await exists(path.join(dir, rel));
        if (hadLive || hasStaged) paths.push({ rel, hadLive, hasStaged });
      }
      const journal: Journal = { stage: path.relative(root, dir), paths };
      await onStep?.('prepared');
      await writeAtomic(path.join(cacheDir, JOURNAL), `${JSON.stringify(journal, null, 2)}\n`);
      await onStep?.('journal');
      await applyJournal(root, journal, onStep);
      await rm(path.join(cacheDir, JOURNAL), { force: true });
      await onStep?.('journal-removed');
    },
    async dispose() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Roll a journal forward; every step checks where it stands, so re-running after a kill is safe. */
async function applyJournal(root: string, journal: Journal, onStep?: CommitStepHook): Promise<void> {
  const dir = path.join(root, journal.stage);
  const trash = path.join(dir, '.replaced');
  for (const { rel, hadLive, hasStaged } of journal.paths) {
    const live = path.join(root, rel);
    const staged = path.join(dir, rel);
    const aside = path.join(trash, rel);
    if (hadLive && !(await exists(aside)) && (await exists(live)) && (!hasStaged || (await exists(staged)))) {
      await mkdir(path.dirname(aside), { recursive: true });
      await rename(live, aside);
      await onStep?.(`old:${rel}`);
    }
    if (hasStaged && (await exists(staged))) {
      await mkdir(path.dirname(live), { recursive: true });
      await rename(staged, live);
      await onStep?.(`new:${rel}`);
    }
  }
}

/**
 * Finish what an interrupted run left: complete a commit whose journal was written, then delete
 * every staging directory. Must run under the update lock. Returns what it did, for the log.
 */
export async function recoverInterruptedCommit(root: string): Promise<{ readonly completed: boolean; readonly removedStages: readonly string[] }> {
  const cacheDir = path.join(root, '.cache');
  const journalPath = path.join(cacheDir, JOURNAL);
  const text = await readFile(journalPath, 'utf8').catch(() => undefined);
  let completed = false;
  if (text !== undefined) {
    // Written atomically, so it is complete whenever it exists.
    await applyJournal(root, JSON.parse(text) as Journal);
    await rm(journalPath, { force: true });
    completed = true;
  }
  await rm(`${journalPath}.tmp`, { force: true });
  const stale = (await readdir(cacheDir).catch(() => [] as string[])).filter(isStageDir);
  for (const name of stale) await rm(path.join(cacheDir, name), { recursive: true, force: true });
  return { completed, removedStages: stale };
}

/**
 * For a build of the live tree: complete the commit an interrupted update left (its journal exists)
 * before anything is read, so that a build never sees a half-swapped tree. Without a journal (no commit
 * point was reached: the live tree is the whole old one) it only looks: no lock, nothing removed (stale
 * staging copies are the next update's to remove). Throws when the journal belongs to an update that
 * is still running. Returns whether a commit was completed.
 */
export async function completeInterruptedCommit(root: string): Promise<boolean> {
  const journal = path.join(root, '.cache', JOURNAL);
  if (!(await exists(journal))) return false;
  const release = await acquireUpdateLock(root);
  try {
    return (await recoverInterruptedCommit(root)).completed;
  } finally {
    await release();
  }
}

/**
 * One update at a time per project root: `.cache/update.lock` holds the owner's pid. A lock whose
 * process is gone is taken over. Returns the release function.
 */
export async function acquireUpdateLock(root: string): Promise<() => Promise<void>> {
  const cacheDir = path.join(root, '.cache');
  await mkdir(cacheDir, { recursive: true });
  const lock = path.join(cacheDir, LOCK);
  for (let tries = 0; tries < 2; tries++) {
    try {
      const fh = await open(lock, 'wx');
      await fh.writeFile(String(process.pid));
      await fh.close();
      return () => rm(lock, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number((await readFile(lock, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new Error(`another update is running (pid ${pid}); if it is not, delete ${path.relative(root, lock)}`);
      }
      if (pid === process.pid) throw new Error(`an update is already running in this process on ${root}`);
      await rm(lock, { force: true });
    }
  }
  throw new Error(`could not take ${lock}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
