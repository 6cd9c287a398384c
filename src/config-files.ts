/**
 * Where the SCP config files are and how to read them: `configDir` / SCP_CONFIG_DIR / ~/.scpconf, read with
 * node:fs (Node, Bun, Deno) or an injected `readFile`. Browser bundles get config-files.browser.ts instead
 * (package.json "browser" map): only an injected `readFile` there.
 */
import type { CredentialOptions } from './credentials.ts';
import { ScpConfigError } from './errors.ts';

export interface FileAccess {
  join(name: string): string;
  read(path: string): Promise<string | undefined>;
}

function isServerRuntime(): boolean {
  const g = globalThis as { process?: { versions?: { node?: unknown } }; Deno?: unknown; Bun?: unknown };
  return typeof g.process?.versions?.node === 'string' || g.Deno !== undefined || g.Bun !== undefined;
}

/** Imports a Node built-in without letting browser bundlers try to resolve it; `undefined` where there is none. */
async function importBuiltin<T>(specifier: string): Promise<T | undefined> {
  if (!isServerRuntime()) return undefined;
  try {
    return (await import(/* webpackIgnore: true */ /* @vite-ignore */ specifier)) as T;
  } catch {
    return undefined;
  }
}

export async function configFileAccess(
  opts: CredentialOptions,
  env: Record<string, string | undefined>,
): Promise<FileAccess | undefined> {
  const path = await importBuiltin<typeof import('node:path')>('node:path');
  let dir = opts.configDir || env['SCP_CONFIG_DIR'] || undefined;
  if (!dir) {
    const os = await importBuiltin<typeof import('node:os')>('node:os');
    let home: string | undefined;
    try {
      home = os?.homedir();
    } catch {
      home = undefined;
    }
    home ||= env['HOME'] || env['USERPROFILE'];
    if (!home) return undefined;
    dir = path ? path.join(home, '.scpconf') : `${home}/.scpconf`;
  }
  const base = dir;
  const join = (name: string): string => (path ? path.join(base, name) : `${base.replace(/[\\/]+$/, '')}/${name}`);
  if (opts.readFile) return { join, read: opts.readFile };
  const fs = await importBuiltin<typeof import('node:fs/promises')>('node:fs/promises');
  if (!fs) return undefined;
  return {
    join,
    async read(file: string): Promise<string | undefined> {
      try {
        return await fs.readFile(file, 'utf8');
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
        throw new ScpConfigError(`cannot read ${file}${typeof code === 'string' ? ` (${code})` : ''}`);
      }
    },
  };
}
