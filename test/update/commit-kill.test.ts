/**
 * Crash safety of the commit. A child process stages the new tree of a real update (saved v1 → v2
 * pages) and commits it, and is SIGKILLed right after each commit step in turn; two more children
 * run the whole update and are killed mid-commit. Whatever the step, the tree the next run finds
 * (after `recoverInterruptedCommit`, which every update runs first) is either the whole old tree or
 * the whole new one, change report included, and no staging copy is left.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuild } from '../../scripts/build.ts';
import { recoverInterruptedCommit } from '../../scripts/update/stage.ts';
import { runUpdate } from '../../scripts/update/update.ts';
import { makeProject, SITE_DIR, treeHashes } from './site-server.ts';

const UPDATE_CHILD = path.join(import.meta.dirname, 'helpers', 'update-child.ts');
const COMMIT_CHILD = path.join(import.meta.dirname, 'helpers', 'commit-child.ts');
const FROM = path.join(SITE_DIR, 'v2');
const NOW = (): Date => new Date('2026-11-23T09:30:00Z');

let template: string;
let oldTree: Record<string, string>;
let newTree: Record<string, string>;
let newRoot: string;
let steps: string[];
const roots: string[] = [];

/** The tree as a user sees it: everything but update bookkeeping (lock, journal, staging copies). */
async function visibleTree(root: string): Promise<Record<string, string>> {
  const all = await treeHashes(root);
  return Object.fromEntries(Object.entries(all).filter(([rel]) => !/^\.cache\/(update\.lock|update-)/.test(rel)));
}

async function copyOfTemplate(): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'scp-kill-'));
  roots.push(root);
  await cp(template, root, { recursive: true });
  return root;
}

