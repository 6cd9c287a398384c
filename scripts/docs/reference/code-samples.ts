/**
 * Code samples for one operation: the TypeScript client call (`createScpClient(…).GET(…)`, the API
 * this package exports) and a curl command that signs the request in the shell with openssl, showing
 * every signed header and the `Scp-Api-Version` value. Both are plain text; the page escapes them. Pure.
 */
import { SCP_CLIENT_TYPE } from '../../../src/signing.ts';
import { type SampleRequest, type SampleServer, type SampleValue, sampleUrl } from './sample-request.ts';

export interface SampleContext {
  readonly service: string;
  /** The version argument of createScpClient: `1.1`, or `latest` on a latest page. */
  readonly clientVersion: string;
  /** The header value, e.g. `data-flow 1.1`. */
  readonly versionHeader: string;
  readonly server: SampleServer;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function tsString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

/** A value as a TypeScript literal, objects and arrays indented by two spaces per level. */
export function tsLiteral(v: SampleValue, indent = ''): string {
  if (v === null || typeof v !== 'object') return typeof v === 'string' ? tsString(v) : String(v);
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x: SampleValue) => `${inner}${tsLiteral(x, inner)},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(v as Record<string, SampleValue>);
  if (entries.length === 0) return '{}';
  const key = (k: string): string => (IDENTIFIER.test(k) ? k : tsString(k));
  return `{\n${entries.map(([k, x]) => `${inner}${key(k)}: ${tsLiteral(x, inner)},`).join('\n')}\n${indent}}`;
}

function nonEmpty(o: Readonly<Record<string, SampleValue>>): boolean {
  return Object.keys(o).length > 0;
}

/** `import { createScpClient } …; const client = createScpClient(…); const { data, error } = await client.GET(…)`. */
export function typescriptSample(ctx: SampleContext, req: SampleRequest): string {
  const params: Record<string, SampleValue> = {};
  if (nonEmpty(req.pathParams)) params.path = req.pathParams;
  if (nonEmpty(req.query)) params.query = req.query;
  if (nonEmpty(req.headers)) params.header = req.headers;
  const init: Record<string, SampleValue> = {};
  if (nonEmpty(params)) init.params = params;
  if (req.body !== undefined) init.body = req.body;
  const options = `{ region: ${tsString(ctx.server.region)}, environment: ${tsString(ctx.server.environment)} }`;
  const call = `client.${req.method.toUpperCase()}(${tsString(req.path)}${nonEmpty(init) ? `, ${tsLiteral(init)}` : ''})`;
  return [
    "import { createScpClient } from 'scp-openapi';",
    '',
    `const client = createScpClient(${tsString(ctx.service)}, ${tsString(ctx.clientVersion)}, ${options});`,
    `const { data, error } = await ${call};`,
    '',
  ].join('\n');
}

/** Quote for a POSIX shell: single quotes, with `'` written as `'\''`. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, "'\\''")}'`;
}

/** The signing lines of the curl sample (also run by the tests against the project's signer). */
export function shellSigningLines(method: string, url: string): string[] {
  return [
    `METHOD=${shellQuote(method.toUpperCase())}`,
    `URL=${shellQuote(url)}`,
    'TIMESTAMP="$(( $(date +%s) * 1000 ))"   # Unix time in milliseconds',
    '# Signed text: METHOD + URL + TIMESTAMP + access key + account id + client type, no separators.',
    `SIGNATURE="$(printf '%s' "$METHOD$URL$TIMESTAMP$ACCESS_KEY\${ACCOUNT_ID}${SCP_CLIENT_TYPE}" | openssl dgst -sha256 -hmac "$SECRET_KEY" -binary | base64)"`,
  ];
}

/** A curl command that signs in the shell (openssl) and sends every signed header and the version header. */
export function curlSample(ctx: SampleContext, req: SampleRequest): string {
  const url = sampleUrl(ctx.server, req);
  const headers = [
    '-H "Scp-Accesskey: $ACCESS_KEY"',
    '-H "Scp-Signature: $SIGNATURE"',
    '-H "Scp-Timestamp: $TIMESTAMP"',
    `-H "Scp-ClientType: ${SCP_CLIENT_TYPE}"`,
    '-H "Scp-AccountId: $ACCOUNT_ID"',
    `-H ${shellQuote(`Scp-Api-Version: ${ctx.versionHeader}`)}`,
    ...Object.entries(req.headers).map(([k, v]) => `-H ${shellQuote(`${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)}`),
    ...(req.body !== undefined ? [`-H ${shellQuote(`Content-Type: ${req.contentType ?? 'application/json'}`)}`, `--data ${shellQuote(JSON.stringify(req.body))}`] : []),
  ];
  return [
    '# Your authentication key and account id (see the authentication guide).',
    "ACCESS_KEY='<access key>'",
    "SECRET_KEY='<secret key>'",
    "ACCOUNT_ID='<account id>'",
    ...shellSigningLines(req.method, url),
    '',
    '# With a session token, also send: -H "X-Auth-Token: $AUTH_TOKEN" (not signed).',
    `curl -X "$METHOD" "$URL" \\\n  ${headers.join(' \\\n  ')}`,
    '',
  ].join('\n');
}
