/**
 * The docs stage: specs/ → site/ through the portal's `buildDocsSite` (which also skips pages whose
 * spec did not change).
 */
import path from 'node:path';
import { buildDocsSite } from '../docs/build-site.ts';
import { hashFiles, listFiles } from './files.ts';
import type { StageContext, StageOutcome } from './stage.ts';

export async function run(ctx: StageContext): Promise<StageOutcome> {
  const { root } = ctx;
  await buildDocsSite({
    specsDir: path.join(root, 'specs'),
    outDir: path.join(root, 'site'),
    manifestPath: path.join(root, 'sources', 'manifest.json'),
    cacheDir: path.join(root, '.cache', 'docs'),
    log: ctx.log,
  });
  return { ok: true, outputs: (await hashFiles(root, await listFiles(root, 'site'))) ?? {} };
}
