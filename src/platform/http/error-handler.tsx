import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { MessageKey } from '../../messages.ts';
import { recordAuditNow } from '../audit/audit.ts';
import { hasMessage, type Lang, otherLang, translate } from '../i18n/i18n.ts';
import { ErrorSummary } from '../views/components.tsx';
import { usePage } from '../views/context.ts';
import { Layout } from '../views/Layout.tsx';
import { sendPage } from '../views/render.tsx';
import { isApiRequest } from './context.ts';
import { AppError, ForbiddenError, RateLimitedError, UnauthorizedError, ValidationError } from './errors.ts';
import { issuesToFieldErrors } from './validation.ts';

const problemType = (key: string) => `https://yusr.dev/problems/${key.replace(/^error\./, '').replace(/_/g, '-')}`;

/** RFC 9457 problem details with field errors, in the request's language and in both. */
function sendProblem(request: FastifyRequest, reply: FastifyReply, err: AppError): FastifyReply {
  const lang = request.lang;
  const say = (l: Lang, key: MessageKey, params?: Record<string, string | number>) => translate(l, key, params);
  const body = {
    type: problemType(err.key),
    title: say(lang, err.key, err.params),
    status: err.status,
    detail: hasMessage(lang, `${err.key}_detail`) ? say(lang, `${err.key}_detail` as MessageKey, err.params) : undefined,
    instance: request.url.split('?')[0],
    requestId: String(request.id),
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
  if (err instanceof RateLimitedError) reply.header('retry-after', String(err.retryAfterSeconds));
  if (err instanceof UnauthorizedError) reply.header('www-authenticate', 'Bearer realm="yusr"');
  return reply.code(err.status).type('application/problem+json; charset=utf-8').send(body);
}

function ErrorPage({ err }: { err: AppError }) {
  const { t, lang } = usePage();
  const other = otherLang(lang);
  return (
    <Layout title={t(err.key, err.params)}>
      <h1>{t(err.key, err.params)}</h1>
      {hasMessage(lang, `${err.key}_detail`) ? <p class="lead">{t(`${err.key}_detail` as MessageKey, err.params)}</p> : null}
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
