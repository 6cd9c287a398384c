/**
 * Where the examples send their requests: a Prism mock of the package's spec (started here, stopped at the end),
 * a URL from the environment, or — with SCP_EXAMPLE_LIVE=1 — the real SCP endpoint for your region/environment.
 */
import { spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Middleware } from 'openapi-fetch';
import type { ScpClientOptions } from 'scp-openapi';

export interface Target {
  /** Client options: base URL (mock) or nothing (live: region/environment/credentials from SCP_* or ~/.scpconf). */
  options: ScpClientOptions;
  describe: string;
  stop(): Promise<void>;
}

export interface Prism {
  baseUrl: string;
  stop(): Promise<void>;
}

/** `SCP_EXAMPLE_URL_DATA_FLOW=http://…` etc. overrides; otherwise Prism serves the package's spec of that version. */
export async function target(service: string, version: string): Promise<Target> {
  if (process.env.SCP_EXAMPLE_LIVE === '1') {
    return { options: {}, describe: `live SCP (${service})`, stop: async () => undefined };
  }
  // Prism checks that the auth headers are present, not the signature: any key pair will do.
  const mockCredentials = { accessKey: 'AKEXAMPLE0000000001', secretKey: 'example-secret', accountId: 'example-account' };
  const envName = `SCP_EXAMPLE_URL_${service.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
  const given = process.env[envName];
  if (given) return { options: { baseUrl: given, ...mockCredentials }, describe: given, stop: async () => undefined };

  // The specs ship in the package (`scp-openapi/specs/<service>/<version>.yaml`).
  const spec = fileURLToPath(import.meta.resolve(`scp-openapi/specs/${service}/${version}.yaml`));
  const prism = await startPrism(spec);
  return { options: { baseUrl: prism.baseUrl, ...mockCredentials }, describe: `Prism mock of ${spec} at ${prism.baseUrl}`, stop: prism.stop };
}

/**
 * Starts `prism mock` for one spec on a free loopback port. Prism rejects requests that break the spec (4xx +
 * sl-violations header); `errors: true` also turns responses that break it into errors. The Prism CLI comes from
 * SCP_EXAMPLE_PRISM (its JS entry), else from @stoplight/prism-cli installed beside the current directory.
 */
export async function startPrism(spec: string, opts: { errors?: boolean; startupMs?: number } = {}): Promise<Prism> {
  const port = await freePort();
  const cli = process.env.SCP_EXAMPLE_PRISM ?? realpathSync(createRequire(path.join(process.cwd(), 'noop.js')).resolve('@stoplight/prism-cli'));
  const args = [cli, 'mock', '-h', '127.0.0.1', '-p', String(port), ...(opts.errors ? ['--errors'] : []), spec];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const startupMs = opts.startupMs ?? 90_000;
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Prism did not start in ${startupMs} ms:\n${output.slice(-1500)}`)), startupMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('Prism is listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited with ${code}:\n${output.slice(-1500)}`));
    });
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** openapi-fetch middleware that prints each request with the Scp-Api-Version the client chose for it. */
export const printRequests: Middleware = {
  onRequest({ request }) {
    console.log(`  → ${request.method} ${request.url}  [Scp-Api-Version: ${request.headers.get('scp-api-version')}]`);
  },
  onResponse({ response }) {
    // Prism lists what it found wrong with the request (a client bug) in sl-violations.
    const violations = JSON.parse(response.headers.get('sl-violations') ?? '[]') as { location: string[]; message: string }[];
    const ofRequest = violations.filter((v) => v.location[0] === 'request').map((v) => v.message);
    console.log(`  ← ${response.status}${ofRequest.length ? `  request violations: ${ofRequest.join('; ')}` : ''}`);
  },
};
