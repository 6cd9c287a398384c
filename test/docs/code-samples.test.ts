/**
 * The code samples on the reference pages: the TypeScript sample type-checks against the package's
 * real client types for every operation of a real spec, and the curl sample's shell signing (run in
 * bash with openssl) produces the signature the project's signer computes.
 */
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { signRequestSync } from '../../src/signing.ts';
import { operationDetails } from '../../scripts/docs/operation-detail.ts';
import { curlSample, shellSigningLines, tsLiteral, typescriptSample } from '../../scripts/docs/reference/code-samples.ts';
import { sampleRequest, sampleServer, sampleUrl } from '../../scripts/docs/reference/sample-request.ts';
import { REAL_SPECS, ROOT } from './helpers.ts';

const HAS_BASH_OPENSSL = existsSync('/usr/bin/openssl') && existsSync('/bin/bash');

async function realSpec(service: string, version: string): Promise<unknown> {
  return parse(await readFile(path.join(REAL_SPECS, service, `${version}.yaml`), 'utf8'));
}

function samplesFor(doc: unknown, service: string, version: string): { ts: string; curl: string; url: string }[] {
  const server = sampleServer(doc, service);
  return operationDetails(doc).map((op) => {
    const req = sampleRequest(doc, op);
    const ctx = { service, clientVersion: version, versionHeader: op.versionHeader ?? `${service} ${version}`, server };
    return { ts: typescriptSample(ctx, req), curl: curlSample(ctx, req), url: sampleUrl(server, req) };
  });
}

describe('TypeScript sample', () => {
  it('prints literals as TypeScript (identifier keys bare, others quoted, strings single-quoted)', () => {
    expect(tsLiteral({ a: 1, 'b-c': ["it's", null, true] })).toBe(`{\n  a: 1,\n  'b-c': [\n    'it\\'s',\n    null,\n    true,\n  ],\n}`);
  });

  it('type-checks against the package types for every operation of data-flow 1.1 and latest', async () => {
    // Inside the package, so `import … from 'scp-openapi'` resolves to this package by its name.
    await mkdir(path.join(ROOT, '.cache'), { recursive: true });
    const dir = await mkdtemp(path.join(ROOT, '.cache', 'samples-'));
    try {
      const files: string[] = [];
      for (const version of ['1.1', 'latest']) {
        const doc = await realSpec('data-flow', version);
        const samples = samplesFor(doc, 'data-flow', version);
        for (const [i, s] of samples.entries()) {
          expect(s.ts).toContain(`createScpClient('data-flow', '${version}', { region: 'kr-west1', environment: 's' })`);
          const file = path.join(dir, `${version}-${i}.ts`);
          files.push(file);
          await writeFile(file, `export {};\n${s.ts}`);
        }
      }
      const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
      if (!config) throw new Error('tsconfig.json not readable');
      const program = ts.createProgram(files, { ...config.options, noEmit: true });
      const problems = ts
        .getPreEmitDiagnostics(program)
        .filter((d) => d.file && files.includes(path.resolve(d.file.fileName)))
        .map((d) => `${path.basename(d.file?.fileName ?? '')}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
      expect(problems).toEqual([]);
      expect(files.length).toBeGreaterThan(20);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 240_000);
});

describe('curl sample', () => {
  it('sends every signed header, the version header and the body, and signs the exact URL', async () => {
    const doc = await realSpec('data-flow', '1.1');
    const all = samplesFor(doc, 'data-flow', '1.1');
    const ops = operationDetails(doc);
    for (const [i, s] of all.entries()) {
      for (const h of ['Scp-Accesskey: $ACCESS_KEY', 'Scp-Signature: $SIGNATURE', 'Scp-Timestamp: $TIMESTAMP', 'Scp-ClientType: Openapi', 'Scp-AccountId: $ACCOUNT_ID']) expect(s.curl).toContain(h);
      expect(s.curl).toContain(`'Scp-Api-Version: data-flow 1.1'`);
      expect(s.curl).toContain(`URL='${s.url}'`);
      expect(s.url.startsWith('https://data-flow.kr-west1.s.samsungsdscloud.com/')).toBe(true);
      expect(s.curl.includes('--data '), ops[i]?.operationId).toBe(ops[i]?.requestBody !== undefined);
    }
  });

  it.skipIf(!HAS_BASH_OPENSSL)('signs in bash + openssl exactly as the project signer does', async () => {
    const credentials = { accessKey: 'AK-test', secretKey: "s3cr'et key", accountId: 'acc-1' };
    const url = 'https://data-flow.kr-west1.s.samsungsdscloud.com/v1/data-flows?size=20&page=0';
    const lines = shellSigningLines('get', url).map((l) => (l.startsWith('TIMESTAMP=') ? 'TIMESTAMP=1700000000123' : l));
    const script = [`ACCESS_KEY='AK-test'`, `SECRET_KEY='s3cr'\\''et key'`, `ACCOUNT_ID='acc-1'`, ...lines, 'printf "%s" "$SIGNATURE"'].join('\n');
    const fromShell = execFileSync('/bin/bash', ['-c', script], { encoding: 'utf8' });
    expect(fromShell).toBe(signRequestSync({ method: 'GET', url, timestamp: 1700000000123, credentials })['Scp-Signature']);
    // Independently of src/signing.ts: HMAC-SHA256 over the documented concatenation.
    expect(fromShell).toBe(createHmac('sha256', credentials.secretKey).update(`GET${url}1700000000123AK-testacc-1Openapi`).digest('base64'));
  });
});

describe('sample request', () => {
  it('fills path values from examples, keeps placeholders readable, and encodes real values', () => {
    const doc = { servers: [{ url: 'https://svc.{region}.{environment}.example', 'x-scp-environments': [{ environment: 'g', region: 'kr-south1' }] }] };
    const server = sampleServer(doc, 'svc');
    expect(server).toEqual({ url: 'https://svc.{region}.{environment}.example', region: 'kr-south1', environment: 'g' });
    const url = sampleUrl(server, { method: 'GET', path: '/v1/{a}/{b}', pathParams: { a: 'x y', b: '<b>' }, query: { q: 'é' }, headers: {} });
    expect(url).toBe('https://svc.kr-south1.g.example/v1/x%20y/<b>?q=%C3%A9');
  });

  it('reads the server of a spec with one entry per environment (the pinned environment enum)', () => {
    const doc = { servers: [{ url: 'https://s.{region}.{environment}.x', variables: { environment: { enum: ['e'], default: 'e' }, region: { enum: ['kr-east1'], default: 'kr-east1' } } }] };
    expect(sampleServer(doc, 's')).toMatchObject({ region: 'kr-east1', environment: 'e' });
  });

  it('builds a body from required fields when the docs give no example', () => {
    const doc = { components: { schemas: { Tag: { type: 'object', required: ['key'], properties: { key: { type: 'string', examples: ['env'] }, value: { type: 'string' } } } } } };
    const op = operationDetails({
      ...doc,
      paths: { '/t': { post: { operationId: 'T', requestBody: { content: { 'application/json': { schema: { type: 'object', required: ['name', 'tags', 'size'], properties: { name: { type: 'string' }, size: { type: ['integer', 'null'], default: 3 }, tags: { type: 'array', items: { $ref: '#/components/schemas/Tag' } } } } } } } } } },
    })[0];
    if (!op) throw new Error('no operation');
    expect(sampleRequest(doc, op).body).toEqual({ name: '<name>', tags: [{ key: 'env' }], size: 3 });
  });
});
