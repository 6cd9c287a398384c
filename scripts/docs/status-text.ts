/**
 * Words shown next to API statuses, shared by the portal and the reference pages' version bar.
 * Meanings follow SCP's api-common conventions.
 */
import type { ApiStatus } from './openapi-view.ts';
import { escapeHtml } from './html.ts';

export const STATUS_MEANING: Readonly<Record<ApiStatus, string>> = {
  CURRENT: 'Latest version; recommended for new integrations.',
  SUPPORTED: 'Still served, bug fixes only; plan your move to the current version.',
  DEPRECATED: 'Scheduled for removal (less than 90 days before removal).',
  PLANNED: 'Documented but not yet callable.',
};

/** "Supported until" for SUPPORTED versions, "Not before" (earliest removal) for DEPRECATED ones. */
export function supportDateLabel(status: ApiStatus | undefined): string {
  return status === 'DEPRECATED' ? 'Removal not before' : 'Supported until';
}

/** The coloured status pill. */
export function statusBadge(status: ApiStatus | undefined): string {
  if (!status) return '<span class="badge badge-unknown" title="No x-scp-status in this spec">UNKNOWN</span>';
  return `<span class="badge badge-${status.toLowerCase()}" title="${escapeHtml(STATUS_MEANING[status])}">${status}</span>`;
}

/** The support-date note (empty when the version has no date, e.g. CURRENT versions). */
export function supportDate(status: ApiStatus | undefined, date: string | undefined): string {
  if (!date) return '';
  return `<span class="support-date">${supportDateLabel(status)} <time datetime="${escapeHtml(date)}">${escapeHtml(date)}</time></span>`;
}
