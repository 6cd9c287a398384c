/**
 * The authentication guide (site/auth.html): where the keys and the account id come from, every
 * header a request carries, the exact text that is signed, and a worked example whose signature is
 * computed at build time by the project's own signer (src/signing.ts) from clearly fake keys, so the
 * page can never disagree with the client. Pure.
 */
import { SCP_CLIENT_TYPE, signatureMessage, signRequestSync } from '../../src/signing.ts';
import { escapeHtml } from './html.ts';
import { renderShell } from './page-shell.ts';
import { shellQuote, shellSigningLines } from './reference/code-samples.ts';
import type { AssetTable } from './site-assets.ts';

/** The worked example's inputs. The keys are fake: they authenticate nothing. */
export const AUTH_EXAMPLE = {
  method: 'GET',
  url: 'https://data-flow.kr-west1.s.samsungsdscloud.com/v1/data-flows?size=20&page=0',
  timestamp: 1767225600000,
  accessKey: 'EXAMPLE-ACCESS-KEY-NOT-REAL',
  secretKey: 'example-secret-key-not-real',
  accountId: 'example-account-id',
  versionHeader: 'data-flow 1.1',
} as const;

export interface WorkedExample {
  readonly message: string;
  readonly signature: string;
  readonly headers: readonly (readonly [string, string])[];
}

/** The example signed by the project's signer. */
export function workedExample(): WorkedExample {
  const e = AUTH_EXAMPLE;
  const message = signatureMessage(e.method, e.url, String(e.timestamp), e.accessKey, e.accountId);
  const signed = signRequestSync({ method: e.method, url: e.url, timestamp: e.timestamp, credentials: { accessKey: e.accessKey, secretKey: e.secretKey, accountId: e.accountId } });
  return { message, signature: signed['Scp-Signature'], headers: [...Object.entries(signed).filter((h): h is [string, string] => typeof h[1] === 'string'), ['Scp-Api-Version', e.versionHeader]] };
}

/** The shell lines that reproduce the example's signature with openssl (the test runs them). */
export function exampleShell(): string {
  const e = AUTH_EXAMPLE;
  const lines = shellSigningLines(e.method, e.url).map((l) => (l.startsWith('TIMESTAMP=') ? `TIMESTAMP=${e.timestamp}` : l));
  return [`ACCESS_KEY=${shellQuote(e.accessKey)}`, `SECRET_KEY=${shellQuote(e.secretKey)}`, `ACCOUNT_ID=${shellQuote(e.accountId)}`, ...lines, 'echo "$SIGNATURE"', ''].join('\n');
}

const HEADERS: readonly (readonly [string, string, string])[] = [
  ['Scp-Accesskey', 'The access key of your authentication key.', 'yes'],
  ['Scp-Timestamp', 'Request time, Unix epoch milliseconds as decimal text.', 'yes'],
  ['Scp-ClientType', `Always <code>${SCP_CLIENT_TYPE}</code>.`, 'yes'],
  ['Scp-AccountId', 'Your account id. Without the header, the empty string takes its place in the signed text.', 'yes'],
  ['Scp-Signature', 'base64(HMAC-SHA256(secret key, signed text)).', '(the result)'],
  ['Scp-Api-Version', 'The service and version of the operation, e.g. <code>data-flow 1.1</code> (each operation shows its value). Without it the service answers with its newest CURRENT version.', 'no'],
  ['X-Auth-Token', 'Only with a session token.', 'no'],
];

function partsTable(): string {
  const e = AUTH_EXAMPLE;
  const parts: [string, string][] = [
    ['HTTP method, upper case', e.method],
    ['Full URL as sent (scheme, host, path, ?query)', e.url],
    ['Scp-Timestamp', String(e.timestamp)],
    ['Access key', e.accessKey],
    ['Account id', e.accountId],
    ['Client type', SCP_CLIENT_TYPE],
  ];
  return `<table class="plain"><thead><tr><th scope="col">#</th><th scope="col">Part</th><th scope="col">Example value</th></tr></thead><tbody>${parts
    .map(([what, v], i) => `<tr><td>${i + 1}</td><th scope="row">${escapeHtml(what)}</th><td><code>${escapeHtml(v)}</code></td></tr>`)
    .join('')}</tbody></table>`;
}

