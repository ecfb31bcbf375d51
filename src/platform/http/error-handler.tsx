import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { MessageKey } from '../../messages.ts';
import { recordAuditNow } from '../audit/audit.ts';
import { anonymous } from '../auth/actor.ts';
import { defaultLang, type Lang, otherLang, translate } from '../i18n/i18n.ts';
import { ErrorSummary } from '../views/components.tsx';
import { usePage } from '../views/context.ts';
import { Layout } from '../views/Layout.tsx';
import { sendPage } from '../views/render.tsx';
import { isApiRequest, requestLang } from './context.ts';
import { AppError, ConflictError, ForbiddenError, RateLimitedError, UnauthorizedError, ValidationError } from './errors.ts';
import { setSecurityHeaders } from './ops.ts';
import { issuesToFieldErrors } from './validation.ts';

const problemType = (key: string) => `https://yusr.dev/problems/${key.replace(/^error\./, '').replace(/_/g, '-')}`;

/**
 * The longer explanation under an error's title, for the errors the catalogs explain: written out
 * (never built from the title's key), so each is checked by the compiler. Modules' keys sit here too
 * until their manifests can declare their own.
 */
const errorDetail: Partial<Record<MessageKey, MessageKey>> = {
  'error.validation': 'error.validation_detail',
  'error.not_found': 'error.not_found_detail',
  'error.forbidden': 'error.forbidden_detail',
  'error.unauthorized': 'error.unauthorized_detail',
  'error.conflict': 'error.conflict_detail',
  'error.malformed': 'error.malformed_detail',
  'error.bad_url': 'error.bad_url_detail',
  'error.out_of_range': 'error.out_of_range_detail',
  'error.missing_reference': 'error.missing_reference_detail',
  'error.json_required': 'error.json_required_detail',
  'error.internal': 'error.internal_detail',
  'error.link_expired': 'error.link_expired_detail',
  'feedback.error.merged': 'feedback.error.merged_detail',
  'feedback.error.reopen_window': 'feedback.error.reopen_window_detail',
};

/** RFC 9457 problem details with field errors, in a language and in both. */
function problemBody(lang: Lang, err: AppError, instance: string, requestId: string) {
  const say = (l: Lang, key: MessageKey, params?: Record<string, string | number>) => translate(l, key, params);
  const detail = errorDetail[err.key];
  return {
    type: problemType(err.key),
    title: say(lang, err.key, err.params),
    status: err.status,
    detail: detail ? say(lang, detail, err.params) : undefined,
    instance,
    requestId,
    title_ar: say('ar', err.key, err.params),
    title_en: say('en', err.key, err.params),
    ...(err.fieldErrors.length
      ? {
          errors: err.fieldErrors.map((e) => ({
            field: e.field,
            pointer: `#/${e.field.replace(/\./g, '/')}`,
            code: e.key.replace(/^validation\./, ''),
            message: say(lang, e.key, e.params),
            message_ar: say('ar', e.key, e.params),
            message_en: say('en', e.key, e.params),
          })),
        }
      : {}),
  };
}

/** Answers with the problem details of an error, in the request's language and in both. */
function sendProblem(request: FastifyRequest, reply: FastifyReply, err: AppError): FastifyReply {
  const body = problemBody(request.lang, err, request.url.split('?')[0], String(request.id));
  if (err instanceof RateLimitedError) reply.header('retry-after', String(err.retryAfterSeconds));
  if (err instanceof UnauthorizedError) reply.header('www-authenticate', 'Bearer realm="yusr"');
  return reply.code(err.status).type('application/problem+json; charset=utf-8').send(body);
}

function ErrorPage({ err }: { err: AppError }) {
  const { t, lang } = usePage();
  const other = otherLang(lang);
  const detail = errorDetail[err.key];
  return (
    <Layout title={t(err.key, err.params)}>
      <h1>{t(err.key, err.params)}</h1>
      {detail ? <p class="lead">{t(detail, err.params)}</p> : null}
      <p lang={other} dir={other === 'ar' ? 'rtl' : 'ltr'} class="muted">
        {translate(other, err.key, err.params)}
      </p>
      <ErrorSummary errors={err.fieldErrors} />
      <p>
        <a href={`/${lang}/`}>{t('error.go_home')}</a>
      </p>
    </Layout>
  );
}

