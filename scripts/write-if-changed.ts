/**
 * Writing a file only when its bytes change: an unchanged file keeps its mtime, so the build's "outputs
 * intact" checks, the docs server's ETags and anything watching the tree see no change.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Write `content` (creating its directory) unless the file already holds exactly it; true when it wrote. */
export async function writeIfChanged(file: string, content: string | Buffer): Promise<boolean> {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  const old = await readFile(file).catch(() => undefined);
  if (old?.equals(bytes)) return false;
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, bytes);
  return true;
}
