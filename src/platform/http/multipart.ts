import type { FastifyRequest } from 'fastify';
import { checkCsrf, csrfRequired } from './context.ts';
import { AppError } from './errors.ts';

/** Appends a value under a name: one value stays itself, a repeated name becomes an array. */
function put(body: Record<string, unknown>, name: string, value: unknown): void {
  const seen = body[name];
  if (seen === undefined) body[name] = value;
  else if (Array.isArray(seen)) seen.push(value);
  else body[name] = [seen, value];
}

/** Errors the parser raises with a code of its own (limits, prototype names) keep it; a broken body is a 400. */
function asRequestError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  const code = (err as { code?: unknown })?.code;
  if (typeof code === 'string' && code.startsWith('FST_')) return err;
  return new AppError(400, 'error.malformed');
}

/**
 * Reads a multipart/form-data body into `request.body` (a preValidation hook): text fields as
 * strings, files as Buffers, a repeated name as an array, and the original name of each field's
 * first file in `request.uploadNames`. Whatever the parser cannot read (no boundary, a body cut
 * short, a broken part) is a 400, never a 500. A form that needs a CSRF token must send its `_csrf`
 * field before its first file: without it the upload is refused (403) before any file is read.
 */
export async function readMultipart(request: FastifyRequest): Promise<void> {
  if (!request.isMultipart()) return;
  const body: Record<string, unknown> = {};
  let csrfChecked = false;
  try {
    for await (const part of request.parts(request.routeOptions.config?.multipartOptions)) {
      if (part.type === 'field') {
        put(body, part.fieldname, typeof part.value === 'string' ? part.value : String(part.value ?? ''));
        continue;
      }
      // A file is read only once the form's CSRF token, sent before it, has been checked.
      if (!csrfChecked && csrfRequired(request)) checkCsrf(request, body);
      csrfChecked = true;
      const data = await part.toBuffer();
      put(body, part.fieldname, data);
      request.uploadNames = { [part.fieldname]: part.filename.slice(0, 200), ...request.uploadNames };
    }
  } catch (err) {
    throw asRequestError(err);
  }
  request.body = body;
}
