/**
 * The change report of one update, written into the staging root so that it is committed together
 * with the tree it describes: a section appended to CHANGES.md, the JSON report
 * (.cache/last-change-report.json) and the same Markdown alone (.cache/last-change-report.md, the
 * body of the scheduled workflow's pull request).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { changeReportJson, renderChangeJson, renderChangeMarkdown, type ChangeReportJson } from '../diff/render.ts';
import type { ChangeReport } from '../diff/types.ts';

const CHANGES_HEADER = '# API changes\n\nSemantic changes to the generated specs, one section per `npm run cli -- update` run.\n\n';

/** Paths of the report files, relative to the project root. */
export const REPORT_FILES = { changes: 'CHANGES.md', json: '.cache/last-change-report.json', markdown: '.cache/last-change-report.md' } as const;

/** CHANGES.md text with one more section: a header when the file is new, one blank line between sections. */
function appendChangesSection(prev: string | undefined, section: string): string {
  if (prev === undefined || prev === '') return CHANGES_HEADER + section;
  const gap = prev.endsWith('\n\n') ? '' : prev.endsWith('\n') ? '\n' : '\n\n';
  return `${prev}${gap}${section}`;
}

export async function writeChangeReport(stageDir: string, reports: readonly ChangeReport[], date: string): Promise<{ markdown: string; report: ChangeReportJson }> {
  const markdown = renderChangeMarkdown(reports, { date });
  const changesPath = path.join(stageDir, REPORT_FILES.changes);
  const prev = await readFile(changesPath, 'utf8').catch(() => undefined);
  await writeFile(changesPath, appendChangesSection(prev, markdown));
  await mkdir(path.join(stageDir, '.cache'), { recursive: true });
  await writeFile(path.join(stageDir, REPORT_FILES.json), renderChangeJson(reports, { date }));
  await writeFile(path.join(stageDir, REPORT_FILES.markdown), markdown);
  return { markdown, report: changeReportJson(reports, { date }) };
}
