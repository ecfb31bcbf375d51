import { fieldError } from '../http/errors.ts';

export interface Sniffed {
  mime: string;
  ext: string;
}

const starts = (b: Buffer, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);

/**
 * What a file really is, from its first bytes, whatever its name or declared type claims.
 * Only the kinds Yusr accepts are recognised; anything else is null.
 */
export function sniff(b: Buffer): Sniffed | null {
  if (b.length === 0) return null;
  if (starts(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { mime: 'application/pdf', ext: 'pdf' };
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mime: 'image/png', ext: 'png' };
  if (starts(b, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', ext: 'jpg' };
  if (starts(b, [0x47, 0x49, 0x46, 0x38])) return { mime: 'image/gif', ext: 'gif' };
  if (starts(b, [0x52, 0x49, 0x46, 0x46]) && starts(b, [0x57, 0x45, 0x42, 0x50], 8)) return { mime: 'image/webp', ext: 'webp' };
  if (starts(b, [0x50, 0x4b, 0x03, 0x04])) {
    const head = b.subarray(0, Math.min(b.length, 64 * 1024)).toString('latin1');
    if (head.includes('word/')) return { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx' };
    if (head.includes('xl/')) return { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx' };
    if (head.includes('ppt/')) return { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', ext: 'pptx' };
    return null;
  }
  // Text: valid UTF-8 with no control characters other than tab and line breaks.
  const sample = b.subarray(0, Math.min(b.length, 64 * 1024));
  if (sample.includes(0)) return null;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(sample);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what marks a file as not text
  if (text.includes('\uFFFD') || /[\u0001-\u0008\u000B\u000C\u000E-\u001F]/.test(text)) return null;
  return { mime: 'text/plain', ext: 'txt' };
}

/** Accepts an upload of one of the allowed kinds and size, or throws a field error naming the problem. */
export function acceptUpload(field: string, b: Buffer, allowed: readonly string[], maxBytes: number): Sniffed {
  if (b.length === 0) fieldError(field, 'validation.file_empty');
  if (b.length > maxBytes) fieldError(field, 'validation.file_too_big', { mb: Math.round(maxBytes / 1024 / 1024) });
  const kind = sniff(b);
  if (!kind || !allowed.includes(kind.ext)) fieldError(field, 'validation.file_kind', { kinds: allowed.join(', ').toUpperCase() });
  return kind;
}