function exampleSection(): string {
  const ex = workedExample();
  const e = AUTH_EXAMPLE;
  return `<section id="example" aria-labelledby="example-h"><h2 id="example-h">Worked example</h2>
<p>With the fake key pair <code>${escapeHtml(e.accessKey)}</code> / <code>${escapeHtml(e.secretKey)}</code> and account id <code>${escapeHtml(e.accountId)}</code>, a <code>${e.method}</code> of <code>${escapeHtml(e.url)}</code> at timestamp <code>${e.timestamp}</code> signs these parts, header by header:</p>
${partsTable()}
<p>Concatenated, the signed text is:</p>
<pre class="code" tabindex="0" id="signed-text"><code>${escapeHtml(ex.message)}</code></pre>
<p>HMAC-SHA256 of that text, keyed with the secret key, in base64 (computed when this page was built, by the same signer the client uses):</p>
<pre class="code" tabindex="0" id="signature"><code>${escapeHtml(ex.signature)}</code></pre>
<p>The request then carries:</p>
<pre class="code" tabindex="0" id="example-headers"><code>${escapeHtml(ex.headers.map(([k, v]) => `${k}: ${v}`).join('\n'))}</code></pre>
<p>The same signature in a shell (every operation's curl sample signs this way):</p>
<pre class="code" tabindex="0" id="example-shell"><code>${escapeHtml(exampleShell())}</code></pre>
</section>`;
}

export function renderAuthPage(assets: AssetTable): string {
  const main = `<h1>Authenticating SCP API requests</h1>
<p class="lede-doc">Every SCP API request is signed with your authentication key. Nothing secret is sent: the secret key only keys the signature.</p>
<section id="credentials" aria-labelledby="credentials-h"><h2 id="credentials-h">What you need</h2>
<ul>
<li><strong>Access key and secret key</strong>: an authentication key issued to your user in the SCP Console. Keep the secret key out of logs and source control.</li>
<li><strong>Account id</strong>: the id of the SCP account the request acts in, shown in the SCP Console.</li>
<li><strong>Session token</strong> (optional): sent as <code>X-Auth-Token</code> when you have one.</li>
</ul>
<p>The <code>scp-openapi</code> client takes them from its options, else from <code>SCP_ACCESS_KEY</code>, <code>SCP_SECRET_KEY</code>, <code>SCP_ACCOUNT_ID</code> and <code>SCP_SESSION_TOKEN</code> (or the Terraform provider's <code>SCP_TF_*</code> names), else from <code>~/.scpconf/credentials.json</code> and <code>~/.scpconf/config.json</code>, and signs every request itself.</p>
</section>
<section id="headers" aria-labelledby="headers-h"><h2 id="headers-h">Headers</h2>
<table class="plain"><thead><tr><th scope="col">Header</th><th scope="col">Value</th><th scope="col">In the signed text</th></tr></thead><tbody>${HEADERS.map(([h, what, signed]) => `<tr><th scope="row"><code>${h}</code></th><td>${what}</td><td>${signed}</td></tr>`).join('')}</tbody></table>
</section>
<section id="signing" aria-labelledby="signing-h"><h2 id="signing-h">The signed text</h2>
<p><code>METHOD + URL + Scp-Timestamp + access key + account id + "${SCP_CLIENT_TYPE}"</code>, concatenated without separators. The URL is the full URL as sent, with <code>?</code> and the encoded query string when there is one. The body is not signed. <code>Scp-Signature</code> = base64(HMAC-SHA256(key = secret key, message = the signed text)).</p>
</section>
${exampleSection()}`;
  return renderShell({ title: 'Authentication · SCP API Reference', description: 'How SCP API requests are signed, with a worked example.', depth: 0, assets, main });
}
