/**
 * Credentials and settings for SCP requests, and where they come from.
 *
 * Resolution order, first found wins per field: explicit options → environment (`SCP_*`, then the Terraform
 * provider's `SCP_TF_*` names) → `~/.scpconf/credentials.json` / `~/.scpconf/config.json`.
 * Works in Node, Deno, Bun and browsers: every Node API is reached through a guarded dynamic import, so in a
 * browser only explicit options (and an injected `env` / `readFile`) take part.
 *
 * The secret key and session token are kept out of every rendering of a credentials object (String, JSON,
 * util.inspect, Deno.inspect, devtools property views): they live in a module-private WeakMap.
 */
import { ScpConfigError } from './errors.ts';
import { configFileAccess, type FileAccess } from './config-files.ts';
import { REDACTED, maskIdentifier } from './redact.ts';

export interface ScpCredentials {
  readonly accessKey: string;
  readonly secretKey: string;
  readonly accountId?: string | undefined;
  readonly sessionToken?: string | undefined;
}

export interface CredentialOptions {
  accessKey?: string;
  secretKey?: string;
  accountId?: string;
  sessionToken?: string;
  region?: string;
  environment?: string;
  /** Base URL that replaces the docs' server template (config.json `endpoint-override`). */
  endpointOverride?: string;
  /** IAM URL such as `https://iam.s.samsungsdscloud.com/v1` (config.json `auth-url`). */
  authUrl?: string;
  /** Warn when a pinned version's not-before date is within this many days (config.json `max-remain-days`, default 90). */
  maxRemainDays?: number;
  /** Directory holding credentials.json and config.json; default `SCP_CONFIG_DIR`, else `~/.scpconf`. */
  configDir?: string;
  /** Environment to read instead of `process.env` (tests, browsers, sandboxes). */
  env?: Record<string, string | undefined>;
  /** File reader to use instead of node:fs; resolve `undefined` for a missing file. */
  readFile?: (path: string) => Promise<string | undefined>;
}

type ConfigSource = 'options' | 'env' | 'config-file';

export interface ResolvedConfig {
  readonly credentials: ScpCredentials;
  readonly region?: string;
  readonly environment?: string;
  readonly endpointOverride?: string;
  readonly authUrl?: string;
  readonly maxRemainDays: number;
  /** Where each resolved field came from, keyed by field name (`accessKey`, `region`, …). */
  readonly sources: Readonly<Record<string, ConfigSource>>;
}

const DEFAULT_MAX_REMAIN_DAYS = 90;

// ---------------------------------------------------------------------------------------------------------------
// Credentials objects that hide their secrets

interface HiddenParts {
  readonly secretKey: string;
  readonly sessionToken: string | undefined;
}

const hiddenParts = new WeakMap<ProtectedCredentials, HiddenParts>();

/**
 * Credentials whose secret key and session token cannot leak through String(), JSON.stringify, util.inspect or
 * object spreading (`{...creds}` copies only accessKey and accountId). Read them through the getters.
 */
export class ProtectedCredentials implements ScpCredentials {
  readonly accessKey: string;
  readonly accountId?: string;

  constructor(input: ScpCredentials) {
    if (typeof input.accessKey !== 'string' || input.accessKey === '') {
      throw new ScpConfigError('SCP access key must be a non-empty string');
    }
    if (typeof input.secretKey !== 'string' || input.secretKey === '') {
      throw new ScpConfigError('SCP secret key must be a non-empty string');
    }
    checkHeaderValue(input.accessKey, 'access key');
    if (input.accountId) checkHeaderValue(input.accountId, 'account id');
    if (input.sessionToken) checkHeaderValue(input.sessionToken, 'session token');
    this.accessKey = input.accessKey;
    if (input.accountId !== undefined) this.accountId = input.accountId;
    hiddenParts.set(this, {
      secretKey: input.secretKey,
      sessionToken: input.sessionToken === '' ? undefined : input.sessionToken,
    });
    Object.freeze(this);
  }

  get secretKey(): string {
    return partsOf(this).secretKey;
  }

  get sessionToken(): string | undefined {
    return partsOf(this).sessionToken;
  }

  toJSON(): Record<string, string> {
    const out: Record<string, string> = { accessKey: maskIdentifier(this.accessKey), secretKey: REDACTED };
    if (this.accountId !== undefined) out['accountId'] = this.accountId;
    if (this.sessionToken !== undefined) out['sessionToken'] = REDACTED;
    return out;
  }

  toString(): string {
    const fields = Object.entries(this.toJSON()).map(([k, v]) => `${k}=${v}`);
    return `ScpCredentials(${fields.join(', ')})`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }

  [Symbol.for('Deno.customInspect')](): string {
    return this.toString();
  }
}

/**
 * Refuses a value an HTTP header cannot carry as is: fetch would reject a line break or NUL with a message quoting
 * the value, and strip surrounding whitespace (so the signed access key or account id would differ from the sent
 * one). The message never shows the value.
 */
