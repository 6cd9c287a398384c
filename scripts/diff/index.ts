/** The semantic change report: public entry points. */
export { diffSpecs, versionAddedReport, versionRemovedReport, type DiffLabel } from './diff-specs.ts';
export { renderChangeMarkdown, renderChangeJson, changeReportJson, type ChangeReportJson, type MarkdownOptions } from './render.ts';
export { diffSpecDirectories, listSpecVersions, readSpecFile } from './spec-tree.ts';
export { runDiffCommand } from './command.ts';
export type { ChangeEntry, ChangeKind, ChangeReport, ChangeSide, OpenApiDoc, ReportStatus } from './types.ts';
