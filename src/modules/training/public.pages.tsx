import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MessageKey } from '../../messages.ts';
import { setFlash } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { idParam, queryFilters } from '../../platform/http/pages.ts';
import { formValues } from '../../platform/http/validation.ts';
import { langs, translate } from '../../platform/i18n/i18n.ts';
import { calendar, type IcsEvent } from '../../platform/ical.ts';
import { pdfAvailable } from '../../platform/pdf/pdf.ts';
import { sendPage } from '../../platform/views/render.tsx';
import * as assignments from './assignments.service.ts';
import * as evaluation from './evaluation.ts';
import * as xlsx from './exports.ts';
import * as learning from './guest-learning.service.ts';
import * as guests from './guests.service.ts';
import { exportProgress } from './progress.service.ts';
import * as codes from './session-codes.service.ts';
import { publicCatalogue } from './training.service.ts';
import { PublicTrainingPage } from './views/public.views.tsx';
import { EvaluationDonePage, EvaluationPage, GuestCodePage, GuestConfirmPage, GuestManagePage, SignUpPage } from './views/signup.views.tsx';

/** The public training page, in both languages (registered under /ar and /en). */
export async function publicTrainingPages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const open = { config: { access: 'public' as const } };
  app.get('/training', open, async (req, reply) => {
    const q = queryFilters(req, ['q']).q ?? '';
    return sendPage(req, reply, <PublicTrainingPage items={await publicCatalogue(deps, q)} q={q} />);
  });

  // Signing up without an account: the form, the code, the link's confirmation, the place and its cancellation.
  app.get('/training/offerings/:id/sign-up', open, async (req, reply) =>
    sendPage(req, reply, <SignUpPage d={await guests.publicOffering(deps, idParam(req))} />),
  );
  app.post('/training/offerings/:id/sign-up', open, async (req, reply) => {
    const d = await guests.publicOffering(deps, idParam(req));
    const values = formValues(req.body);
    try {
      const pending = await guests.requestGuestCode(deps, req.ctx, d.offering.id, values);
      return sendPage(req, reply, <GuestCodePage d={d} pending={pending} />);
    } catch (err) {
      if (err instanceof AppError && (err.status === 400 || err.status === 409)) {
        const errors = err.fieldErrors.length ? err.fieldErrors : [{ field: '_', key: err.key, params: err.params }];
        return sendPage(req, reply, <SignUpPage d={d} values={values} errors={errors} />, err.status);
      }
      throw err;
    }
  });
  const placed = (req: FastifyRequest, reply: FastifyReply, r: { guest: { status: string }; already: boolean; token: string }) => {
    setFlash(
      req,
      reply,
      r.already
        ? 'training.flash.guest_already'
        : r.guest.status === 'enrolled'
          ? 'training.flash.guest_enrolled'
          : 'training.flash.guest_waitlisted',
    );
    return reply.redirect(`/${req.lang}/training/sign-up/manage?token=${encodeURIComponent(r.token)}`, 303);
  };
  app.post('/training/offerings/:id/sign-up/verify', open, async (req, reply) => {
    const d = await guests.publicOffering(deps, idParam(req));
    const { pending, ...values } = formValues(req.body);
    try {
      return placed(req, reply, await guests.verifyGuestCode(deps, req.ctx, pending, values));
    } catch (err) {
      if (err instanceof AppError && err.status === 400)
        return sendPage(req, reply, <GuestCodePage d={d} pending={String(pending ?? '')} errors={err.fieldErrors} />, 400);
      throw err;
    }
  });
  app.get('/training/sign-up/confirm', open, async (req, reply) => {
    const token = queryToken(req);
    return sendPage(req, reply, <GuestConfirmPage d={await guests.guestOfLink(deps, token)} token={token} />);
  });
  app.post('/training/sign-up/confirm', open, async (req, reply) =>
    placed(req, reply, await guests.confirmGuestLink(deps, req.ctx, formValues(req.body).token)),
  );
  app.get('/training/sign-up/manage', open, async (req, reply) => {
    const token = queryToken(req);
    const l = await learning.guestLearning(deps, token);
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    return sendPage(req, reply, <GuestManagePage l={l} token={token} pdf={pdfAvailable(deps.config.chromiumPath)} />);
  });
  const backToPlace = (req: FastifyRequest, reply: FastifyReply, token: unknown, flash: MessageKey) => {
    setFlash(req, reply, flash);
    return reply.redirect(`/${req.lang}/training/sign-up/manage?token=${encodeURIComponent(String(token))}`, 303);
  };
  // The assessment of a member of the public, taken through the signed link of their place.
  app.post('/training/sign-up/assessment/start', open, async (req, reply) => {
    const { token } = formValues(req.body);
    await learning.startGuestAttempt(deps, req.ctx, token);
    return backToPlace(req, reply, token, 'training.flash.attempt_started');
  });
  app.post('/training/sign-up/assessment', open, async (req, reply) => {
    const { token, ...values } = formValues(req.body);
    try {
      await learning.submitGuestAttempt(deps, req.ctx, token, values);
      return backToPlace(req, reply, token, 'training.flash.submitted');
    } catch (err) {
      if (err instanceof AppError && err.status === 400) {
        reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
        const l = await learning.guestLearning(deps, token);
        return sendPage(
          req,
          reply,
          <GuestManagePage
            l={l}
            token={String(token)}
            values={values}
            errors={err.fieldErrors}
            pdf={pdfAvailable(deps.config.chromiumPath)}
          />,
          400,
        );
      }
      throw err;
    }
  });
  // What a 400 on the page of a place shows: the page again with the field errors and what was typed.
  const placeAgain = async (req: FastifyRequest, reply: FastifyReply, token: unknown, values: Record<string, unknown>, err: AppError) => {
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    const l = await learning.guestLearning(deps, token);
    return sendPage(
      req,
      reply,
      <GuestManagePage l={l} token={String(token)} values={values} errors={err.fieldErrors} pdf={pdfAvailable(deps.config.chromiumPath)} />,
      400,
    );
  };
  // A session's code, typed by a member of the public to mark themselves present.
  app.post('/training/sign-up/attend', open, async (req, reply) => {
    const { token, ...values } = formValues(req.body);
    try {
      await codes.guestAttendByCode(deps, req.ctx, token, values);
      return backToPlace(req, reply, token, 'training.flash.code_attended');
    } catch (err) {
      if (err instanceof AppError && err.status === 400) return placeAgain(req, reply, token, values, err);
      throw err;
    }
  });
  // Their assignment: the text and optionally one PDF (the token and the text before the file).
  app.post(
    '/training/sign-up/assignment',
    {
      config: {
        access: 'public' as const,
        multipartOptions: { limits: { fileSize: 2 * assignments.ASSIGNMENT_MAX_BYTES, files: 1, fields: 4, parts: 5 } },
      },
    },
    async (req, reply) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const { token, ...values } = body;
      try {
        await assignments.submitGuestAssignment(deps, req.ctx, token, values, req.uploadNames?.file);
        return backToPlace(req, reply, token, 'training.flash.assignment_submitted');
      } catch (err) {
        if (err instanceof AppError && err.status === 400) return placeAgain(req, reply, token, { text: values.text }, err);
        throw err;
      }
    },
  );
  app.post('/training/sign-up/cancel', open, async (req, reply) => {
    const token = formValues(req.body).token;
    await guests.cancelGuest(deps, req.ctx, token);
    return backToPlace(req, reply, token, 'training.flash.guest_cancelled');
  });

  // The evaluation an attendee is emailed after an offering.
  app.get('/training/evaluation', open, async (req, reply) => {
    const token = queryToken(req);
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    return sendPage(req, reply, <EvaluationPage d={await evaluation.evaluationForm(deps, token)} token={token} />);
  });
  app.post('/training/evaluation', open, async (req, reply) => {
    const { token, ...values } = formValues(req.body);
    try {
      await evaluation.submitEvaluation(deps, req.ctx, token, values);
      return sendPage(req, reply, <EvaluationDonePage />);
    } catch (err) {
      if (err instanceof AppError && err.status === 400)
        return sendPage(
          req,
          reply,
          <EvaluationPage
            d={await evaluation.evaluationForm(deps, token)}
            token={String(token)}
            values={values}
            errors={err.fieldErrors}
          />,
          400,
        );
      throw err;
    }
  });
}

