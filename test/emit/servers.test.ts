import { describe, expect, it } from 'vitest';
import { Emission } from '../../scripts/emit/emission.ts';
import { buildServers } from '../../scripts/emit/servers.ts';
import type { MergedService } from '../../scripts/model.ts';

const pairs = [
  { environment: 's', region: 'kr-west1' },
  { environment: 'g', region: 'kr-south1' },
  { environment: 's', region: 'kr-east1' },
];
function service(baseUrl: string | undefined, environments = pairs): MergedService {
  return { id: 'p', title: 'P', ...(baseUrl ? { baseUrl: { value: baseUrl } } : {}), environments, versionTable: [], operations: [], models: [], sourceFiles: ['x.txt'] };
}

describe('buildServers', () => {
  it('groups regions by environment in the documented order', () => {
    const servers = buildServers(new Emission(service('https://p.{region}.{environment}.samsungsdscloud.com')));
    expect(servers?.map((s) => [s.description, s.variables])).toEqual([
      ['Environment s: kr-west1, kr-east1', { region: { enum: ['kr-west1', 'kr-east1'], default: 'kr-west1', description: 'Region of environment s.' }, environment: { enum: ['s'], default: 's', description: 'Environment letter (one server entry per environment).' } }],
      ['Environment g: kr-south1', { region: { enum: ['kr-south1'], default: 'kr-south1', description: 'Region of environment g.' }, environment: { enum: ['g'], default: 'g', description: 'Environment letter (one server entry per environment).' } }],
    ]);
  });

  it('handles URLs without a region or without an environment', () => {
    const noRegion = buildServers(new Emission(service('https://p.{environment}.samsungsdscloud.com')));
    expect(noRegion?.map((s) => s.variables)).toEqual([{ environment: { enum: ['s'], default: 's', description: 'Environment letter (one server entry per environment).' } }, { environment: { enum: ['g'], default: 'g', description: 'Environment letter (one server entry per environment).' } }]);
    const noEnv = buildServers(new Emission(service('https://p.{region}.samsungsdscloud.com')));
    expect(noEnv).toHaveLength(1);
    expect((noEnv?.[0]?.variables as Record<string, { enum: string[] }>).region?.enum).toEqual(['kr-west1', 'kr-south1', 'kr-east1']);
    expect(buildServers(new Emission(service('https://fixed.samsungsdscloud.com', [])))).toEqual([{ url: 'https://fixed.samsungsdscloud.com' }]);
  });

  it('reports what it cannot serve', () => {
    const codes = (url: string | undefined, envs = pairs): string[] => {
      const em = new Emission(service(url, envs));
      expect(buildServers(em)).toBeUndefined();
      return em.diagnostics.map((d) => d.code);
    };
    expect(codes(undefined)).toEqual(['missing-base-url']);
    expect(codes('https://p.{zone}.samsungsdscloud.com')).toEqual(['unknown-server-variable']);
    expect(codes('https://p.{region}.samsungsdscloud.com', [])).toEqual(['missing-environments']);
  });
});
