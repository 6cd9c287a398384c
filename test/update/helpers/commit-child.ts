/**
 * Child process for the kill-at-each-step test: stages <root> the way `update` does (a copy of the
 * live tree, then the new tree's files laid over it, as a build and the change report would leave
 * them), commits, and SIGKILLs itself right after the commit step named <kill-at>.
 * Run with `node --import tsx`.
 */
import { cp, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { createStage, STAGED_PATHS } from '../../../scripts/update/stage.ts';

const [root, newTree, killAt] = process.argv.slice(2);
if (!root || !newTree || !killAt) throw new Error('usage: commit-child.ts <root> <new-tree-root> <kill-at>');

const stage = await createStage(root, `kill-${process.pid}`);
const cacheEntries = (await readdir(path.join(newTree, '.cache'))).filter((n) => !n.startsWith('update'));
for (const rel of [...STAGED_PATHS, ...cacheEntries.map((n) => path.join('.cache', n))]) {
  await rm(path.join(stage.dir, rel), { recursive: true, force: true });
  await cp(path.join(newTree, rel), path.join(stage.dir, rel), { recursive: true }).catch(() => undefined);
}
await stage.commit((step) => {
  if (step === killAt) process.kill(process.pid, 'SIGKILL');
});
process.exitCode = 3; // the kill point was never hit
