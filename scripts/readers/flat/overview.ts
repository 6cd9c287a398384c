/**
 * The service overview under a flat-layout service heading (SOURCE-FORMATS.md 2.3): Overview
 * paragraphs, the service Version table, the OpenAPI URL and the environment/region list.
 */
import type { EnvironmentRegion, ServiceFacts, ServiceVersionRow, VersionHistoryEntry } from '../../model.ts';
import { historyEntry, isVersionStatus, VERSION_NUMBER } from '../cells.ts';
import { type Line, type Reporter } from './report.ts';

export interface Overview extends ServiceFacts {
  /** Host label of the OpenAPI URL (`data-flow`), which is the service id. */
  readonly urlId?: string;
}

const O = { start: 0, overview: 1, version: 2, versionHeader: 3, url: 4, environments: 5, environmentsHeader: 6, history: 7 } as const;
type Phase = (typeof O)[keyof typeof O];

const NAMES: Record<Phase, string> = {
  0: 'start',
  1: 'Overview',
  2: 'Version',
  3: 'Version table header',
  4: 'OpenAPI URL',
  5: 'Environment and Region List',
  6: 'environment/region table header',
  7: 'API Version History',
};

function markerOf(t: string): Phase | undefined {
  switch (t) {
    case 'Overview':
      return O.overview;
    case 'Version':
      return O.version;
    case 'OpenAPI URL':
      return O.url;
    case 'Environment and Region List':
      return O.environments;
    case 'environmentregion':
      return O.environmentsHeader;
    case 'API Version History':
      return O.history;
    default:
      // `VersionStatusSupported Until`: glued header cells.
      return /^Version[A-Z]/.test(t) ? O.versionHeader : undefined;
  }
}

const VERSION_ROW = /^(\d+(?:\.\d+)+?)(CURRENT|SUPPORTED|DEPRECATED|PLANNED)(.*)$/;
const ENVIRONMENT_ROW = /^([a-z])([a-z]{2}-[a-z]+\d+)$/;
const URL = /^https?:\/\/([A-Za-z0-9-]+)\.\S*$/;

export function readOverview(lines: readonly Line[], heading: Line, report: Reporter): Overview {
  // Print pages of a single section (APIs, one model) carry no overview at all: nothing is missing then.
  if (lines.every((l) => l.t === '')) return {};
  let phase: Phase = O.start;
  const seen = new Set<Phase>();
  const reported = new Set<Phase>();
  const paragraphs: string[] = [];
  const versions: ServiceVersionRow[] = [];
  const environments: EnvironmentRegion[] = [];
  let baseUrl: string | undefined;
  let urlId: string | undefined;
  let last = heading;
  const history = new HistoryLines(report.sink.file);

  const missingBefore = (p: number, line: number): void => {
    const missing: string[] = [];
    for (let q = O.overview; q < p; q++) {
      if (!seen.has(q as Phase) && !reported.has(q as Phase)) {
        missing.push(NAMES[q as Phase]);
        reported.add(q as Phase);
      }
    }
    if (missing.length > 0) report.warn('missing-section', `service overview: missing ${missing.join(', ')}`, line);
  };

  for (const line of lines) {
    if (line.t === '') continue;
    last = line;
    const m = markerOf(line.t);
    if (m !== undefined && m > phase) {
      missingBefore(m, line.no);
      phase = m;
      seen.add(m);
      continue;
    }
    if (phase === O.overview) {
      paragraphs.push(line.t);
      continue;
    }
    if (phase === O.version || phase === O.versionHeader) {
      const row = VERSION_ROW.exec(line.t);
      if (row) {
        if (phase === O.version) missingBefore(O.url, line.no);
        const status = row[2] as string;
        if (isVersionStatus(status)) versions.push({ version: row[1] as string, status, supportedUntil: row[3] as string });
        continue;
      }
    }
    if (phase === O.url && baseUrl === undefined) {
      const u = URL.exec(line.t);
      if (u) {
        baseUrl = line.t;
        urlId = u[1] as string;
        continue;
      }
    }
    if (phase === O.history && history.line(line)) continue;
    if (phase === O.environments || phase === O.environmentsHeader) {
      const env = ENVIRONMENT_ROW.exec(line.t);
      if (env) {
        if (phase === O.environments) missingBefore(O.environmentsHeader + 1, line.no);
        environments.push({ environment: env[1] as string, region: env[2] as string });
        continue;
      }
    }
    report.unknown(line, `the service overview (${NAMES[phase]})`);
  }
  // The history is optional: it does not count as missing.
  missingBefore(O.environmentsHeader + 1, last.no);
  if (seen.has(O.url) && baseUrl === undefined) report.warn('missing-section', 'service overview: OpenAPI URL has no URL line', last.no);

  return {
    ...(paragraphs.length > 0 ? { overview: paragraphs.join('\n\n') } : {}),
    ...(baseUrl !== undefined ? { baseUrl } : {}),
    ...(urlId !== undefined ? { urlId } : {}),
    ...(seen.has(O.environments) || environments.length > 0 ? { environments } : {}),
    ...(seen.has(O.version) || versions.length > 0 ? { versionTable: versions } : {}),
    ...(seen.has(O.history) ? { versionHistory: history.entries } : {}),
  };
}

/** API Version History lines: a bare version line opens that version, then `[New]/[Changed]/[Removed]` lines. */
class HistoryLines {
  readonly entries: VersionHistoryEntry[] = [];
  private version: string | undefined;

  constructor(private readonly file: string) {}

  /** False when the line is neither a version nor a tagged history line. */
  line(line: Line): boolean {
    if (VERSION_NUMBER.test(line.t)) {
      this.version = line.t;
      return true;
    }
    const entry = historyEntry(line.t, this.version, { file: this.file, line: line.no });
    if (!entry) return false;
    this.entries.push(entry);
    return true;
  }
}