function sendErrorPage(request: FastifyRequest, reply: FastifyReply, err: AppError): FastifyReply {
  if (err instanceof UnauthorizedError && request.method === 'GET') {
    return reply.redirect(`/${request.lang}/sign-in?next=${encodeURIComponent(request.url)}`, 303);
  }
  if (err instanceof RateLimitedError) reply.header('retry-after', String(err.retryAfterSeconds));
  return sendPage(request, reply, <ErrorPage err={err} />, err.status);
}

/** Maps what Fastify throws on bad input to our errors; anything else is ours and becomes a 500. */
export function toAppError(error: FastifyError): AppError | null {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext && error.validationContext !== 'body' ? [error.validationContext] : [];
    const issues = error.validation.map((v) => ({
      ...(v.params as object),
      code: v.keyword,
      message: v.message,
      path: [...where, ...(v.instancePath ?? '').split('/').filter(Boolean)],
    }));
    return new ValidationError(issuesToFieldErrors(issues as never));
  }
  // decodeURIComponent and its kin throw URIError only on a broken %-encoding somebody sent.
  if (error instanceof URIError) return new AppError(400, 'error.bad_url');
  // PostgreSQL refusing a value for a column's type (a number out of an integer's range, text where
  // a number goes) means the input was out of range, whichever route let it through.
  if ('severity' in error && (error.code === '22003' || error.code === '22P02')) return new AppError(400, 'error.out_of_range');
  // A reference to a record that does not exist (or no longer does), or a second copy of a unique
  // one, reached the database: the request conflicts with the records, on either engine.
  if (error.code === '23503' || error.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return new AppError(409, 'error.missing_reference');
  if (error.code === '23505' || error.code === 'SQLITE_CONSTRAINT_UNIQUE' || error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return new ConflictError();
  }
  const code = error.code ?? '';
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413) return new AppError(413, 'error.too_large');
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || error.statusCode === 415) return new AppError(415, 'error.media_type');
  if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return new AppError(400, 'error.malformed');
  if (code.startsWith('FST_ERR_CTP') || error instanceof SyntaxError) return new AppError(400, 'error.malformed');
  if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') {
    return new AppError(413, 'error.too_large');
  }
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return new AppError(415, 'error.media_type');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return new AppError(400, 'error.malformed');
  return null;
}

/**
 * What Fastify refuses before routing — a broken %-encoding in the path, a path segment longer than
 * maxParamLength — answered like every other error: problem+json under /api/ and elsewhere an
 * error page (seen as an anonymous visitor: no hook has run), in the language of the path.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const err = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? new AppError(414, 'error.url_too_long') : new AppError(400, 'error.bad_url');
  const https = request.server.deps.config.baseUrl.startsWith('https://');
  try {
    request.lang = requestLang(request);
  } catch {
    request.lang = defaultLang;
  }
  setSecurityHeaders(request, reply, https);
  if (isApiRequest(request)) return sendProblem(request, reply, err);
  try {
    request.actor = anonymous;
    request.csrfToken = '';
    return sendPage(request, reply, <ErrorPage err={err} />, err.status);
  } catch (renderErr) {
    request.log.error({ err: renderErr }, 'could not render an error page for a bad address');
    return sendProblem(request, reply, err);
  }
}

/**
 * A request Node's HTTP parser cannot read (headers or address over 16 KB, a broken request line):
 * problem+json on the socket, since there is no request to answer through, then the connection closes.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const key = status === 431 ? 'error.too_large' : 'error.malformed';
  const body = JSON.stringify(problemBody(defaultLang, new AppError(status, key), '/', randomUUID()));
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nX-Content-Type-Options: nosniff\r\n\r\n${body}`,
  );
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    let appError = toAppError(error);
    if (!appError) {
      request.log.error({ err: error }, 'unhandled error');
      appError = new AppError(500, 'error.internal', { id: String(request.id) });
    }
    if (appError instanceof ForbiddenError) {
      try {
        await recordAuditNow(app.deps.db, request.ctx, {
          action: 'access.denied',
          recordType: 'route',
          recordId: `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`,
          after: { reason: appError.reason, url: request.url.slice(0, 500) },
        });
      } catch (auditErr) {
        request.log.error({ err: auditErr }, 'could not audit a refusal');
      }
    }
    return isApiRequest(request) || !request.ctx ? sendProblem(request, reply, appError) : sendErrorPage(request, reply, appError);
  });

  app.setNotFoundHandler(async (request, reply) => {
    const err = new AppError(404, 'error.not_found');
    return isApiRequest(request) ? sendProblem(request, reply, err) : sendPage(request, reply, <ErrorPage err={err} />, 404);
  });
}