/** The signed token a link carries in its query (a stale or forged one is refused by the service). */
const queryToken = (req: FastifyRequest) => {
  const raw = (req.query as Record<string, unknown>).token;
  return typeof raw === 'string' ? raw : '';
};

/** A year from ?year= (2000–2100), else the current one. */
const yearQuery = (req: FastifyRequest) => {
  const raw = (req.query as Record<string, unknown>).year;
  return typeof raw === 'string' && /^\d{4}$/.test(raw) && Number(raw) >= 2000 && Number(raw) <= 2100
    ? Number(raw)
    : new Date().getUTCFullYear();
};
const sendFile = (reply: FastifyReply, file: { filename: string; body: Buffer }, type: string) =>
  reply
    .header('content-disposition', `attachment; filename="${file.filename}"`)
    .header('cache-control', 'no-store')
    .type(type)
    .send(file.body);

/** The downloads: files, not pages, so each is registered once, without a language prefix (?lang= names the language). */
export async function trainingDownloads(app: FastifyInstance): Promise<void> {
  const progressRoles = {
    config: { access: { roles: ['program_admin', 'program_reviewer', 'leadership_viewer'] as const } },
    schema: { hide: true },
  };
  app.get('/console/training/progress.xlsx', progressRoles, async (req, reply) =>
    sendFile(reply, await xlsx.exportProgressXlsx(app.deps, req.ctx, yearQuery(req), req.lang), xlsx.XLSX_TYPE),
  );
  app.get('/console/training/offerings.xlsx', progressRoles, async (req, reply) =>
    sendFile(reply, await xlsx.exportOfferings(app.deps, req.ctx, yearQuery(req), req.lang), xlsx.XLSX_TYPE),
  );
  // The register of one offering: the office and its trainers (checked by the service).
  app.get(
    '/console/training/offerings/:id/attendance.xlsx',
    { config: { access: 'signed-in' }, schema: { hide: true } },
    async (req, reply) => sendFile(reply, await xlsx.exportAttendance(app.deps, req.ctx, idParam(req), req.lang), xlsx.XLSX_TYPE),
  );
  app.get(
    '/console/training/progress.csv',
    { config: { access: { roles: ['program_admin', 'program_reviewer', 'leadership_viewer'] } }, schema: { hide: true } },
    async (req, reply) => {
      const raw = (req.query as Record<string, unknown>).year;
      const year =
        typeof raw === 'string' && /^\d{4}$/.test(raw) && Number(raw) >= 2000 && Number(raw) <= 2100
          ? Number(raw)
          : new Date().getUTCFullYear();
      const file = await exportProgress(app.deps, req.ctx, year, req.lang);
      return reply
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .header('cache-control', 'no-store')
        .type('text/csv; charset=utf-8')
        .send(file.body);
    },
  );
}

