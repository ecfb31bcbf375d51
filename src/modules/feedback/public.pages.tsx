import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { setFlash } from '../../platform/http/context.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { handleForm, langPath } from '../../platform/http/pages.ts';
import { formValues } from '../../platform/http/validation.ts';
import { pick } from '../../platform/i18n/i18n.ts';
import { sendPage } from '../../platform/views/render.tsx';
import * as catalog from '../catalog/public.ts';
import { getPublished, SERVICE_IDENTIFIER } from '../catalog/public.ts';
import { allAgencies } from '../identity/public.ts';
import { isHoneypotFilled } from './abuse.ts';
import * as cases from './cases.service.ts';
import { splitUpload, tokenParam, trackingParam, withFieldNames } from './pages.util.ts';
import { currentQuestions, submitRating } from './ratings.service.ts';
import { answerSurvey } from './survey.service.ts';
import { statusPath } from './tracking.ts';
import { CaseFormPage, RatePage, ReceivedPage, TrackPage } from './views/public.views.tsx';
import { StatusPage, SurveyPage } from './views/status.views.tsx';

/** Form values of a rating as the service wants them: answers by driver, and the comment. */
function ratingFromForm(values: Record<string, unknown>) {
  const answers: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) if (k.startsWith('q_') && typeof v === 'string') answers[k.slice(2)] = v;
  return { answers, comment: typeof values.comment === 'string' ? values.comment : undefined };
}

