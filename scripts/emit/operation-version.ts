/**
 * An operation's version facts as OpenAPI keys: `deprecated`, and the `x-scp-api-version`,
 * `x-scp-status`, `x-scp-state` and `x-scp-supported-until` extensions that the client registry and
 * the portal read (their names and meaning stay stable).
 */
import type { Json } from './json-value.ts';
import { isoSupportDate } from './naming.ts';
import type { OperationContext } from './operation-context.ts';
import { API_VERSION_HEADER, apiVersionValue } from './operation-parameters.ts';

const STATUSES = new Set(['CURRENT', 'SUPPORTED', 'DEPRECATED', 'PLANNED']);

export function versionExtensions(ctx: OperationContext): Json {
  const { em, op } = ctx;
  const out: Json = {};
  if (!STATUSES.has(op.status)) em.diag('warning', 'unknown-status', `unknown version status "${op.status}"`, ctx.origin);
  if (op.status === 'DEPRECATED') out.deprecated = true;
  const expected = apiVersionValue(ctx);
  const header = op.example.headers.find((h) => h.name.toLowerCase() === API_VERSION_HEADER.toLowerCase())?.value.trim();
  if (header !== undefined && header !== expected) {
    em.diag('warning', 'api-version-mismatch', `the example's ${API_VERSION_HEADER} "${header}" differs from "${expected}" (service id + version heading); "${expected}" is used`, ctx.origin);
  }
  out['x-scp-api-version'] = expected;
  out['x-scp-status'] = op.status;
  if (op.state !== '') out['x-scp-state'] = op.state;
  const date = isoSupportDate(op.supportedUntil);
  if (date.kind === 'date') out['x-scp-supported-until'] = date.value;
  if (date.kind === 'raw') {
    out['x-scp-supported-until-raw'] = date.value;
    em.diag('warning', 'unparsed-date', `support date "${date.value}" is neither yyyymmdd nor yyyy-mm-dd; kept as x-scp-supported-until-raw`, ctx.origin);
  }
  return out;
}
