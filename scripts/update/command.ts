/**
 * `npm run cli -- update --from <url-or-directory> [--services a,b] [--category c] [--allow-shrink] [--lang xx]
 *  [--concurrency N] [--timeout MS] [--retries N] [--no-progress] [--docs] [--strict]`
 * Argument handling only; the work is `runUpdate`. Exit code 0 on success, 1 when the update failed
 * (the previous snapshot is kept), 2 on a usage error.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Stage } from '../build.ts';
import { formatUpdateResult } from './print.ts';
import { parseServiceList } from './scope.ts';
import { quietOnClosedStdout } from './stdout.ts';
import { runUpdate, type UpdateOptions } from './update.ts';

const USAGE = [
  'usage: npm run cli -- update --from <url-or-directory> [options]',
  '',
  '  --from <url|dir>     docs site base URL (e.g. https://docs.e.samsungsdscloud.com) or a directory of saved pages',
  '  --services <a,b>     only these services (Scp-Api-Version ids or URL names); the others stay as they are',
  '  --category <c>       only the services of this category (e.g. data-analytics)',
  '  --allow-shrink       commit even when services or operation-versions vanished from the docs',
  '  --lang <code>        page language (default ko, the site default; en reads /en/ pages)',
  '  --concurrency <n>    parallel requests (default 4)',
  '  --timeout <ms>       per-request timeout (default 60000)',
  '  --retries <n>        retries on 429/5xx/network errors (default 4)',
  '  --no-progress        no progress bar (default: shown when stdout is a terminal)',
  '  --docs               also rebuild the docs site',
  '  --strict             fail (and keep the old snapshot) on any build warning',
].join('\n');

/** Bad input: one line (and the usage when it helps), exit code 2. */
class UsageError extends Error {}

function positiveInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a non-negative integer, got "${value}"`);
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

const OPTIONS = {
  from: { type: 'string' },
  services: { type: 'string' },
  category: { type: 'string' },
  'allow-shrink': { type: 'boolean' },
  lang: { type: 'string' },
  concurrency: { type: 'string' },
  timeout: { type: 'string' },
  retries: { type: 'string' },
  progress: { type: 'boolean' },
  'no-progress': { type: 'boolean' },
  docs: { type: 'boolean' },
  strict: { type: 'boolean' },
  root: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];

/** Everything but `--from` (checked on disk) turned into update options; throws UsageError. */
function optionsOf(values: Values): Omit<UpdateOptions, 'root' | 'from'> {
  const services = parseServiceList(values.services);
  if (values.services !== undefined && !services) throw new UsageError('--services: give at least one service name (comma-separated)');
  if (values.lang !== undefined && !/^[a-z]{2}$/.test(values.lang)) throw new UsageError(`--lang ${values.lang}: a two-letter language code is expected (ko, en)`);
  const concurrency = positiveInt(values.concurrency, 'concurrency');
  const timeoutMs = positiveInt(values.timeout, 'timeout');
  const retries = positiveInt(values.retries, 'retries');
  const stages: Stage[] | undefined = values.docs ? ['specs', 'types', 'lint', 'docs'] : undefined;
  return {
    ...(services ? { services } : {}),
    ...(values.category ? { category: values.category } : {}),
    ...(values['allow-shrink'] ? { allowShrink: true } : {}),
    ...(values.lang ? { lang: values.lang } : {}),
    ...(concurrency !== undefined ? { concurrency } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(retries !== undefined ? { retries } : {}),
    ...(values['no-progress'] ? { progress: false } : values.progress ? { progress: true } : {}),
    ...(stages ? { stages } : {}),
    ...(values.strict ? { strict: true } : {}),
  };
}

export async function runUpdateCommand(args: string[], root: string): Promise<number> {
  let options: UpdateOptions;
  try {
    let values: Values;
    try {
      ({ values } = parseArgs({ args, options: OPTIONS }));
    } catch (e) {
      throw new UsageError(`${(e as Error).message}\n\n${USAGE}`);
    }
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    if (!values.from) throw new UsageError(`--from is required\n\n${USAGE}`);
    const from = await checkFrom(values.from);
    if ('error' in from) throw new UsageError(from.error);
    options = { root: values.root ?? root, from: from.from, ...optionsOf(values), log: (line) => console.log(line) };
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(e.message);
    return 2;
  }
  quietOnClosedStdout();
  const result = await runUpdate(options);
  console.log(formatUpdateResult(result));
  return result.ok ? 0 : 1;
}
