/**
 * The lib stage: src/ and generated/ compiled to dist/ (ESM + declarations) for Node without a
 * TypeScript loader, by `tsc -p tsconfig.lib.json`.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { hashFiles, listFiles } from './files.ts';
import type { StageContext, StageOutcome } from './stage.ts';

const TSC = path.resolve(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'tsc');

/** The files the compilation reads; undefined when the root has no library to compile. */
export async function inputs(root: string): Promise<string[] | undefined> {
  const configs = ['tsconfig.json', 'tsconfig.lib.json'];
  const src = await listFiles(root, 'src');
  if (src.length === 0 || (await hashFiles(root, configs)) === undefined) return undefined;
  return [...configs, ...src, ...(await listFiles(root, 'generated'))];
}

/** Run a build tool; its output is returned, never thrown. */
function runTool(exe: string, args: readonly string[], cwd: string): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    execFile(exe, args, { cwd, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ ok: error === null, output: `${stdout}${stderr}` });
    });
  });
}

export async function run(ctx: StageContext): Promise<StageOutcome> {
  const r = await runTool(TSC, ['-p', path.join(ctx.root, 'tsconfig.lib.json')], ctx.root);
  if (!r.ok) {
    ctx.log(`lib: tsc failed\n${r.output}`);
    return { ok: false, outputs: {} };
  }
  const dist = await listFiles(ctx.root, 'dist');
  return { ok: true, outputs: (await hashFiles(ctx.root, dist)) ?? {} };
}
