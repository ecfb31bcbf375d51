import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';

export interface StoredFile {
  key: string;
  size: number;
  sha256: string;
}

/** One interface for stored files: local disk now, object storage later. */
export interface Storage {
  put(data: Buffer, hint?: string): Promise<StoredFile>;
  get(key: string): Promise<Buffer>;
  stream(key: string): Readable;
  exists(key: string): Promise<boolean>;
  remove(key: string): Promise<void>;
}

/** Files under a directory, named by a random key; written to a temp name then renamed (never half a file). */
export function localStorage(dir: string): Storage {
  const root = resolve(dir);
  const pathOf = (key: string) => {
    if (!/^[a-z0-9/-]+(\.[a-z0-9]+)?$/.test(key) || key.includes('..')) throw new Error('invalid storage key');
    return join(root, key);
  };
  return {
    async put(data, hint = 'bin') {
      const ext =
        hint
          .replace(/[^a-z0-9]/gi, '')
          .toLowerCase()
          .slice(0, 8) || 'bin';
      const id = randomUUID();
      const key = `${id.slice(0, 2)}/${id}.${ext}`;
      const path = pathOf(key);
      // Attachments and evidence carry personal data: readable by Yusr's own user only.
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      const tmp = `${path}.tmp`;
      await writeFile(tmp, data, { mode: 0o600 });
      await rename(tmp, path);
      return { key, size: data.length, sha256: createHash('sha256').update(data).digest('hex') };
    },
    get: (key) => readFile(pathOf(key)),
    stream: (key) => createReadStream(pathOf(key)),
    async exists(key) {
      try {
        await stat(pathOf(key));
        return true;
      } catch {
        return false;
      }
    },
    async remove(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}