function checkHeaderValue(value: string, what: string): void {
  if (/[\r\n\0]/.test(value) || value.trim() !== value) {
    throw new ScpConfigError(`SCP ${what} contains a line break, NUL or surrounding whitespace, which an HTTP header cannot carry`);
  }
}

function partsOf(creds: ProtectedCredentials): HiddenParts {
  const parts = hiddenParts.get(creds);
  if (!parts) throw new ScpConfigError('credentials object was not created by ProtectedCredentials');
  return parts;
}

/** Wraps plain credentials in a {@link ProtectedCredentials}; already protected ones are returned as is. */
export function protectCredentials(input: ScpCredentials): ProtectedCredentials {
  return input instanceof ProtectedCredentials ? input : new ProtectedCredentials(input);
}

// ---------------------------------------------------------------------------------------------------------------
// Resolution

type Field =
  | 'accessKey'
  | 'secretKey'
  | 'sessionToken'
  | 'accountId'
  | 'region'
  | 'environment'
  | 'endpointOverride'
  | 'authUrl'
  | 'maxRemainDays';

type FileName = 'credentials.json' | 'config.json';

interface FieldSpec {
  readonly field: Field;
  readonly env: readonly string[];
  readonly file?: FileName;
  readonly fileKey?: string;
}

/** Our names first, then the Terraform provider's as a courtesy. */
const FIELD_SPECS: readonly FieldSpec[] = [
  { field: 'accessKey', env: ['SCP_ACCESS_KEY', 'SCP_TF_ACCESS_KEY'], file: 'credentials.json', fileKey: 'access-key' },
  { field: 'secretKey', env: ['SCP_SECRET_KEY', 'SCP_TF_SECRET_KEY'], file: 'credentials.json', fileKey: 'secret-key' },
  {
    field: 'sessionToken',
    env: ['SCP_SESSION_TOKEN', 'SCP_AUTH_TOKEN', 'SCP_TF_AUTH_TOKEN'],
    file: 'credentials.json',
    fileKey: 'auth-token',
  },
  { field: 'accountId', env: ['SCP_ACCOUNT_ID', 'SCP_TF_ACCOUNT_ID'], file: 'config.json', fileKey: 'account-id' },
  {
    field: 'region',
    env: ['SCP_REGION', 'SCP_DEFAULT_REGION', 'SCP_TF_DEFAULT_REGION'],
    file: 'config.json',
    fileKey: 'default-region',
  },
  { field: 'environment', env: ['SCP_ENVIRONMENT'] },
  {
    field: 'endpointOverride',
    env: ['SCP_ENDPOINT_OVERRIDE', 'SCP_TF_ENDPOINT_OVERRIDE'],
    file: 'config.json',
    fileKey: 'endpoint-override',
  },
  { field: 'authUrl', env: ['SCP_AUTH_URL', 'SCP_TF_AUTH_URL'], file: 'config.json', fileKey: 'auth-url' },
  {
    field: 'maxRemainDays',
    env: ['SCP_MAX_REMAIN_DAYS', 'SCP_TF_MAX_REMAIN_DAYS'],
    file: 'config.json',
    fileKey: 'max-remain-days',
  },
];

const ENV_NAMES: readonly string[] = [...FIELD_SPECS.flatMap((s) => s.env), 'SCP_CONFIG_DIR', 'HOME', 'USERPROFILE'];

type Values = Partial<Record<Field, string | number>>;

/**
 * Resolves credentials and settings. Throws {@link ScpConfigError} — naming every place it looked, never a
 * value — when the access key or secret key cannot be found, or when a config file is not valid JSON.
 */
