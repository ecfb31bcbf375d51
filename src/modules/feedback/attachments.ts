import type { Deps } from '../../platform/deps.ts';
import { acceptUpload, type Sniffed } from '../../platform/storage/sniff.ts';
import type { StoredFile } from '../../platform/storage/storage.ts';

/** What a beneficiary may attach: documents and photos, judged by their bytes, never their name. */
export const ATTACHMENT_KINDS = ['pdf', 'png', 'jpg', 'webp', 'docx'] as const;
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;

export interface Upload {
  buffer: Buffer;
  kind: Sniffed;
}

/** The checked upload in a form field, or undefined when none was chosen (browsers send an empty part). */
export function checkUpload(field: string, value: unknown): Upload | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (!Buffer.isBuffer(value)) return acceptUpload(field, Buffer.alloc(0), ATTACHMENT_KINDS, ATTACHMENT_MAX_BYTES) as never;
  if (value.length === 0) return undefined;
  return { buffer: value, kind: acceptUpload(field, value, ATTACHMENT_KINDS, ATTACHMENT_MAX_BYTES) };
}

/**
 * Stores the file before the transaction that records it (the row needs its key), and removes it
 * again if that transaction fails, so a failed submission leaves no orphan behind.
 */
export async function withStoredUpload<T>(
  deps: Deps,
  upload: Upload | undefined,
  run: (file: StoredFile | undefined) => Promise<T>,
): Promise<T> {
  const file = upload ? await deps.storage.put(upload.buffer, upload.kind.ext) : undefined;
  try {
    return await run(file);
  } catch (err) {
    if (file) await deps.storage.remove(file.key).catch(() => undefined);
    throw err;
  }
}
