import type { FastifyRequest } from 'fastify';
import { AppError, type FieldError, NotFoundError, ValidationError } from './errors.ts';
import { MAX_ID } from './pages.ts';

const NUL = '\u0000';
/** Field errors past this many say nothing new. */
const MAX_REPORTED = 20;

/**
 * Where a request's input holds U+0000, as dotted field paths (`querystring.q`, `params.key`, `subject`,
 * `items.0.name`; a key holding it names itself). PostgreSQL refuses the character in text
 * (SQLSTATE 22021) and SQLite would store it, so no engine ever sees it. Walks the input without
 * recursion: a JSON body nested thousands of levels deep is scanned, not a stack overflow.
 */
export function nulFields(request: FastifyRequest): string[] {
  const found: string[] = [];
  const stack: [string, unknown][] = [
    ['querystring', request.query],
    ['params', request.params],
    ['', request.body],
  ];
  for (const [field, name] of Object.entries(request.uploadNames ?? {})) stack.push([`${field}.filename`, name]);
  while (stack.length > 0 && found.length < MAX_REPORTED) {
    const [path, value] = stack.pop() as [string, unknown];
    if (typeof value === 'string') {
      if (value.includes(NUL)) found.push(path || '_');
    } else if (value && typeof value === 'object' && !Buffer.isBuffer(value) && !ArrayBuffer.isView(value)) {
      for (const [k, v] of Object.entries(value)) {
        const at = path ? `${path}.${k}` : k;
        if (k.includes(NUL)) found.push(at);
        else stack.push([at, v]);
      }
    }
  }
  return found.sort();
}

/** Refuses, with a field error for each place, any request whose query, path, body or file names hold U+0000. */
export async function refuseNul(request: FastifyRequest): Promise<void> {
  const fields = nulFields(request);
  if (fields.length === 0) return;
  const errors: FieldError[] = fields.map((field) => ({ field: field.replaceAll(NUL, '\\u0000'), key: 'validation.nul_char' }));
  throw new ValidationError(errors);
}

const JSON_TYPE = /^application\/(?:[a-z0-9.+-]+\+)?json$/;

/**
 * The API takes JSON only (an onRequest hook): a form-encoded, multipart or text/plain body — what
 * a third-party page can make a visitor's browser send without a CORS preflight — is a 415 before
 * anything is read, so no other site can file complaints or ratings from its visitors' browsers.
 */
export async function requireJsonForApi(request: FastifyRequest): Promise<void> {
  if (!request.url.startsWith('/api/') || ['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return;
  const type = String(request.headers['content-type'] ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
  const hasBody = request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
  if (type === '' ? !hasBody : JSON_TYPE.test(type)) return;
  throw new AppError(415, 'error.json_required');
}

/**
 * An id in the path written as a whole number beyond the largest id names no record on either engine
 * (a preValidation hook): 404, before PostgreSQL is asked to compare it with an integer column.
 */
export async function refuseHugeIds(request: FastifyRequest): Promise<void> {
  for (const [name, value] of Object.entries((request.params ?? {}) as Record<string, unknown>)) {
    if (!ID_PARAM.test(name) || typeof value !== 'string') continue;
    if (/^\s*\+?\d{10,}\s*$/.test(value) && Number(value) > MAX_ID) throw new NotFoundError();
  }
}

/** Route parameters that hold record ids (`:id`, `:agencyId`, `:attachment`, `:membership`). */
const ID_PARAM = /^(id|[a-z]+Id|attachment|membership)$/;
