/**
 * All-or-nothing replacement of the build's inputs and outputs. An update works in a staging
 * directory (`.cache/update-<stamp>/`, a project root of its own holding copies of sources/, specs/,
 * generated/, site/, redocly.yaml and the build cache); only when fetching, reading and building all
 * succeeded are the staged paths renamed into place. Until then the live tree is never written, so a
 * failure part-way leaves it byte-identical.
 */
import { cp, mkdir, open, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** Paths under the project root that the build reads or writes (relative). */
export const STAGED_PATHS: readonly string[] = ['sources', 'specs', 'generated', 'site', 'redocly.yaml'];

/** Build-cache entries that belong to a staged build (everything in .cache/ except update bookkeeping). */
function isBuildCacheEntry(name: string): boolean {
  return !name.startsWith('update-') && name !== 'update.lock' && name !== 'last-change-report.json';
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

export interface Stage {
  /** The staging project root. */
  readonly dir: string;
  /** Rename the staged paths into the live root (rolled back if a rename fails). */
  commit(): Promise<void>;
  /** Delete the staging directory. */
  dispose(): Promise<void>;
}

/** Copy the live tree's build paths into a fresh staging root. */
export async function createStage(root: string, stamp: string): Promise<Stage> {
  const cacheDir = path.join(root, '.cache');
  const dir = path.join(cacheDir, `update-${stamp}`);
  await mkdir(dir, { recursive: true });
  for (const rel of STAGED_PATHS) {
    const live = path.join(root, rel);
    if (await exists(live)) await cp(live, path.join(dir, rel), { recursive: true, preserveTimestamps: true });
  }
  const cacheEntries = (await readdir(cacheDir).catch(() => [] as string[])).filter(isBuildCacheEntry);
  for (const name of cacheEntries) {
    await cp(path.join(cacheDir, name), path.join(dir, '.cache', name), { recursive: true, preserveTimestamps: true });
  }

  return {
    dir,
    async commit() {
      const staged = [...STAGED_PATHS];
      const stagedCache = (await readdir(path.join(dir, '.cache')).catch(() => [] as string[])).filter(isBuildCacheEntry);
      staged.push(...stagedCache.map((n) => path.join('.cache', n)));
      const trash = path.join(dir, '.replaced');
      const done: { rel: string; hadLive: boolean }[] = [];
      try {
        for (const rel of staged) {
          const from = path.join(dir, rel);
          if (!(await exists(from))) continue;
          const live = path.join(root, rel);
          const hadLive = await exists(live);
          if (hadLive) {
            await mkdir(path.dirname(path.join(trash, rel)), { recursive: true });
            await rename(live, path.join(trash, rel));
          }
          await mkdir(path.dirname(live), { recursive: true });
          await rename(from, live);
          done.push({ rel, hadLive });
        }
      } catch (e) {
        // Put back what was already swapped, newest first.
        for (const { rel, hadLive } of done.reverse()) {
          await rename(path.join(root, rel), path.join(dir, rel)).catch(() => undefined);
          if (hadLive) await rename(path.join(trash, rel), path.join(root, rel)).catch(() => undefined);
        }
        throw e;
      }
    },
    async dispose() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * One update at a time per project root: `.cache/update.lock` holds the owner's pid. A lock whose
 * process is gone is taken over. Returns the release function.
 */
export async function acquireUpdateLock(root: string): Promise<() => Promise<void>> {
  const cacheDir = path.join(root, '.cache');
  await mkdir(cacheDir, { recursive: true });
  const lock = path.join(cacheDir, 'update.lock');
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