export async function resolveConfig(opts: CredentialOptions = {}): Promise<ResolvedConfig> {
  const values: Values = {};
  const sources: Record<string, ConfigSource> = {};
  const env = opts.env ?? readProcessEnv();

  for (const spec of FIELD_SPECS) {
    const fromOptions = opts[spec.field];
    if (fromOptions !== undefined && fromOptions !== '') {
      values[spec.field] = spec.field === 'maxRemainDays' ? checkDays(fromOptions, 'option maxRemainDays') : fromOptions;
      sources[spec.field] = 'options';
      continue;
    }
    for (const name of spec.env) {
      const value = env[name];
      if (value !== undefined && value !== '') {
        values[spec.field] = spec.field === 'maxRemainDays' ? checkDays(value, `environment variable ${name}`) : value;
        sources[spec.field] = 'env';
        break;
      }
    }
  }

  const files = await configFileAccess(opts, env);
  const fileReport = files ? await readConfigFiles(files, values, sources) : [];

  // The IAM URL names the environment (https://iam.<env>.samsungsdscloud.com/…): use it when nothing else did.
  if (values.environment === undefined && typeof values.authUrl === 'string') {
    const match = /^https?:\/\/iam\.([a-z0-9-]+)\.samsungsdscloud\.com(?:[/:?#]|$)/i.exec(values.authUrl);
    if (match?.[1]) {
      values.environment = match[1].toLowerCase();
      sources['environment'] = sources['authUrl'] as ConfigSource;
    }
  }

  if (values.accessKey === undefined || values.secretKey === undefined) {
    throw missingCredentialsError(values, opts, files ? fileReport : undefined);
  }

  const credentials = new ProtectedCredentials({
    accessKey: values.accessKey as string,
    secretKey: values.secretKey as string,
    ...(values.accountId !== undefined ? { accountId: values.accountId as string } : {}),
    ...(values.sessionToken !== undefined ? { sessionToken: values.sessionToken as string } : {}),
  });
  const config: {
    credentials: ScpCredentials;
    region?: string;
    environment?: string;
    endpointOverride?: string;
    authUrl?: string;
    maxRemainDays: number;
    sources: Readonly<Record<string, ConfigSource>>;
  } = {
    credentials,
    maxRemainDays: (values.maxRemainDays as number | undefined) ?? DEFAULT_MAX_REMAIN_DAYS,
    sources: Object.freeze(sources),
  };
  if (values.region !== undefined) config.region = values.region as string;
  if (values.environment !== undefined) config.environment = values.environment as string;
  if (values.endpointOverride !== undefined) config.endpointOverride = values.endpointOverride as string;
  if (values.authUrl !== undefined) config.authUrl = values.authUrl as string;
  return Object.freeze(config);
}

/** Fills the fields still missing from credentials.json / config.json; returns what was done with each file. */
async function readConfigFiles(files: FileAccess, values: Values, sources: Record<string, ConfigSource>): Promise<string[]> {
  const fileReport: string[] = [];
  for (const fileName of ['credentials.json', 'config.json'] as const) {
    const pending = FIELD_SPECS.filter((s) => s.file === fileName && values[s.field] === undefined);
    const path = files.join(fileName);
    if (pending.length === 0) {
      fileReport.push(`${path} (not needed)`);
      continue;
    }
    const content = await files.read(path);
    if (content === undefined || content.trim() === '') {
      fileReport.push(`${path} (${content === undefined ? 'missing' : 'empty'})`);
      continue;
    }
    const obj = parseConfigFile(content, path);
    for (const spec of pending) {
      const raw = obj[spec.fileKey as string];
      if (raw === undefined || raw === null || raw === '') continue;
      const where = `key "${spec.fileKey}" in ${path}`;
      if (spec.field === 'maxRemainDays') {
        values.maxRemainDays = checkDays(raw, where);
      } else if (typeof raw === 'string') {
        values[spec.field] = raw;
      } else {
        throw new ScpConfigError(`${where} must be a string`);
      }
      sources[spec.field] = 'config-file';
    }
    fileReport.push(`${path} (read)`);
  }

  return fileReport;
}

function checkDays(raw: unknown, where: string): number {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 0) throw new ScpConfigError(`${where} must be a non-negative whole number of days`);
  return n;
}

function parseConfigFile(content: string, path: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    // The parser's message quotes the file's text, which may hold the secret key: name the file only.
    throw new ScpConfigError(`${path} is not valid JSON`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ScpConfigError(`${path} must hold a JSON object`);
  }
  return parsed as Record<string, unknown>;
}

function missingCredentialsError(values: Values, opts: CredentialOptions, fileReport: string[] | undefined): ScpConfigError {
  const missing = [
    values.accessKey === undefined ? 'access key' : undefined,
    values.secretKey === undefined ? 'secret key' : undefined,
  ].filter(Boolean);
  const looked = [
    'options accessKey / secretKey',
    opts.env
      ? 'the given env: SCP_ACCESS_KEY / SCP_SECRET_KEY, SCP_TF_ACCESS_KEY / SCP_TF_SECRET_KEY'
      : hasProcessEnv()
        ? 'environment variables SCP_ACCESS_KEY / SCP_SECRET_KEY, SCP_TF_ACCESS_KEY / SCP_TF_SECRET_KEY'
        : 'environment variables (not available in this runtime)',
    fileReport
      ? `files ${fileReport.join(', ')} (keys "access-key" / "secret-key")`
      : 'config files (not available in this runtime; pass readFile to use them)',
  ];
  return new ScpConfigError(
    `SCP ${missing.join(' and ')} not found. Looked in: ${looked.join('; ')}. ` +
      'Pass them as options, set SCP_ACCESS_KEY and SCP_SECRET_KEY, or write ~/.scpconf/credentials.json.',
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Runtime access (guarded: absent in browsers, permission-gated in Deno)

function hasProcessEnv(): boolean {
  return typeof (globalThis as { process?: { env?: unknown } }).process?.env === 'object';
}

/** Snapshot of the variables we use; reading one that Deno's permissions deny counts as unset. */
function readProcessEnv(): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  if (!hasProcessEnv()) return out;
  const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env;
  for (const name of ENV_NAMES) {
    try {
      const value = env[name];
      if (value !== undefined) out[name] = value;
    } catch {
      // permission denied: treat as unset
    }
  }
  return out;
}
