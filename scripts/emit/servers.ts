/**
 * `servers`: one entry per environment, so that no tool can pick a region the environment does not
 * have. Each entry keeps the docs' URL template (`https://svc.{region}.{environment}.…`, which the
 * client registry reads from `servers[0].url`), pins `environment` to its letter and lists only that
 * environment's regions; `x-scp-environments` lists the entry's (environment, region) pairs.
 */
import { groupBy } from '../group-by.ts';
import type { EnvironmentRegion } from '../model.ts';
import type { Emission } from './emission.ts';
import type { Json } from './json-value.ts';
import { pathTemplateNames } from './operation-parameters.ts';

const KNOWN_VARIABLES = new Set(['region', 'environment']);

/** The environments in the order the docs list them, each with its regions in that order. */
function byEnvironment(pairs: readonly EnvironmentRegion[]): Map<string, string[]> {
  return new Map([...groupBy(pairs, (p) => p.environment)].map(([environment, group]) => [environment, [...new Set(group.map((p) => p.region))]]));
}

function serverFor(url: string, vars: readonly string[], environment: string | undefined, regions: readonly string[]): Json {
  const server: Json = { url };
  const variables: Json = {};
  if (vars.includes('region') && regions.length > 0) {
    variables.region = { enum: [...regions], default: regions[0], description: `Region${environment !== undefined ? ` of environment ${environment}` : ''}.` };
  }
  if (vars.includes('environment') && environment !== undefined) {
    variables.environment = { enum: [environment], default: environment, description: 'Environment letter (one server entry per environment).' };
  }
  if (Object.keys(variables).length > 0) server.variables = variables;
  return server;
}

/** The servers of the service, or undefined (and an error diagnostic) when the docs do not allow any. */
export function buildServers(em: Emission): Json[] | undefined {
  const service = em.service;
  const origin = em.serviceOrigin();
  const url = service.baseUrl?.value;
  if (!url) {
    em.diag('error', 'missing-base-url', `service ${service.id} has no OpenAPI URL; the spec has no servers`, origin);
    return undefined;
  }
  const envs = service.environments ?? [];
  const vars = pathTemplateNames(url);
  const unknown = vars.filter((v) => !KNOWN_VARIABLES.has(v));
  if (unknown.length > 0) {
    em.diag('error', 'unknown-server-variable', `the OpenAPI URL ${url} uses variables ${unknown.join(', ')} that the environment list cannot fill; the spec has no servers`, origin);
    return undefined;
  }
  if (vars.length > 0 && envs.length === 0) {
    em.diag('error', 'missing-environments', `service ${service.id} has no environment and region list for ${url}; the spec has no servers`, origin);
    return undefined;
  }
  const cite = service.baseUrl?.cite;
  const groups = vars.includes('environment') ? [...byEnvironment(envs)] : [[undefined, [...new Set(envs.map((e) => e.region))]] as const];
  return groups.map(([environment, regions]) => {
    const server = serverFor(url, vars, environment, regions);
    const name = environment !== undefined ? `Environment ${environment}: ${regions.join(', ')}` : undefined;
    const description = [name, cite !== undefined ? `URL cited from ${cite}` : undefined].filter((s) => s !== undefined).join('. ');
    if (description !== '') server.description = description;
    const pairs = envs.filter((e) => environment === undefined || e.environment === environment);
    if (pairs.length > 0) server['x-scp-environments'] = pairs.map((e) => ({ environment: e.environment, region: e.region }));
    if (service.environmentsCite) server['x-scp-environments-cite'] = service.environmentsCite;
    return server;
  });
}