/** The iCalendar feed of the public programmes' sessions, one per language: /training/calendar/ar.ics. */
export async function trainingFeeds(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  for (const lang of langs) {
    app.get(`/training/calendar/${lang}.ics`, { config: { access: 'public' } }, async (req, reply) => {
      const events: IcsEvent[] = [];
      for (const { programme: p, offerings, sessions } of await publicCatalogue(deps))
        for (const o of offerings)
          for (const s of sessions.get(o.id) ?? [])
            events.push({
              uid: `training-session-${s.id}@${new URL(deps.config.baseUrl).hostname}`,
              start: s.starts_at,
              end: s.ends_at,
              summary: lang === 'ar' ? p.title_ar : p.title_en,
              description: lang === 'ar' ? p.description_ar : p.description_en,
              location: [lang === 'ar' ? o.location_ar : o.location_en, o.online_url].filter(Boolean).join(' · ') || null,
              url: `${deps.config.baseUrl}/${lang}/training`,
              status: o.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
            });
      const body = calendar({ product: 'Training', name: translate(lang, 'training.public.title'), events });
      const etag = `"${createHash('sha256')
        .update(body.replace(/^DTSTAMP:.*$/gm, ''))
        .digest('base64url')
        .slice(0, 27)}"`;
      reply.header('etag', etag).header('cache-control', 'public, max-age=300');
      if (req.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.type('text/calendar; charset=utf-8').send(body);
    });
  }
}
