import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireUpdateLock, createStage, recoverInterruptedCommit } from '../../scripts/update/stage.ts';

const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map((r) => rm(r, { recursive: true, force: true })));
});

async function tree(): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'scp-stage-'));
  roots.push(root);
  for (const [rel, text] of Object.entries({
    'sources/manifest.json': '{"files":[]}',
    'specs/a/1.0.yaml': 'old spec',
    'generated/a.ts': 'old types',
    'redocly.yaml': 'old config',
    '.cache/build-state.json': '{"old":true}',
    '.cache/docs/x.json': 'old docs cache',
    'CHANGES.md': 'kept',
  })) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), text);
  }
  return root;
}

describe('createStage', () => {
  it('works on copies, and commit swaps staged paths and build cache into place', async () => {
    const root = await tree();
    const stage = await createStage(root, 't1');
    expect(stage.dir).toBe(path.join(root, '.cache', 'update-t1'));
    expect(await readFile(path.join(stage.dir, '.cache', 'build-state.json'), 'utf8')).toBe('{"old":true}');
    await writeFile(path.join(stage.dir, 'specs/a/1.0.yaml'), 'new spec');
    await writeFile(path.join(stage.dir, 'specs/a/1.1.yaml'), 'added spec');
    await rm(path.join(stage.dir, 'generated/a.ts'));
    await writeFile(path.join(stage.dir, '.cache', 'build-state.json'), '{"new":true}');
    // Nothing live changes before commit.
    expect(await readFile(path.join(root, 'specs/a/1.0.yaml'), 'utf8')).toBe('old spec');

    await stage.commit();
    expect(await readFile(path.join(root, 'specs/a/1.0.yaml'), 'utf8')).toBe('new spec');
    expect(await readFile(path.join(root, 'specs/a/1.1.yaml'), 'utf8')).toBe('added spec');
    expect(await readdir(path.join(root, 'generated'))).toEqual([]);
    expect(await readFile(path.join(root, '.cache', 'build-state.json'), 'utf8')).toBe('{"new":true}');
    expect(await readFile(path.join(root, '.cache', 'docs', 'x.json'), 'utf8')).toBe('old docs cache');
    expect(await readFile(path.join(root, 'CHANGES.md'), 'utf8')).toBe('kept');
    await stage.dispose();
    expect((await readdir(path.join(root, '.cache'))).sort()).toEqual(['build-state.json', 'docs']);
  });

  it('dispose without commit leaves the live tree as it was', async () => {
    const root = await tree();
    const stage = await createStage(root, 't2');
    await writeFile(path.join(stage.dir, 'sources/manifest.json'), 'changed');
    await stage.dispose();
    expect(await readFile(path.join(root, 'sources/manifest.json'), 'utf8')).toBe('{"files":[]}');
    expect((await readdir(path.join(root, '.cache'))).filter((n) => n.startsWith('update-'))).toEqual([]);
  });
});

describe('acquireUpdateLock', () => {
  it('allows one update at a time and takes over a lock left by a dead process', async () => {
    const root = await tree();
    const release = await acquireUpdateLock(root);
    await expect(acquireUpdateLock(root)).rejects.toThrow('already running');
    await release();
    // A pid that cannot be alive (beyond the kernel's pid range) is a stale lock.
    await writeFile(path.join(root, '.cache', 'update.lock'), '99999999');
    const again = await acquireUpdateLock(root);
    expect(await readFile(path.join(root, '.cache', 'update.lock'), 'utf8')).toBe(String(process.pid));
    await again();
  });
});

describe('commit journal', () => {
  it('a path the staged tree no longer has is removed from the live tree too', async () => {
    const root = await tree();
    await mkdir(path.join(root, 'site'), { recursive: true });
    await writeFile(path.join(root, 'site', 'index.html'), 'old site');
    const stage = await createStage(root, 't3');
    await rm(path.join(stage.dir, 'site'), { recursive: true });
    const steps: string[] = [];
    await stage.commit((s) => void steps.push(s));
    await stage.dispose();
    await expect(readdir(path.join(root, 'site'))).rejects.toThrow();
    expect(steps).toContain('old:site');
    expect(steps).not.toContain('new:site');
  });

  it('recovery rolls a written journal forward, and running it again changes nothing', async () => {
    const root = await tree();
    const stage = await createStage(root, 't4');
    await writeFile(path.join(stage.dir, 'specs/a/1.0.yaml'), 'new spec');
    await writeFile(path.join(stage.dir, 'CHANGES.md'), 'kept\nnew section');
    // Stop the commit right after the specs were moved aside: live specs/ is missing.
    await expect(
      stage.commit((s) => {
        if (s === 'old:specs') throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    await expect(readdir(path.join(root, 'specs'))).rejects.toThrow();

    expect(await recoverInterruptedCommit(root)).toEqual({ completed: true, removedStages: ['update-t4'] });
    expect(await readFile(path.join(root, 'specs/a/1.0.yaml'), 'utf8')).toBe('new spec');
    expect(await readFile(path.join(root, 'CHANGES.md'), 'utf8')).toBe('kept\nnew section');
    expect(await recoverInterruptedCommit(root)).toEqual({ completed: false, removedStages: [] });
    expect(await readFile(path.join(root, 'specs/a/1.0.yaml'), 'utf8')).toBe('new spec');
  });
});