/** The beneficiary's pages: rate a service, contact an agency, follow a case, answer the survey. No account. */
export async function publicPages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const pub = { config: { access: 'public' as const } };

  const ratePage = async (req: FastifyRequest, values?: Record<string, unknown>, errors?: FieldError[]) => {
    const { identifier } = req.params as { identifier: string };
    const { data } = await getPublished(deps, identifier);
    const { questions } = await currentQuestions(deps.db);
    return <RatePage identifier={identifier} serviceName={data.name[req.lang]} questions={questions} values={values} errors={errors} />;
  };

  app.get('/feedback/rate/:identifier', pub, async (req, reply) => sendPage(req, reply, await ratePage(req)));

  app.post('/feedback/rate/:identifier', pub, async (req, reply) => {
    const { identifier } = req.params as { identifier: string };
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        if (!isHoneypotFilled(req.body)) {
          const names = Object.fromEntries(Object.keys(ratingFromForm(values).answers).map((d) => [`answers.${d}`, `q_${d}`]));
          await withFieldNames(names, () => submitRating(deps, req.ctx, identifier, ratingFromForm(values)));
        }
        return `/services/${identifier}`;
      },
      flash: 'feedback.rate.thanks',
      rerender: (errors) => ratePage(req, values, errors),
    });
  });

  const caseForm = async (req: FastifyRequest, values: Record<string, unknown>, errors?: FieldError[]) => {
    const agencies = (await allAgencies(deps)).filter((a) => a.status === 'active');
    const q = req.query as Record<string, unknown>;
    // A form shown again after a mistake has no ?service= in its address: the posted service id
    // names the service, or the case would be stored without it.
    const posted = typeof values.service_id === 'string' && /^[1-9]\d{0,15}$/.test(values.service_id) ? Number(values.service_id) : 0;
    const identifier = posted
      ? (await catalog.findService(deps.db, posted))?.identifier
      : typeof q.service === 'string'
        ? q.service
        : undefined;
    let service: { id: number; name: string; identifier: string } | undefined;
    if (identifier && SERVICE_IDENTIFIER.test(identifier)) {
      const found = await getPublished(deps, identifier).catch(() => undefined);
      if (found) {
        service = { id: found.row.id, name: found.data.name[req.lang], identifier };
        values.agency_id ??= String(found.row.agency_id);
      }
    }
    if (typeof q.agency === 'string') values.agency_id ??= String(agencies.find((a) => a.code === q.agency)?.id ?? '');
    return <CaseFormPage agencies={agencies} service={service} values={values} errors={errors} />;
  };

  app.get('/feedback/new', pub, async (req, reply) => sendPage(req, reply, await caseForm(req, {})));

  app.post('/feedback/new', pub, async (req, reply) => {
    const { fields, file } = splitUpload(req.body);
    const values = formValues(fields);
    return handleForm(req, reply, {
      action: async () => {
        if (isHoneypotFilled(fields)) return '/feedback/received';
        const r = await cases.submitCase(deps, req.ctx, values, { attachment: file });
        if (r.duplicate) return `/feedback/received?n=${r.case.tracking_no}`;
        setFlash(req, reply, 'feedback.case.submitted');
        return statusPath(deps.config, r.case, req.lang);
      },
      rerender: (errors) => caseForm(req, values, errors),
    });
  });

  app.get('/feedback/received', pub, async (req, reply) => {
    const n = String((req.query as Record<string, unknown>).n ?? '');
    return sendPage(req, reply, <ReceivedPage tracking={/^YSR-\d{4}-\d{6,}$/.test(n) ? n : undefined} />);
  });

  const statusView = async (req: FastifyRequest, values?: Record<string, unknown>, errors?: FieldError[]) => {
    const token = tokenParam(req);
    const s = await cases.statusPage(deps, req.ctx, trackingParam(req), token);
    return (
      <StatusPage
        case={s.case}
        agency={s.agency}
        serviceName={s.service ? pick(req.lang, s.service, 'name') : undefined}
        events={s.events}
        attachments={s.attachments}
        mergedInto={
          s.mergedInto ? { tracking_no: s.mergedInto.tracking_no, url: statusPath(deps.config, s.mergedInto, req.lang) } : undefined
        }
        token={token}
        values={values}
        errors={errors}
      />
    );
  };

  // A status link opens a case without a session: keep it out of search engines (the platform's
  // same-origin referrer policy already keeps it from other sites).
  const privateHeaders = (reply: FastifyReply) => reply.header('x-robots-tag', 'noindex, nofollow');

  app.get('/feedback/cases/:tracking', pub, async (req, reply) => sendPage(req, privateHeaders(reply), await statusView(req)));

  app.post('/feedback/cases/:tracking/reply', pub, async (req, reply) => {
    const tracking = trackingParam(req);
    const token = tokenParam(req);
    const { fields, file } = splitUpload(req.body);
    const values = formValues(fields);
    return handleForm(req, reply, {
      action: async () => {
        const c = await cases.caseFromLink(deps, tracking, token);
        if (!isHoneypotFilled(fields)) await cases.beneficiaryReply(deps, req.ctx, tracking, token, values, { attachment: file });
        return statusPath(deps.config, c, req.lang);
      },
      flash: 'feedback.reply.sent',
      rerender: (errors) => statusView(req, values, errors),
    });
  });

  const surveyView = async (req: FastifyRequest, errors?: FieldError[]) => {
    const token = tokenParam(req);
    return <SurveyPage case={await cases.caseFromLink(deps, trackingParam(req), token)} token={token} errors={errors} />;
  };

  app.get('/feedback/cases/:tracking/survey', pub, async (req, reply) => sendPage(req, privateHeaders(reply), await surveyView(req)));

  app.post('/feedback/cases/:tracking/survey', pub, async (req, reply) => {
    const tracking = trackingParam(req);
    const token = tokenParam(req);
    return handleForm(req, reply, {
      action: async () => {
        await answerSurvey(deps, req.ctx, tracking, token, formValues(req.body));
        return `${langPath(req, `/feedback/cases/${tracking}`)}?t=${encodeURIComponent(token)}`;
      },
      flash: 'feedback.survey.thanks',
      rerender: (errors) => surveyView(req, errors),
    });
  });

  app.get('/feedback/track', pub, async (req, reply) => sendPage(req, reply, <TrackPage />));

  app.post('/feedback/track', pub, async (req, reply) => {
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        if (!isHoneypotFilled(req.body)) await cases.resendLink(deps, req.ctx, values);
        return '/feedback/track';
      },
      flash: 'feedback.track.sent',
      rerender: (errors) => <TrackPage values={values} errors={errors} />,
    });
  });
}
