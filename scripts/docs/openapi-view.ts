/**
 * A read-only view of the parts of an emitted OpenAPI 3.1 spec the docs portal needs: title,
 * version, service id and each operation's id, summary, method, path, tags and SCP status
 * extensions. Pure; tolerant of missing fields (the portal shows what is there).
 */
import { isObject } from '../emit/json-value.ts';
import { type OperationEntry, operationEntries } from '../openapi-operations.ts';

export const API_STATUSES = ['CURRENT', 'SUPPORTED', 'DEPRECATED', 'PLANNED'] as const;
export type ApiStatus = (typeof API_STATUSES)[number];

export interface OperationView {
  readonly operationId?: string;
  readonly summary?: string;
  readonly description?: string;
  readonly method: string;
  readonly path: string;
  readonly tags: readonly string[];
  readonly status?: ApiStatus;
  /** `x-scp-supported-until`: the support / not-before date (ISO). */
  readonly supportedUntil?: string;
  readonly deprecated: boolean;
  readonly apiVersion?: string;
}

export interface SpecView {
  readonly title?: string;
  readonly version?: string;
  readonly serviceId?: string;
  /** `info.x-scp-category`, used when the manifest does not place the service. */
  readonly categoryId?: string;
  readonly description?: string;
  readonly operations: readonly OperationView[];
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string' && v.trim() !== '') return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

function status(v: unknown): ApiStatus | undefined {
  const s = typeof v === 'string' ? v.trim().toUpperCase() : '';
  return (API_STATUSES as readonly string[]).includes(s) ? (s as ApiStatus) : undefined;
}

/** A date written as YYYY-MM-DD or YYYYMMDD (as in the docs tables), normalised to YYYY-MM-DD. */
export function isoDate(v: unknown): string | undefined {
  const s = str(v)?.trim();
  if (!s) return undefined;
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (compact) return `${compact[1]}-${compact[2]}-${compact[3]}`;
  return /^\d{4}-\d{2}-\d{2}/.test(s) ? s.slice(0, 10) : undefined;
}

/** The portal-relevant view of one operation. */
export function operationView({ path, method, op }: OperationEntry): OperationView {
  return {
    operationId: str(op.operationId),
    summary: str(op.summary),
    description: str(op.description),
    method: method.toUpperCase(),
    path,
    tags: Array.isArray(op.tags) ? op.tags.filter((t): t is string => typeof t === 'string') : [],
    status: status(op['x-scp-status']),
    supportedUntil: isoDate(op['x-scp-supported-until']),
    deprecated: op.deprecated === true,
    apiVersion: str(op['x-scp-api-version']),
  };
}

/** Read the portal-relevant view of a parsed OpenAPI document (anything else yields an empty view). */
export function viewSpec(doc: unknown): SpecView {
  if (!isObject(doc)) return { operations: [] };
  const info = isObject(doc.info) ? doc.info : {};
  const operations = operationEntries(doc).map(operationView);
  return {
    title: str(info.title),
    version: str(info.version),
    serviceId: str(info['x-scp-service']),
    categoryId: str(info['x-scp-category']),
    description: str(info.description),
    operations,
  };
}
