import { randomBytes } from 'node:crypto';

/** One file part of a form; `field` defaults to "file". */
export interface FilePart {
  field?: string;
  filename: string;
  type?: string;
  data: Buffer;
}

/** A multipart/form-data body as a browser sends it: the text fields, then the files in order. */
export function multipart(fields: Record<string, string>, files: FilePart | FilePart[] = []): { payload: Buffer; contentType: string } {
  const boundary = `----yusrtest${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  for (const f of Array.isArray(files) ? files : [files]) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? 'file'}"; filename="${f.filename}"\r\nContent-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      f.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
