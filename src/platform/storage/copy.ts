import { chmod, copyFile, mkdir, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/**
 * Copies a folder tree for a backup or a restore: folders 0700, files 0600 whatever the source's
 * modes, half-written `.tmp` files left out, and `skip` (a folder inside `from`) not entered.
 * Returns how many files were copied; a missing source copies nothing.
 */
export async function copyTree(from: string, to: string, skip?: string): Promise<number> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(from, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  await mkdir(to, { recursive: true, mode: 0o700 });
  await chmod(to, 0o700);
  let copied = 0;
  for (const e of entries) {
    const source = join(from, e.name);
    if (e.isDirectory()) {
      if (skip && resolve(source) === resolve(skip)) continue;
      copied += await copyTree(source, join(to, e.name), skip);
    } else if (e.isFile() && !e.name.endsWith('.tmp')) {
      const target = join(to, e.name);
      await copyFile(source, target);
      await chmod(target, 0o600);
      copied++;
    }
  }
  return copied;
}

/** True when `dir` does not exist or holds nothing. */
export async function isEmptyDir(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw err;
  }
}
