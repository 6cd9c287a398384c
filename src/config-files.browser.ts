/**
 * Browser stand-in for config-files.ts (package.json "browser" map): no file system and no home directory, so the
 * config files take part only through an injected `readFile` and an explicit `configDir` / SCP_CONFIG_DIR.
 */
import type { FileAccess } from './config-files.ts';
import type { CredentialOptions } from './credentials.ts';

export type { FileAccess };

export async function configFileAccess(
  opts: CredentialOptions,
  env: Record<string, string | undefined>,
): Promise<FileAccess | undefined> {
  const dir = opts.configDir || env['SCP_CONFIG_DIR'];
  if (!dir || !opts.readFile) return undefined;
  return { join: (name) => `${dir.replace(/[\\/]+$/, '')}/${name}`, read: opts.readFile };
}
