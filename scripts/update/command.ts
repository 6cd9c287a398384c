/**
 * `npm run cli -- update --from <url-or-directory> [--concurrency N] [--timeout MS] [--retries N] [--no-progress] [--docs]`
 * Argument handling only; the work is `runUpdate`. Exit code 0 on success, 1 when the update failed
 * (the previous snapshot is kept), 2 on a usage error.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Stage } from '../build.ts';
import { formatUpdateResult } from './print.ts';
import { quietOnClosedStdout } from './stdout.ts';
import { runUpdate } from './update.ts';

const USAGE = [
  'usage: npm run cli -- update --from <url-or-directory> [options]',
  '',
  '  --from <url|dir>     docs site base URL (e.g. https://docs.e.samsungsdscloud.com) or a directory of saved pages',
  '  --concurrency <n>    parallel requests (default 4)',
  '  --timeout <ms>       per-request timeout (default 60000)',
  '  --retries <n>        retries on 429/5xx/network errors (default 4)',
  '  --no-progress        no progress bar (default: shown when stdout is a terminal)',
  '  --docs               also rebuild the docs site',
  '  --strict             fail (and keep the old snapshot) on any build warning',
].join('\n');

function positiveInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got "${value}"`);
  return n;
}

/** `--from` checked before anything runs: an http(s) URL or an existing directory; otherwise one line saying why. */
export async function checkFrom(from: string): Promise<{ from: string } | { error: string }> {
  if (/^file:/i.test(from)) return { error: `--from ${from}: file:// URLs are not accepted; give the directory itself (e.g. --from /path/to/saved-site)` };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(from)) {
    if (!/^https?:\/\//i.test(from)) return { error: `--from ${from}: only http:// and https:// URLs are supported` };
    try {
      new URL(from);
    } catch {
      return { error: `--from ${from}: not a valid URL` };
    }
    return { from };
  }
  const info = await stat(from).catch(() => undefined);
  if (!info) return { error: `--from ${from}: no such directory (give the docs site URL, e.g. https://docs.e.samsungsdscloud.com, or a directory of saved pages)` };
  if (!info.isDirectory()) return { error: `--from ${from}: not a directory (a directory of saved pages is expected)` };
  return { from: path.resolve(from) };
}

export async function runUpdateCommand(args: string[], root: string): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        from: { type: 'string' },
        concurrency: { type: 'string' },
        timeout: { type: 'string' },
        retries: { type: 'string' },
        progress: { type: 'boolean' },
        'no-progress': { type: 'boolean' },
        docs: { type: 'boolean' },
        strict: { type: 'boolean' },
        root: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.from) {
    console.error(`--from is required\n\n${USAGE}`);
    return 2;
  }
  const from = await checkFrom(values.from);
  if ('error' in from) {
    console.error(from.error);
    return 2;
  }
  let concurrency: number | undefined;
  let timeoutMs: number | undefined;
  let retries: number | undefined;
  try {
    concurrency = positiveInt(values.concurrency, 'concurrency');
    timeoutMs = positiveInt(values.timeout, 'timeout');
    retries = positiveInt(values.retries, 'retries');
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  const stages: Stage[] | undefined = values.docs ? ['specs', 'types', 'lint', 'docs'] : undefined;
  quietOnClosedStdout();
  const result = await runUpdate({
    root: values.root ?? root,
    from: from.from,
    ...(concurrency !== undefined ? { concurrency } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(retries !== undefined ? { retries } : {}),
    ...(values['no-progress'] ? { progress: false } : values.progress ? { progress: true } : {}),
    ...(stages ? { stages } : {}),
    ...(values.strict ? { strict: true } : {}),
    log: (line) => console.log(line),
  });
  console.log(formatUpdateResult(result));
  return result.ok ? 0 : 1;
}
