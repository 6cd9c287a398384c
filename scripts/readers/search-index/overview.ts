/**
 * The service overview page body: `Overview` paragraphs (one per line), the `Version` table
 * (`Version Status <Supported Until|Not Before|…> <version> <status> <date> …`), `OpenAPI URL`,
 * `Environment and Region List` (`environment region <env> <region> …`) and `API Version History`
 * (`1.2 [New] GET /products - … [Changed] … 1.1 [New] …`). Labels in English or Korean.
 */
import type { EnvironmentRegion, ServiceFacts, ServiceVersionRow, VersionHistoryEntry, Writable } from '../../model.ts';
import { historyEntry, isVersionStatus } from '../cells.ts';
import { findLabel, labelAt, type Found } from './plain.ts';
import { quote, type PageReport } from './report.ts';

/** Filled in section by section. */
export type OverviewFacts = Writable<ServiceFacts>;

const SECTIONS = {
  overview: 'Overview|개요',
  version: '(?:Version|버전)[ \\n](?:Version|버전) (?:Status|상태)',
  url: 'OpenAPI URL',
  environments: 'Environment and Region List|환경 및 리전 목록|환경 및 리전',
  history: 'API Version History|API 버전 히스토리|API 버전 이력',
} as const;
type Section = keyof typeof SECTIONS;

const VERSION_ROW = /^(\d+(?:\.\d+)+) (\S+) (\S+)(?:[ \n]|$)/;
/** A version number ending a history segment: the heading of the entries after it. */
const TRAILING_VERSION = /(?:^|\s)(\d+(?:\.\d+)+)\s*$/;

/** The sections in page order, each found after the previous one. */
function locate(body: string): { section: Section; at: Found }[] {
  const out: { section: Section; at: Found }[] = [];
  let from = 0;
  for (const section of Object.keys(SECTIONS) as Section[]) {
    const at = findLabel(body, SECTIONS[section], from);
    if (!at) continue;
    out.push({ section, at });
    from = at.end;
  }
  return out;
}

function readVersions(text: string, report: PageReport): ServiceVersionRow[] {
  // The third column's label runs up to the first row (or the end of an empty table).
  const first = /(?:^|[ \n])\d+(?:\.\d+)+ [A-Z]/.exec(text);
  let rest = first ? text.slice(first.index).trim() : '';
  const rows: ServiceVersionRow[] = [];
  for (let m = VERSION_ROW.exec(rest); m !== null; m = VERSION_ROW.exec(rest)) {
    const [, version, status, supportedUntil] = m as unknown as [string, string, string, string];
    rest = rest.slice(m[0].length);
    if (!isVersionStatus(status)) {
      report.warn('unknown-status', `service version row "${version} ${status} ${supportedUntil}" has an unknown status; row skipped`);
      continue;
    }
    rows.push({ version, status, supportedUntil });
  }
  // A sentence under the table ("Deprecated versions …") is not part of the doc model.
  if (rest.trim() !== '') report.unplaced('the service Version section', rest, 'info');
  return rows;
}

function readEnvironments(text: string, report: PageReport): EnvironmentRegion[] {
  const header = labelAt(text, '(?:environment|환경) (?:region|리전)', 0);
  if (!header) report.warn('missing-table-header', `the environment list has no "environment region" header (${quote(text.slice(0, 40))})`);
  const words = text.slice(header?.end ?? 0).trim().split(/[ \n]+/).filter((w) => w !== '');
  const out: EnvironmentRegion[] = [];
  for (let i = 0; i + 1 < words.length; i += 2) out.push({ environment: words[i] as string, region: words[i + 1] as string });
  if (words.length % 2 === 1) report.warn('bad-row', `the environment list ends with an incomplete row ${quote(words[words.length - 1] as string)}`);
  return out;
}

/**
 * The changelog as plain text: version numbers and `[New]/[Changed]/[Removed]` entries run together
 * (`1.2 [New] GET /products - … 1.1 [New] …`); each entry ends where the next tag (or version) starts.
 */
function readHistory(text: string, report: PageReport): VersionHistoryEntry[] {
  const out: VersionHistoryEntry[] = [];
  const source = { file: report.sink.file, line: report.line };
  let version: string | undefined;
  for (const segment of text.split(/(?=\[[^\]\n]+\])/)) {
    const next = TRAILING_VERSION.exec(segment);
    const body = (next ? segment.slice(0, next.index) : segment).trim();
    if (body !== '') {
      const entry = historyEntry(body, version, source);
      if (entry) out.push(entry);
      else report.unplaced('the API Version History', body, 'info');
    }
    if (next) version = next[1];
  }
  return out;
}

export function readOverviewPage(body: string, report: PageReport): OverviewFacts {
  const out: OverviewFacts = {};
  const found = locate(body);
  const lead = body.slice(0, found[0]?.at.start ?? body.length).trim();
  if (lead !== '') report.unplaced('the service overview', lead, 'info');
  found.forEach(({ section, at }, i) => {
    const text = body.slice(at.end, found[i + 1]?.at.start ?? body.length).trim();
    switch (section) {
      case 'overview': {
        const paragraphs = text.split('\n').map((p) => p.trim()).filter((p) => p !== '');
        if (paragraphs.length > 0) out.overview = paragraphs.join('\n\n');
        return;
      }
      case 'version':
        out.versionTable = readVersions(text, report);
        return;
      case 'url': {
        const [url, ...extra] = text.split(/[ \n]+/).filter((w) => w !== '');
        if (url !== undefined) out.baseUrl = url;
        else report.warn('missing-section', 'the OpenAPI URL section is empty');
        if (extra.length > 0) report.unplaced('the OpenAPI URL section', extra.join(' '), 'info');
        return;
      }
      case 'environments':
        out.environments = readEnvironments(text, report);
        return;
      case 'history':
        out.versionHistory = readHistory(text, report);
        report.sink.count('versionHistoryEntries', out.versionHistory.length);
    }
  });
  return out;
}
