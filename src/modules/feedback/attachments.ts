import type { Deps } from '../../platform/deps.ts';
import { fieldError } from '../../platform/http/errors.ts';
import { acceptUpload, type Sniffed } from '../../platform/storage/sniff.ts';
import type { StoredFile } from '../../platform/storage/storage.ts';

/** What a beneficiary may attach: documents and photos, judged by their bytes, never their name. */
export const ATTACHMENT_KINDS = ['pdf', 'png', 'jpg', 'webp', 'docx'] as const;
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;

/** How many files one submission or reply may carry. */
export const MAX_ATTACHMENTS = 3;

export interface Upload {
  buffer: Buffer;
  kind: Sniffed;
}

/**
 * The checked uploads in a form field: none, one file, or several under the same name (browsers
 * send an empty part when none was chosen). Any bad file refuses the whole submission.
 */
export function checkUploads(field: string, value: unknown): Upload[] {
  const parts = (Array.isArray(value) ? value : [value]).filter((v) => v !== undefined && v !== null && v !== '');
  const files = parts.filter((v) => !Buffer.isBuffer(v) || v.length > 0);
  if (files.length > MAX_ATTACHMENTS) fieldError(field, 'feedback.validation.too_many_files', { max: MAX_ATTACHMENTS });
  return files.map((v) => {
    const buffer = Buffer.isBuffer(v) ? v : Buffer.alloc(0);
    return { buffer, kind: acceptUpload(field, buffer, ATTACHMENT_KINDS, ATTACHMENT_MAX_BYTES) };
  });
}

export interface StoredUpload {
  file: StoredFile;
  kind: Sniffed;
}

/**
 * Stores the files before the transaction that records them (the rows need their keys), and
 * removes them again if that transaction fails, so a failed submission leaves no orphan behind.
 */
export async function withStoredUploads<T>(deps: Deps, uploads: Upload[], run: (files: StoredUpload[]) => Promise<T>): Promise<T> {
  const stored: StoredUpload[] = [];
  try {
    for (const u of uploads) stored.push({ file: await deps.storage.put(u.buffer, u.kind.ext), kind: u.kind });
    return await run(stored);
  } catch (err) {
    await discardUploads(deps, stored);
    throw err;
  }
}

/** Removes stored files no row refers to (a failed submission, or a repeat of one already stored). */
export async function discardUploads(deps: Deps, stored: StoredUpload[]): Promise<void> {
  await Promise.all(stored.map((s) => deps.storage.remove(s.file.key).catch(() => undefined)));
}
