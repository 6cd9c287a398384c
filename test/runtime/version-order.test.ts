import { describe, expect, it } from 'vitest';
import { checkDeprecation } from '../../src/deprecation.ts';
import type { ServiceVersionMeta } from '../../src/registry-types.ts';
import { compareVersions, compareVersionsDesc } from '../../src/version-order.ts';

describe('version order (src/version-order.ts)', () => {
  it('orders every dotted part numerically, missing parts as 0, `latest` last', () => {
    const shuffled = ['1.10', 'latest', '1.9', '2.0', '1.2.1', '1', '1.2', '10.0', '1.02.0'];
    expect([...shuffled].sort(compareVersions)).toEqual(['1', '1.2', '1.02.0', '1.2.1', '1.9', '1.10', '2.0', '10.0', 'latest']);
    expect([...shuffled].sort(compareVersionsDesc)[0]).toBe('latest');
    expect(compareVersions('1.0', '1')).toBe(0);
  });

  it('lets the deprecation notice suggest 1.10 over 1.9', () => {
    const meta = (version: string, status: 'CURRENT' | 'DEPRECATED'): ServiceVersionMeta => ({
      service: 'svc',
      version,
      serverTemplate: 'https://svc.example',
      environments: [],
      operations: { 'GET /v1/x': { apiVersion: `svc ${version}`, status } },
    });
    const versions = { '1.0': meta('1.0', 'DEPRECATED'), '1.9': meta('1.9', 'CURRENT'), '1.10': meta('1.10', 'CURRENT'), '1.2': meta('1.2', 'CURRENT') };
    const notice = checkDeprecation(versions['1.0'], { now: 0, maxRemainDays: 90, versions });
    expect(notice?.suggestedVersion).toBe('1.10');
    expect(notice?.message).toContain('move to svc 1.10');
  });
});
