/**
 * The signed, typed client against a Prism mock of the emitted data-flow 1.1 spec. Prism validates each request
 * (security headers, parameters, body) against the spec and answers 4xx with an `sl-violations` header when it
 * does not conform, so a 2xx without violations means the spec accepted what the client sent.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { startPrism, type Prism } from '../../examples/mock-server.ts';
import { createScpClient, type ScpSchemas } from '../../src/index.ts';

const root = path.resolve(import.meta.dirname, '../..');
const specFile = existsSync(path.join(root, 'specs/data-flow/1.1.yaml'))
  ? path.join(root, 'specs/data-flow/1.1.yaml')
  : path.join(root, 'test/fixtures/specs/data-flow/1.1.yaml');
const STARTUP_MS = 90_000;

let prism: Prism | undefined;
let baseUrl: string;
let configDir: string;

beforeAll(async () => {
  configDir = mkdtempSync(path.join(os.tmpdir(), 'scp-prism-test-'));
  prism = await startPrism(specFile, { errors: true, startupMs: STARTUP_MS });
  baseUrl = prism.baseUrl;
}, STARTUP_MS + 10_000);

afterAll(async () => {
  await prism?.stop();
  rmSync(configDir, { recursive: true, force: true });
});

function client() {
  return createScpClient('data-flow', '1.1', {
    baseUrl,
    accessKey: 'AKPRISMTEST000000001',
    secretKey: 'prism-test-secret',
    accountId: 'acct-prism',
    env: {},
    configDir,
    retry: { maxAttempts: 1 },
    timeoutMs: 20_000,
    onDeprecation: () => undefined,
  });
}

const violations = (response: Response): string | null => response.headers.get('sl-violations');

describe('typed client against Prism (request validation on)', () => {
  it('GET with a path parameter passes validation and returns a typed body', async () => {
    const { data, error, response } = await client().GET('/v1/data-flows/{data_flow_id}', {
      params: { path: { data_flow_id: '7f3c1a2b9d8e4f60a1b2c3d4e5f60718' } },
    });
    expect(violations(response)).toBeNull();
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(typeof data?.data_flow_id).toBe('string');
  }, 30_000);

  it('GET with query parameters and POST with a body pass validation', async () => {
    const scp = client();
    const list = await scp.GET('/v1/data-flows', { params: { query: { page: 0, size: 2, sort: 'created_dt:desc' } } });
    expect(violations(list.response)).toBeNull();
    expect(list.response.status).toBe(200);

    const body: ScpSchemas<'data-flow', '1.1'>['DataFlowBodyCreate'] = {
      cluster_id: 'cl-0001',
      data_flow_name: 'flow-001',
      domain: 'flow.example.com',
      host_alias_list: [],
      image_id: 'img-0001',
      ingress_controller_name: 'nginx',
      storage_class_name: 'standard',
    };
    const created = await scp.POST('/v1/data-flows', { body });
    expect(violations(created.response)).toBeNull();
    expect(created.error).toBeUndefined();
    expect(created.response.ok).toBe(true);
  }, 30_000);

  it('Prism does reject what the spec forbids (so the passes above mean something)', async () => {
    const unsigned = await fetch(`${baseUrl}/v1/data-flows`);
    expect(unsigned.status).toBe(401);
    expect(violations(unsigned)).toMatch(/security/i);

    // Signed, but with values of the wrong type, bypassing the types.
    const untyped = client() as unknown as {
      GET(p: string, init: unknown): Promise<{ error?: { status: number }; response: Response }>;
      PUT(p: string, init: unknown): Promise<{ error?: { status: number }; response: Response }>;
    };
    const badQuery = await untyped.GET('/v1/data-flows', { params: { query: { page: 'first' } } });
    expect(badQuery.error?.status).toBe(400);
    expect(violations(badQuery.response)).toMatch(/page/);
    const badBody = await untyped.PUT('/v1/data-flows/{data_flow_id}', { params: { path: { data_flow_id: 'df-1' } }, body: { domain: 5 } });
    expect(badBody.error?.status).toBe(400);
    expect(violations(badBody.response)).toMatch(/domain/);
  }, 30_000);

  it('validates the POST body too: every schema pattern in the spec is a valid unicode regex', async () => {
    // Prism (ajv, `u` flag) silently skips validating any body whose schema holds a pattern it cannot compile.
    const text = readFileSync(specFile, 'utf8');
    const patterns = [...new Set([...text.matchAll(/^\s*pattern: (.*)$/gm)].map((m) => parseYaml(m[1]!) as string))];
    const invalid = patterns.filter((p) => {
      try {
        new RegExp(p, 'u');
        return false;
      } catch {
        return true;
      }
    });
    expect(invalid, 'patterns that are not valid ECMAScript (unicode) regular expressions').toEqual([]);

    const post = client().POST as unknown as (p: string, init: { body: unknown }) => Promise<{ error?: { status: number }; response: Response }>;
    const missing = await post('/v1/data-flows', { body: { cluster_id: 'cl-0001' } });
    expect(missing.error?.status).toBeGreaterThanOrEqual(400);
    expect(violations(missing.response)).toMatch(/data_flow_name/);
  }, 30_000);
});
