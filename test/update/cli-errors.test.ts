/**
 * Bad input to `update` and `diff` gets one clear line, exit code 2 and no stack trace, through the
 * real CLI (`node --import tsx scripts/cli.ts`, what `npm run cli --` runs); `diff | …` whose reader
 * closes the pipe ends quietly.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSpecForDiff, SPEC_LIMITS } from '../../scripts/diff/command.ts';
import { checkFrom } from '../../scripts/update/command.ts';

const REPO = path.resolve(import.meta.dirname, '..', '..');
let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'scp-cli-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

function sh(command: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('bash', ['-c', command], { cwd: REPO, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const cli = (args: string): Promise<{ code: number; stdout: string; stderr: string }> => sh(`node --import tsx scripts/cli.ts ${args}`);

/** One non-empty line across stdout and stderr, and nothing that looks like a stack trace. */
function oneLine(r: { stdout: string; stderr: string }): string {
  const lines = `${r.stdout}${r.stderr}`.split('\n').filter((l) => l.trim() !== '');
  expect(lines.join('\n')).not.toMatch(/^\s+at |Error:|node:internal/m);
  expect(lines).toHaveLength(1);
  return lines[0] as string;
}

describe('update --from', () => {
  it('a path that does not exist', async () => {
    const r = await cli(`update --from ${path.join(tmp, 'nowhere')}`);
    expect(r.code).toBe(2);
    expect(oneLine(r)).toBe(`--from ${path.join(tmp, 'nowhere')}: no such directory (give the docs site URL, e.g. https://docs.e.samsungsdscloud.com, or a directory of saved pages)`);
  });

  it('a file:// URL', async () => {
    const r = await cli(`update --from file://${tmp}`);
    expect(r.code).toBe(2);
    expect(oneLine(r)).toContain('file:// URLs are not accepted; give the directory itself');
  });

  it('a file, another scheme, a directory and a URL (checked in-process)', async () => {
    const file = path.join(tmp, 'page.html');
    await writeFile(file, '<html></html>');
    expect(await checkFrom(file)).toEqual({ error: `--from ${file}: not a directory (a directory of saved pages is expected)` });
    expect(await checkFrom('ftp://docs.example/')).toEqual({ error: '--from ftp://docs.example/: only http:// and https:// URLs are supported' });
    expect(await checkFrom(tmp)).toEqual({ from: tmp });
    expect(await checkFrom('https://docs.e.samsungsdscloud.com')).toEqual({ from: 'https://docs.e.samsungsdscloud.com' });
  });
});

describe('diff', () => {
  it('a file that is not YAML names the file', async () => {
    const png = path.join(tmp, 'logo.png');
    await writeFile(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0x3a, 0x7b]));
    const r = await cli(`diff ${png} specs/data-flow/1.1.yaml`);
    expect(r.code).toBe(2);
    expect(oneLine(r)).toMatch(new RegExp(`^${png.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not (YAML or JSON|an OpenAPI document)`));
  });

  it('a Markdown file names the file and the parser reason', async () => {
    const r = await cli('diff README.md specs/data-flow/1.1.yaml');
    expect(r.code).toBe(2);
    expect(oneLine(r)).toMatch(/^README\.md: not YAML or JSON \(.+ at line \d+, column \d+:\)$/);
  });

  it('a YAML document that is not a spec names the file', async () => {
    expect(await loadSpecForDiff(path.join(REPO, 'package.json'), 'package.json')).toEqual({
      error: 'package.json: not an OpenAPI document (no "openapi" version and "paths" object at the top level)',
    });
  });

  it('a very deep spec is refused with the limit, without exhausting the parser', async () => {
    const deep = path.join(tmp, 'deep.yaml');
    await writeFile(deep, `openapi: 3.1.0\npaths: {}\nx: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`);
    const r = await cli(`diff ${deep} specs/data-flow/1.1.yaml`);
    expect(r.code).toBe(2);
    expect(oneLine(r)).toBe(`${deep}: nested deeper than the limit of ${SPEC_LIMITS.depth} levels`);
  });

  it('depth is also checked on block nesting and after parsing', async () => {
    const block = path.join(tmp, 'block.yaml');
    let text = 'openapi: 3.1.0\npaths: {}\n';
    for (let i = 0; i < 150; i++) text += `${'  '.repeat(i)}k${i}:\n`;
    await writeFile(block, `${text}${'  '.repeat(150)}v: 1\n`);
    expect(await loadSpecForDiff(block, 'block.yaml')).toEqual({ error: `block.yaml: nested deeper than the limit of ${SPEC_LIMITS.depth} levels` });
  });

  it('a very large spec is refused with the size limit, unread', async () => {
    const big = path.join(tmp, 'big.yaml');
    await writeFile(big, '');
    await truncate(big, SPEC_LIMITS.bytes + 1024 * 1024); // sparse: nothing is written or read
    const r = await cli(`diff ${big} specs/data-flow/1.1.yaml`);
    expect(r.code).toBe(2);
    expect(oneLine(r)).toBe(`${big}: 51 MB is over the 50 MB limit for a spec`);
  });

  it('a reader that closes the pipe early (diff | head) ends it quietly with the exit code', async () => {
    const r = await sh('node --import tsx scripts/cli.ts diff specs/data-flow/1.0.yaml specs/data-flow/1.1.yaml --json | true; echo "exit=${PIPESTATUS[0]}"');
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('exit=0');
  });
});
