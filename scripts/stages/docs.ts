/**
 * The docs stage: specs/ → site/ through the portal's `buildDocsSite`. Its record in the build
 * cache holds what the docs build needs to work incrementally: the files it wrote (the record's
 * outputs, site-relative there under `site/`) and the Redoc view keys (the record's state).
 */
import path from 'node:path';
import { DocsBuildError, buildDocsSite } from '../docs/build-site.ts';
import { type DocsRecord, docsStateOf } from '../docs/docs-record.ts';
import type { StageContext, StageOutcome } from './stage.ts';

const SITE = 'site';

function previousRecord(ctx: StageContext): DocsRecord {
  const rec = ctx.recorded.docs;
  const prefix = `${SITE}/`;
  const files = Object.fromEntries(Object.entries(rec?.outputs ?? {}).flatMap(([rel, hash]) => (rel.startsWith(prefix) ? [[rel.slice(prefix.length), hash]] : [])));
  return { files, state: docsStateOf(rec?.state) };
}

function outcome(record: DocsRecord, ok: boolean): StageOutcome {
  const outputs = Object.fromEntries(Object.entries(record.files).map(([rel, hash]) => [`${SITE}/${rel}`, hash]));
  return { ok, outputs, state: record.state };
}

export async function run(ctx: StageContext): Promise<StageOutcome> {
  const { root } = ctx;
  try {
    const report = await buildDocsSite({
      specsDir: path.join(root, 'specs'),
      outDir: path.join(root, SITE),
      manifestPath: path.join(root, 'sources', 'manifest.json'),
      previous: previousRecord(ctx),
      log: ctx.log,
    });
    return outcome(report.record, true);
  } catch (e) {
    if (!(e instanceof DocsBuildError)) throw e;
    ctx.log(`docs: ${e.message}`);
    return outcome(e.record, false);
  }
}
