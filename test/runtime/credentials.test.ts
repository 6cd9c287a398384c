import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProtectedCredentials, protectCredentials, resolveConfig } from '../../src/credentials.ts';
import { ScpConfigError } from '../../src/errors.ts';

let root: string;
let n = 0;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'scp-credentials-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A fresh config directory holding the given files (`undefined` content = file absent). */
async function configDir(files: { credentials?: string | object; config?: string | object } = {}): Promise<string> {
  const dir = path.join(root, `dir${n++}`);
  await mkdir(dir, { recursive: true });
  for (const [name, content] of [
    ['credentials.json', files.credentials],
    ['config.json', files.config],
  ] as const) {
    if (content !== undefined) {
      await writeFile(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
    }
  }
  return dir;
}

const fileCredentials = { 'access-key': 'AK-file', 'secret-key': 'SK-file-secret', 'auth-token': 'tok-file' };
const fileConfig = {
  'account-id': 'acct-file',
  'default-region': 'kr-file1',
  'endpoint-override': 'https://proxy.example/file',
  'max-remain-days': 30,
};
const scpEnv = {
  SCP_ACCESS_KEY: 'AK-env',
  SCP_SECRET_KEY: 'SK-env-secret',
  SCP_ACCOUNT_ID: 'acct-env',
  SCP_SESSION_TOKEN: 'tok-env',
  SCP_REGION: 'kr-env1',
  SCP_ENVIRONMENT: 'e',
};
const tfEnv = {
  SCP_TF_ACCESS_KEY: 'AK-tf',
  SCP_TF_SECRET_KEY: 'SK-tf-secret',
  SCP_TF_ACCOUNT_ID: 'acct-tf',
  SCP_TF_AUTH_TOKEN: 'tok-tf',
  SCP_TF_DEFAULT_REGION: 'kr-tf1',
  SCP_TF_ENDPOINT_OVERRIDE: 'https://proxy.example/tf',
  SCP_TF_MAX_REMAIN_DAYS: '45',
};
const options = {
  accessKey: 'AK-opt',
  secretKey: 'SK-opt-secret',
  accountId: 'acct-opt',
  sessionToken: 'tok-opt',
  region: 'kr-opt1',
  environment: 's',
};

describe('resolveConfig: order', () => {
  it('explicit options win over everything', async () => {
    const dir = await configDir({ credentials: fileCredentials, config: fileConfig });
    const cfg = await resolveConfig({ ...options, env: { ...scpEnv, ...tfEnv }, configDir: dir });
    expect(cfg.credentials.accessKey).toBe('AK-opt');
    expect(cfg.credentials.secretKey).toBe('SK-opt-secret');
    expect(cfg.credentials.accountId).toBe('acct-opt');
    expect(cfg.credentials.sessionToken).toBe('tok-opt');
    expect(cfg.region).toBe('kr-opt1');
    expect(cfg.environment).toBe('s');
    // Not given as options: the next source fills them.
    expect(cfg.endpointOverride).toBe('https://proxy.example/tf');
    expect(cfg.maxRemainDays).toBe(45);
    expect(cfg.sources).toMatchObject({ accessKey: 'options', secretKey: 'options', region: 'options', endpointOverride: 'env' });
  });

  it('SCP_* environment beats SCP_TF_* which beats the files', async () => {
    const dir = await configDir({ credentials: fileCredentials, config: fileConfig });
    const both = await resolveConfig({ env: { ...scpEnv, ...tfEnv }, configDir: dir });
    expect([both.credentials.accessKey, both.credentials.secretKey, both.credentials.accountId]).toEqual([
      'AK-env',
      'SK-env-secret',
      'acct-env',
    ]);
    expect(both.credentials.sessionToken).toBe('tok-env');
    expect(both.region).toBe('kr-env1');
    expect(both.sources['accessKey']).toBe('env');

    const tfOnly = await resolveConfig({ env: tfEnv, configDir: dir });
    expect([tfOnly.credentials.accessKey, tfOnly.credentials.secretKey, tfOnly.credentials.accountId]).toEqual([
      'AK-tf',
      'SK-tf-secret',
      'acct-tf',
    ]);
    expect(tfOnly.credentials.sessionToken).toBe('tok-tf');
    expect(tfOnly.region).toBe('kr-tf1');
    expect(tfOnly.maxRemainDays).toBe(45);

    const filesOnly = await resolveConfig({ env: {}, configDir: dir });
    expect([filesOnly.credentials.accessKey, filesOnly.credentials.secretKey]).toEqual(['AK-file', 'SK-file-secret']);
    expect(filesOnly.credentials.sessionToken).toBe('tok-file');
    expect(filesOnly.credentials.accountId).toBe('acct-file');
    expect(filesOnly.region).toBe('kr-file1');
    expect(filesOnly.endpointOverride).toBe('https://proxy.example/file');
    expect(filesOnly.maxRemainDays).toBe(30);
    expect(filesOnly.sources).toMatchObject({ accessKey: 'config-file', region: 'config-file', maxRemainDays: 'config-file' });
  });

  it('resolves each field on its own and treats empty values as unset', async () => {
    const dir = await configDir({ credentials: { 'secret-key': 'SK-file-only' } });
    const cfg = await resolveConfig({ accessKey: '', env: { SCP_ACCESS_KEY: '', SCP_TF_ACCESS_KEY: 'AK-tf' }, configDir: dir });
    expect(cfg.credentials.accessKey).toBe('AK-tf');
    expect(cfg.credentials.secretKey).toBe('SK-file-only');
    expect(cfg.sources).toMatchObject({ accessKey: 'env', secretKey: 'config-file' });
    expect(cfg.maxRemainDays).toBe(90);
    expect(cfg.region).toBeUndefined();
  });

  it('takes the environment from an IAM auth URL when nothing else names it', async () => {
    const dir = await configDir({ config: { 'auth-url': 'https://iam.g.samsungsdscloud.com/v1' } });
    const cfg = await resolveConfig({ accessKey: 'a', secretKey: 'b', env: {}, configDir: dir });
    expect(cfg.authUrl).toBe('https://iam.g.samsungsdscloud.com/v1');
    expect(cfg.environment).toBe('g');
    expect(cfg.sources['environment']).toBe('config-file');
    const explicit = await resolveConfig({ accessKey: 'a', secretKey: 'b', environment: 's', env: {}, configDir: dir });
    expect(explicit.environment).toBe('s');
  });
});

describe('resolveConfig: files', () => {
  it('treats missing and empty files as {}', async () => {
    const empty = await configDir({ credentials: '', config: '  \n' });
    const cfg = await resolveConfig({ env: { SCP_ACCESS_KEY: 'a', SCP_SECRET_KEY: 'b' }, configDir: empty });
    expect(cfg.maxRemainDays).toBe(90);
    const missing = await configDir();
    const cfg2 = await resolveConfig({ env: { SCP_ACCESS_KEY: 'a', SCP_SECRET_KEY: 'b' }, configDir: missing });
    expect(cfg2.credentials.accessKey).toBe('a');
  });

  it('names an invalid JSON file without quoting it', async () => {
    const secret = 'SK-inside-broken-file';
    const dir = await configDir({ credentials: `{"access-key": "AK", "secret-key": "${secret}",,}` });
    const error = await resolveConfig({ env: {}, configDir: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScpConfigError);
    const message = (error as Error).message;
    expect(message).toContain(path.join(dir, 'credentials.json'));
    expect(message).toMatch(/not valid JSON/);
    expect(message).not.toContain(secret);
    expect(inspect(error)).not.toContain(secret);
    expect((error as Error).cause).toBeUndefined();
  });

  it('names the file and key of a value with the wrong type, not the value', async () => {
    const dir = await configDir({ credentials: { 'access-key': 'AK', 'secret-key': ['SK-array-secret'] } });
    const error = (await resolveConfig({ env: {}, configDir: dir }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(ScpConfigError);
    expect(error.message).toContain('"secret-key"');
    expect(error.message).toContain('credentials.json');
    expect(error.message).not.toContain('SK-array-secret');

    const days = await configDir({ credentials: fileCredentials, config: { 'max-remain-days': 'soon' } });
    await expect(resolveConfig({ env: {}, configDir: days })).rejects.toThrow(/max-remain-days.*config\.json/);
    await expect(resolveConfig({ env: { ...scpEnv, SCP_MAX_REMAIN_DAYS: '-1' }, configDir: days })).rejects.toThrow(
      /SCP_MAX_REMAIN_DAYS/,
    );
  });

  it('does not read a file whose fields are all resolved already', async () => {
    const dir = await configDir({ credentials: '{ broken', config: fileConfig });
    const cfg = await resolveConfig({ ...options, env: {}, configDir: dir });
    expect(cfg.credentials.accessKey).toBe('AK-opt');
    // Without a session token the credentials file is consulted, and its breakage reported.
    const { sessionToken: _drop, ...noToken } = options;
    await expect(resolveConfig({ ...noToken, env: {}, configDir: dir })).rejects.toThrow(/credentials\.json is not valid JSON/);
  });

  it('honours configDir, then SCP_CONFIG_DIR, then HOME/.scpconf', async () => {
    const a = await configDir({ credentials: { 'access-key': 'AK-a', 'secret-key': 'SK-a' } });
    const b = await configDir({ credentials: { 'access-key': 'AK-b', 'secret-key': 'SK-b' } });
    expect((await resolveConfig({ configDir: a, env: { SCP_CONFIG_DIR: b } })).credentials.accessKey).toBe('AK-a');
    expect((await resolveConfig({ env: { SCP_CONFIG_DIR: b } })).credentials.accessKey).toBe('AK-b');

    const read: string[] = [];
    const readFile = async (file: string): Promise<string | undefined> => {
      read.push(file);
      return file.endsWith('credentials.json') ? JSON.stringify({ 'access-key': 'AK-r', 'secret-key': 'SK-r' }) : undefined;
    };
    const cfg = await resolveConfig({ configDir: '/nowhere/conf', env: {}, readFile });
    expect(cfg.credentials.accessKey).toBe('AK-r');
    expect(read).toEqual([path.join('/nowhere/conf', 'credentials.json'), path.join('/nowhere/conf', 'config.json')]);
  });
});

describe('resolveConfig: missing credentials', () => {
  it('fails before any request, naming every place it looked', async () => {
    const dir = await configDir({ config: fileConfig });
    let fetched = 0;
    const connect = async () => {
      const cfg = await resolveConfig({ env: { SCP_ACCESS_KEY: 'AK-only' }, configDir: dir });
      fetched++;
      return cfg;
    };
    const error = (await connect().catch((e: unknown) => e)) as Error;
    expect(fetched).toBe(0);
    expect(error).toBeInstanceOf(ScpConfigError);
    expect(error.message).toMatch(/secret key not found/);
    expect(error.message).not.toMatch(/access key and/);
    for (const place of ['secretKey', 'SCP_SECRET_KEY', 'SCP_TF_SECRET_KEY', path.join(dir, 'credentials.json')]) {
      expect(error.message).toContain(place);
    }
    expect(error.message).toMatch(/credentials\.json \(missing\)/);
    expect(error.message).not.toContain('AK-only');
  });
});

describe('resolveConfig without Node APIs (browser-like)', () => {
  it('uses options only and says where it could not look', async () => {
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'process') as PropertyDescriptor;
    Object.defineProperty(globalThis, 'process', { value: undefined, configurable: true, writable: true });
    let missing: unknown;
    let resolved: Awaited<ReturnType<typeof resolveConfig>> | undefined;
    try {
      // Only microtasks run while `process` is hidden: no I/O is attempted without it.
      missing = await resolveConfig().catch((e: unknown) => e);
      resolved = await resolveConfig({ accessKey: 'AK-browser', secretKey: 'SK-browser' });
    } finally {
      Object.defineProperty(globalThis, 'process', saved);
    }
    expect(missing).toBeInstanceOf(ScpConfigError);
    expect((missing as Error).message).toMatch(/environment variables \(not available in this runtime\)/);
    expect((missing as Error).message).toMatch(/config files \(not available in this runtime/);
    expect(resolved?.credentials.accessKey).toBe('AK-browser');
    expect(resolved?.maxRemainDays).toBe(90);
  });
});

describe('credentials objects hide their secrets', () => {
  const secret = 'SK-very-secret-value';
  const token = 'session-token-value';
  const creds = protectCredentials({ accessKey: 'AKEXAMPLE0000000001', secretKey: secret, accountId: 'acct', sessionToken: token });

  it('still hands the secret to code that asks for it', () => {
    expect(creds.secretKey).toBe(secret);
    expect(creds.sessionToken).toBe(token);
    expect(protectCredentials(creds)).toBe(creds);
  });

  it('keeps it out of String, JSON, util.inspect, template strings and spreads', () => {
    const renderings = [
      String(creds),
      `${creds}`,
      JSON.stringify(creds),
      JSON.stringify({ nested: { creds } }),
      inspect(creds),
      inspect({ creds }, { depth: 10, showHidden: true }),
      JSON.stringify({ ...creds }),
      Object.keys(creds).join(','),
    ];
    for (const text of renderings) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(token);
    }
    expect(String(creds)).toContain('[REDACTED]');
    expect(JSON.parse(JSON.stringify(creds))).toEqual({
      accessKey: 'AKEX…0001',
      secretKey: '[REDACTED]',
      accountId: 'acct',
      sessionToken: '[REDACTED]',
    });
  });

  it('resolveConfig returns protected credentials', async () => {
    const cfg = await resolveConfig({ accessKey: 'AK-x', secretKey: secret, env: {}, configDir: await configDir() });
    expect(cfg.credentials).toBeInstanceOf(ProtectedCredentials);
    expect(JSON.stringify(cfg)).not.toContain(secret);
    expect(inspect(cfg, { depth: 10 })).not.toContain(secret);
  });

  it('refuses empty keys without echoing them', () => {
    expect(() => new ProtectedCredentials({ accessKey: 'a', secretKey: '' })).toThrow(ScpConfigError);
    expect(() => new ProtectedCredentials({ accessKey: '', secretKey: secret })).toThrow(/access key/);
  });
});
