import { AppError, fieldError } from '../../platform/http/errors.ts';
import { inspectXlsx, verifyXlsx } from '../catalog/public.ts';

// A draft uploaded as DOCX: the file is screened before anything reads it (its size, that it is a
// zip, then the catalog's zip-bomb guards: the directory's declared entries, inflated size and ratio,
// and every entry inflated once and counted, since a directory can lie) and only then does mammoth
// read its text, which is split into articles as pasted text is. Every refusal is on the form's file field.

/** The uploaded file (a draft regulation of a few hundred articles is well under 1 MB). */
export const DOCX_MAX_BYTES = 5 * 1024 * 1024;

/** The zip guards' messages (which speak of spreadsheets) in the words of a DOCX upload. */
const ZIP_KEYS: Record<string, string> = {
  'io.limit.inflated': 'participate.validation.docx_inflated',
  'io.limit.zip_entries': 'participate.validation.docx_entries',
  'io.limit.zip_ratio': 'participate.validation.docx_ratio',
};

const notDocx = (): never => fieldError('file', 'participate.validation.docx_type');

/** The text of an uploaded DOCX, or a field error on `file`; nothing is stored or written here. */
export async function readDocx(file: unknown): Promise<string> {
  if (!Buffer.isBuffer(file) || file.length === 0) fieldError('file', 'participate.validation.docx_required');
  if (file.length > DOCX_MAX_BYTES) fieldError('file', 'validation.file_too_big', { mb: DOCX_MAX_BYTES / 1024 / 1024 });
  if (file.subarray(0, 4).toString('latin1') !== 'PK\u0003\u0004') notDocx();
  try {
    await inspectXlsx(file);
    await verifyXlsx(file);
  } catch (err) {
    if (!(err instanceof AppError) || !err.fieldErrors.length) throw err;
    const e = err.fieldErrors[0];
    const key = ZIP_KEYS[e.key];
    if (!key) notDocx();
    fieldError('file', key as Parameters<typeof fieldError>[1], e.params);
  }
  // mammoth is loaded on the first document read, not when the app is imported.
  const { default: mammoth } = await import('mammoth');
  let text = '';
  try {
    text = (await mammoth.extractRawText({ buffer: file })).value;
  } catch {
    notDocx();
  }
  return text.replace(/\r\n?/g, '\n').trim();
}
