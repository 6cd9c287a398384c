/**
 * Picks a service's base URL from the docs' server template (`https://data-flow.{region}.{environment}.samsungsdscloud.com`)
 * and the documented environment/region pairs. An explicit base URL (proxy, mock server, endpoint override) wins.
 */
import { ScpEndpointError } from './errors.ts';
import { redactUrl } from './redact.ts';
import type { EnvironmentRegion } from './registry-types.ts';

export interface EndpointMeta {
  readonly service: string;
  readonly serverTemplate: string;
  readonly environments: readonly EnvironmentRegion[];
}

export interface EndpointOptions {
  region?: string;
  environment?: string;
  baseUrl?: string;
}

// A DNS label: what may be substituted into a host name.
const LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/** `environment/region`, the form used in error messages and {@link ScpEndpointError.validPairs}. */
function formatPair(pair: EnvironmentRegion): string {
  return `${pair.environment}/${pair.region}`;
}

/**
 * Returns the base URL (no trailing slash) for a service.
 * - `baseUrl` given: used as is (must be an absolute http(s) URL).
 * - Both region and environment given: the pair must be documented for the service.
 * - Only one given: the other is inferred when exactly one documented pair matches; otherwise the error lists them.
 * Throws {@link ScpEndpointError} listing the valid pairs.
 */
export function resolveBaseUrl(meta: EndpointMeta, opts: EndpointOptions): string {
  if (opts.baseUrl) return checkedBaseUrl(opts.baseUrl);

  const template = meta.serverTemplate;
  const needsRegion = template.includes('{region}');
  const needsEnvironment = template.includes('{environment}');
  const region = normalise(opts.region, 'region', meta.service);
  const environment = normalise(opts.environment, 'environment', meta.service);
  const pairs = meta.environments;
  const validPairs = pairs.map(formatPair);
  const listing = validPairs.length ? ` Valid environment/region pairs: ${validPairs.join(', ')}.` : '';

  let chosenEnvironment = environment;
  let chosenRegion = region;

  if (needsRegion) {
    const matches = pairs.filter(
      (p) => (region === undefined || p.region === region) && (environment === undefined || p.environment === environment),
    );
    if (region !== undefined && environment !== undefined) {
      if (pairs.length > 0 && matches.length === 0) {
        throw new ScpEndpointError(
          `${meta.service} is not documented in region "${region}" of environment "${environment}".${listing}`,
          validPairs,
        );
      }
    } else if (matches.length === 1) {
      chosenRegion = (matches[0] as EnvironmentRegion).region;
      chosenEnvironment = (matches[0] as EnvironmentRegion).environment;
    } else if (pairs.length === 0) {
      throw new ScpEndpointError(
        `${meta.service} needs a region and an environment (the docs list none to infer from; pass both, or baseUrl).`,
        validPairs,
      );
    } else if (matches.length === 0) {
      const given = region !== undefined ? `region "${region}"` : `environment "${environment}"`;
      throw new ScpEndpointError(`${meta.service} is not documented in ${given}.${listing}`, validPairs);
    } else {
      const options = matches.map(formatPair).join(', ');
      const what =
        region !== undefined
          ? `Region "${region}" exists in more than one environment for ${meta.service}; pass environment too`
          : environment !== undefined
            ? `Environment "${environment}" has more than one region for ${meta.service}; pass region too`
            : `${meta.service} needs a region and an environment`;
      throw new ScpEndpointError(`${what}. Options (environment/region): ${options}.`, validPairs);
    }
  } else if (needsEnvironment && environment === undefined) {
    // Template without a region: only the environment matters; a region may still single one out.
    const candidates = pairs.filter((p) => region === undefined || p.region === region);
    const environments = [...new Set(candidates.map((p) => p.environment))];
    if (environments.length !== 1) {
      const known = [...new Set(pairs.map((p) => p.environment))];
      throw new ScpEndpointError(
        `${meta.service} needs an environment` +
          (known.length ? `; documented: ${known.join(', ')}.` : ' (none documented; pass baseUrl).'),
        validPairs,
      );
    }
    chosenEnvironment = environments[0];
  } else if (needsEnvironment && pairs.length > 0 && !pairs.some((p) => p.environment === environment)) {
    const known = [...new Set(pairs.map((p) => p.environment))];
    throw new ScpEndpointError(
      `${meta.service} is not documented in environment "${environment}"; documented: ${known.join(', ')}.`,
      validPairs,
    );
  }

  const url = template
    .replaceAll('{region}', chosenRegion ?? '')
    .replaceAll('{environment}', chosenEnvironment ?? '')
    .replaceAll('{service}', meta.service);
  const leftover = /\{[^}]*\}/.exec(url);
  if (leftover) {
    throw new ScpEndpointError(`Server template for ${meta.service} has an unknown placeholder ${leftover[0]}: ${template}`);
  }
  return checkedBaseUrl(url);
}

function normalise(value: string | undefined, what: string, service: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  const v = value.trim().toLowerCase();
  if (!LABEL.test(v)) {
    throw new ScpEndpointError(`Invalid ${what} "${value}" for ${service}: expected letters, digits and hyphens`);
  }
  return v;
}

function checkedBaseUrl(raw: string): string {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ScpEndpointError(`Base URL "${redactUrl(raw)}" is not an absolute URL`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new ScpEndpointError(`Base URL "${redactUrl(raw)}" must use http or https`);
  }
  if (parsed.username || parsed.password) {
    throw new ScpEndpointError('Base URL must not contain a user name or password');
  }
  return raw.replace(/\/+$/, '');
}