function runChild(script: string, args: readonly string[]): Promise<{ signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['--import', 'tsx', script, ...args], { cwd: path.resolve(import.meta.dirname, '..', '..'), timeout: 120_000 }, (_e, stdout, stderr) =>
      resolve({ signal: child.signalCode, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  template = await makeProject('v1');
  roots.push(template);
  expect((await runBuild({ root: template, stages: ['specs'] })).ok).toBe(true);
  oldTree = await visibleTree(template);

  // An uninterrupted run gives the new tree and the list of commit steps.
  const reference = await copyOfTemplate();
  const seen: string[] = [];
  const r = await runUpdate({ root: reference, from: FROM, stages: ['specs'], progress: false, now: NOW, onCommitStep: (s) => void seen.push(s) });
  expect(r.error).toBeUndefined();
  expect(r.report?.totals).toEqual({ changes: 2, breaking: 2 });
  steps = seen;
  newRoot = reference;
  newTree = await visibleTree(reference);
}, 120_000);

afterAll(async () => {
  await Promise.all(roots.map((r) => rm(r, { recursive: true, force: true })));
});

describe('kill during the commit', () => {
  it('the commit has a step before the journal, the journal, a rename per changed path and the journal removal', () => {
    expect(steps[0]).toBe('prepared');
    expect(steps[1]).toBe('journal');
    expect(steps.at(-1)).toBe('journal-removed');
    for (const rel of ['sources', 'specs', 'CHANGES.md', '.cache/last-change-report.json', '.cache/build-state.json']) expect(steps).toContain(`new:${rel}`);
    expect(steps).toContain('old:sources');
    // The old and new trees differ in sources, specs and the change report.
    const differ = Object.keys({ ...oldTree, ...newTree }).filter((k) => oldTree[k] !== newTree[k]);
    expect(differ).toEqual(expect.arrayContaining(['CHANGES.md', '.cache/last-change-report.json', 'specs/data-flow/1.0.yaml', 'sources/manifest.json']));
  });

  it('at every step, the next run finds the whole old tree (killed before the journal) or the whole new one', async () => {
    const outcomes: string[] = [];
    // Two children at a time.
    for (let i = 0; i < steps.length; i += 2) {
      await Promise.all(
        steps.slice(i, i + 2).map(async (step) => {
          const root = await copyOfTemplate();
          const child = await runChild(COMMIT_CHILD, [root, newRoot, step]);
          expect(child.signal, `${step}: ${child.stdout} ${child.stderr}`).toBe('SIGKILL');
          const journal = await readFile(path.join(root, '.cache', 'update-journal.json'), 'utf8').then(() => true, () => false);
          expect(journal, step).toBe(step !== 'prepared' && step !== 'journal-removed');

          const recovered = await recoverInterruptedCommit(root);
          expect(recovered.completed, step).toBe(journal);
          const tree = await visibleTree(root);
          const expected = step === 'prepared' ? oldTree : newTree;
          expect(tree, step).toEqual(expected);
          expect((await readdir(path.join(root, '.cache'))).filter((n) => n.startsWith('update-')), step).toEqual([]);
          outcomes.push(`${step} → ${step === 'prepared' ? 'old' : 'new'}`);
        }),
      );
    }
    expect(outcomes).toHaveLength(steps.length);
  }, 300_000);

  it('the next update completes an interrupted commit itself and reports the change once', async () => {
    const root = await copyOfTemplate();
    const mid = steps.find((s) => s.startsWith('old:specs')) ?? 'journal';
    expect((await runChild(UPDATE_CHILD, [root, FROM, mid])).signal).toBe('SIGKILL');
    const logs: string[] = [];
    const r = await runUpdate({ root, from: FROM, stages: ['specs'], progress: false, now: NOW, log: (l) => void logs.push(l) });
    expect(r.error).toBeUndefined();
    expect(logs).toContain('completed the commit of an interrupted update (its journal was written)');
    expect(r.markdown).toBe('## 2026-11-23\n\nNo changes.\n');
    const changes = await readFile(path.join(root, 'CHANGES.md'), 'utf8');
    expect(changes.match(/2 changes in 1 spec, 2 breaking\./g)).toHaveLength(1);
    expect(changes.trimEnd().endsWith('No changes.')).toBe(true);
    const tree = await visibleTree(root);
    for (const rel of Object.keys(newTree).filter((k) => k.startsWith('specs/') || k.startsWith('sources/'))) expect(tree[rel], rel).toBe(newTree[rel]);
  }, 120_000);

  it('a build started after a kill mid-commit completes the commit before it reads anything', async () => {
    const root = await copyOfTemplate();
    const mid = steps.find((s) => s.startsWith('old:specs')) as string;
    expect((await runChild(COMMIT_CHILD, [root, newRoot, mid])).signal).toBe('SIGKILL');
    // Half-swapped: specs/ was moved aside and the new one is not in place yet.
    expect(await readdir(path.join(root, 'specs')).then(() => true, () => false)).toBe(false);
    const logs: string[] = [];
    const build = await runBuild({ root, stages: ['specs'], log: (l) => void logs.push(l) });
    expect(build.ok).toBe(true);
    expect(logs[0]).toBe('completed the commit of an interrupted update (its journal was written) before building');
    // The build found the whole new tree: nothing to rebuild, nothing removed, the change report kept.
    expect(build.stagesSkipped).toEqual(['specs']);
    expect(build.specsRemoved).toEqual([]);
    const tree = await visibleTree(root);
    expect(Object.keys(tree).sort()).toEqual(Object.keys(newTree).sort());
    for (const rel of Object.keys(newTree).filter((k) => k !== '.cache/build-state.json')) expect(tree[rel], rel).toBe(newTree[rel]);
    // A second build finds no journal and does nothing more.
    const again: string[] = [];
    expect((await runBuild({ root, stages: ['specs'], log: (l) => void again.push(l) })).stagesSkipped).toEqual(['specs']);
    expect(again.some((l) => l.startsWith('completed the commit'))).toBe(false);
  }, 120_000);

  it('a build refuses to touch a journal whose update is still running', async () => {
    const root = await copyOfTemplate();
    const mid = steps.find((s) => s.startsWith('old:specs')) as string;
    expect((await runChild(COMMIT_CHILD, [root, newRoot, mid])).signal).toBe('SIGKILL');
    // The lock of a live process (this one's parent stands in for the running update).
    await writeFile(path.join(root, '.cache', 'update.lock'), String(process.ppid));
    await expect(runBuild({ root, stages: ['specs'] })).rejects.toThrow(`another update is running (pid ${process.ppid})`);
    expect(await readdir(path.join(root, 'specs')).then(() => true, () => false)).toBe(false);
  }, 120_000);

  it('staging copies left by a run killed before its commit are removed by the next run', async () => {
    const root = await copyOfTemplate();
    expect((await runChild(UPDATE_CHILD, [root, FROM, 'prepared'])).signal).toBe('SIGKILL');
    expect((await readdir(path.join(root, '.cache'))).filter((n) => n.startsWith('update-') && n !== 'update.lock')).toHaveLength(1);
    const logs: string[] = [];
    const r = await runUpdate({ root, from: FROM, stages: ['specs'], progress: false, now: NOW, log: (l) => void logs.push(l) });
    expect(r.ok).toBe(true);
    expect(logs).toContain('removed 1 staging copy of interrupted updates');
    expect((await readdir(path.join(root, '.cache'))).filter((n) => n.startsWith('update-'))).toEqual([]);
    expect(r.report?.totals).toEqual({ changes: 2, breaking: 2 });
  }, 120_000);
});
