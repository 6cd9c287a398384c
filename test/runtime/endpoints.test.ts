import { describe, expect, it } from 'vitest';
import { resolveBaseUrl } from '../../src/endpoints.ts';
import { ScpEndpointError } from '../../src/errors.ts';

const dataFlow = {
  service: 'data-flow',
  serverTemplate: 'https://data-flow.{region}.{environment}.samsungsdscloud.com',
  environments: [
    { environment: 's', region: 'kr-west1' },
    { environment: 's', region: 'kr-east1' },
    { environment: 'g', region: 'kr-south1' },
    { environment: 'e', region: 'kr-west1' },
  ],
};
const product = {
  service: 'product',
  serverTemplate: 'https://product.{environment}.samsungsdscloud.com',
  environments: [
    { environment: 's', region: 'kr-west1' },
    { environment: 's', region: 'kr-east1' },
    { environment: 'g', region: 'kr-south1' },
  ],
};

function endpointError(fn: () => unknown): ScpEndpointError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ScpEndpointError);
    return error as ScpEndpointError;
  }
  throw new Error('expected an ScpEndpointError');
}

describe('resolveBaseUrl', () => {
  it('fills the template for a documented pair', () => {
    expect(resolveBaseUrl(dataFlow, { region: 'kr-east1', environment: 's' })).toBe(
      'https://data-flow.kr-east1.s.samsungsdscloud.com',
    );
    expect(resolveBaseUrl(dataFlow, { region: ' KR-West1 ', environment: 'E' })).toBe(
      'https://data-flow.kr-west1.e.samsungsdscloud.com',
    );
  });

  it('refuses an undocumented pair and lists the valid ones', () => {
    const error = endpointError(() => resolveBaseUrl(dataFlow, { region: 'kr-south1', environment: 's' }));
    expect(error.validPairs).toEqual(['s/kr-west1', 's/kr-east1', 'g/kr-south1', 'e/kr-west1']);
    for (const pair of error.validPairs) expect(error.message).toContain(pair);
  });

  it('infers the environment from a region found in exactly one environment', () => {
    expect(resolveBaseUrl(dataFlow, { region: 'kr-south1' })).toBe('https://data-flow.kr-south1.g.samsungsdscloud.com');
  });

  it('reports an ambiguous region with its options', () => {
    const error = endpointError(() => resolveBaseUrl(dataFlow, { region: 'kr-west1' }));
    expect(error.message).toMatch(/more than one environment/);
    expect(error.message).toContain('s/kr-west1');
    expect(error.message).toContain('e/kr-west1');
    expect(error.message).not.toContain('Options (environment/region): s/kr-east1');
  });

  it('infers the region when the environment has only one, else asks for it', () => {
    expect(resolveBaseUrl(dataFlow, { environment: 'g' })).toBe('https://data-flow.kr-south1.g.samsungsdscloud.com');
    expect(endpointError(() => resolveBaseUrl(dataFlow, { environment: 's' })).message).toMatch(/pass region/);
    expect(endpointError(() => resolveBaseUrl(dataFlow, {})).message).toMatch(/needs a region and an environment/);
    expect(endpointError(() => resolveBaseUrl(dataFlow, { region: 'us-west9' })).message).toContain('us-west9');
  });

  it('uses the single documented pair when nothing is given', () => {
    const single = { ...dataFlow, environments: [{ environment: 's', region: 'kr-west1' }] };
    expect(resolveBaseUrl(single, {})).toBe('https://data-flow.kr-west1.s.samsungsdscloud.com');
  });

  it('handles templates without a region', () => {
    expect(resolveBaseUrl(product, { environment: 'g' })).toBe('https://product.g.samsungsdscloud.com');
    expect(resolveBaseUrl(product, { region: 'kr-south1' })).toBe('https://product.g.samsungsdscloud.com');
    expect(resolveBaseUrl(product, { region: 'kr-east1', environment: 's' })).toBe('https://product.s.samsungsdscloud.com');
    expect(endpointError(() => resolveBaseUrl(product, {})).message).toMatch(/needs an environment; documented: s, g/);
    expect(endpointError(() => resolveBaseUrl(product, { environment: 'e' })).message).toMatch(/not documented in environment "e"/);
  });

  it('accepts any well-formed pair when the docs list none', () => {
    const undocumented = { ...dataFlow, environments: [] };
    expect(resolveBaseUrl(undocumented, { region: 'kr-x1', environment: 'q' })).toBe('https://data-flow.kr-x1.q.samsungsdscloud.com');
    expect(endpointError(() => resolveBaseUrl(undocumented, { region: 'kr-x1' })).message).toMatch(/list none/);
  });

  it('lets an explicit base URL win and strips trailing slashes', () => {
    expect(resolveBaseUrl(dataFlow, { baseUrl: 'http://127.0.0.1:4010/', region: 'nowhere' })).toBe('http://127.0.0.1:4010');
    endpointError(() => resolveBaseUrl(dataFlow, { baseUrl: 'not a url' }));
    endpointError(() => resolveBaseUrl(dataFlow, { baseUrl: 'ftp://host/' }));
    const withCreds = endpointError(() => resolveBaseUrl(dataFlow, { baseUrl: 'https://user:pw-secret@host/' }));
    expect(withCreds.message).not.toContain('pw-secret');
  });

  it('refuses values that are not host-name labels', () => {
    endpointError(() => resolveBaseUrl(dataFlow, { region: 'kr-west1.evil.com/x', environment: 's' }));
    endpointError(() => resolveBaseUrl(dataFlow, { region: 'kr-west1', environment: 's@x' }));
  });

  it('reports a template placeholder it cannot fill', () => {
    const odd = { ...dataFlow, serverTemplate: 'https://x.{region}.{environment}.{zone}.example' };
    expect(endpointError(() => resolveBaseUrl(odd, { region: 'kr-west1', environment: 's' })).message).toContain('{zone}');
  });
});
