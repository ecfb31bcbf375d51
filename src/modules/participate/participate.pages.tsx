import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MessageKey } from '../../messages.ts';
import { actorAgencyIds } from '../../platform/auth/actor.ts';
import { setFlash } from '../../platform/http/context.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { handleForm, idParam, pageParam } from '../../platform/http/pages.ts';
import { formValues } from '../../platform/http/validation.ts';
import { sendPage } from '../../platform/views/render.tsx';
import { allAgencies } from '../identity/public.ts';
import { commentQueue, consoleDetail, QUEUE_PAGE, type QueueFilter } from './console.service.ts';
import * as consultations from './consultations.service.ts';
import { DOCX_MAX_BYTES } from './docx.ts';
import { serviceField } from './links.ts';
import { moderateComment } from './moderation.service.ts';
import { PARTICIPATE_ROLES, participatePolicy } from './participate.policy.ts';
import * as repo from './participate.repo.ts';
import * as participation from './participation.service.ts';
import { publicComments, publicConsultation, publicList, publicReport, published } from './public.service.ts';
import { CommentsPage, ConsoleConsultationPage, ConsoleListPage, DraftFormPage, fieldPrefix } from './views/console.views.tsx';
import { CodePage, CommentsListPage, ConsultationPage, ConsultationsPage, JoinPage, ReportPage } from './views/public.views.tsx';

// Pages of public consultations: the public's (list, consultation, taking part, report) and the
// agency's console (drafting, publishing, the comment queue with dispositions and moderation, the
// final text and completion).

type Values = Record<string, unknown>;
type Errors = Parameters<typeof ConsultationPage>[0]['errors'];

/** The cookie that keeps a browser signed in as a verified participant (a signed, expiring token). */
export const PARTICIPANT_COOKIE = 'yusr_participant';

export async function participatePages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const open = { config: { access: 'public' as const } };
  const staff = { config: { access: { roles: PARTICIPATE_ROLES } } };
  // The draft form may carry a DOCX: twice its limit, so a file a little too big gets the form's own error, not a bare 413.
  const withUpload = {
    config: {
      access: { roles: PARTICIPATE_ROLES },
      multipartOptions: { limits: { fileSize: 2 * DOCX_MAX_BYTES, files: 1, fields: 30, parts: 31 } },
    },
  };
  const uploadOf = (req: FastifyRequest) => {
    const file = (req.body as Record<string, unknown> | undefined)?.file;
    return Buffer.isBuffer(file) ? { file, file_name: req.uploadNames?.file } : {};
  };
  const cookieOpts = (maxAge?: number) => ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.config.baseUrl.startsWith('https://'),
    ...(maxAge !== undefined ? { maxAge } : {}),
  });
  const participantOf = (req: FastifyRequest) => participation.participantFromToken(deps, req.cookies[PARTICIPANT_COOKIE]);
  const back = (req: FastifyRequest, reply: FastifyReply, to: string, flash?: MessageKey) => {
    if (flash) setFlash(req, reply, flash);
    return reply.redirect(`/${req.lang}${to}`, 303);
  };

  // ---- The public's pages ----
  app.get('/consultations', open, async (req, reply) => sendPage(req, reply, <ConsultationsPage items={await publicList(deps)} />));

  const consultationPage = async (req: FastifyRequest, values?: Values, errors?: Errors) => {
    const participant = await participantOf(req);
    const d = await publicConsultation(deps, idParam(req), participant?.id ?? null);
    return <ConsultationPage d={d} participant={participant} values={values} errors={errors} />;
  };
  app.get('/consultations/:id', open, async (req, reply) => sendPage(req, reply, await consultationPage(req)));

  const consultationOf = (req: FastifyRequest) => published(deps, idParam(req));
  app.get('/consultations/:id/join', open, async (req, reply) => sendPage(req, reply, <JoinPage c={await consultationOf(req)} />));
  app.post('/consultations/:id/join', open, async (req, reply) => {
    const c = await consultationOf(req);
    const values = formValues(req.body);
    try {
      const pending = await participation.requestCode(deps, req.ctx, values);
      return sendPage(req, reply, <CodePage c={c} pending={pending} />);
    } catch (err) {
      const e = err as { status?: number; fieldErrors?: Errors };
      if (e.status === 400 && e.fieldErrors) return sendPage(req, reply, <JoinPage c={c} values={values} errors={e.fieldErrors} />, 400);
      throw err;
    }
  });
  app.post('/consultations/:id/verify', open, async (req, reply) => {
    const c = await consultationOf(req);
    const { pending, ...values } = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        const token = await participation.verifyCode(deps, req.ctx, pending, values);
        reply.setCookie(PARTICIPANT_COOKIE, token, cookieOpts(participation.SESSION_MAX_AGE));
        return `/consultations/${c.id}`;
      },
      flash: 'participate.flash.verified',
      rerender: (errors) => <CodePage c={c} pending={String(pending ?? '')} errors={errors} />,
    });
  });
  app.post('/consultations/participant/sign-out', open, async (req, reply) => {
    reply.clearCookie(PARTICIPANT_COOKIE, cookieOpts());
    return back(req, reply, '/consultations', 'participate.flash.signed_out');
  });

  app.post('/consultations/:id/comments', open, async (req, reply) => {
    const id = idParam(req);
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        const p = await participantOf(req);
        const comment = await participation.postComment(deps, req.ctx, p?.id ?? null, id, values);
        return `/consultations/${id}#comment-${comment.id}`;
      },
      flash: 'participate.flash.commented',
      rerender: (errors) => consultationPage(req, values, errors),
    });
  });
  app.post('/consultations/articles/:id/vote', open, async (req, reply) => {
    const p = await participantOf(req);
    const articleId = idParam(req);
    await participation.vote(deps, req.ctx, p?.id ?? null, articleId, formValues(req.body));
    const a = (await repo.findArticle(deps.db, articleId)) as NonNullable<Awaited<ReturnType<typeof repo.findArticle>>>;
    return back(req, reply, `/consultations/${a.consultation_id}#article-${a.position}`, 'participate.flash.voted');
  });
  app.post('/consultations/comments/:id/report', open, async (req, reply) => {
    const p = await participantOf(req);
    const comment = await participation.reportComment(deps, req.ctx, p?.id ?? null, idParam(req));
    return back(req, reply, `/consultations/${comment.consultation_id}`, 'participate.flash.reported');
  });

  // Every visible comment on one article (`?article=`), question (`?question=`) or the whole text, a page at a time.
  app.get('/consultations/:id/comments', open, async (req, reply) => {
    const participant = await participantOf(req);
    const query = (req.query ?? {}) as Record<string, unknown>;
    const d = await publicComments(deps, idParam(req), query, pageParam(req), participant?.id ?? null);
    return sendPage(req, reply, <CommentsListPage d={d} participant={participant} />);
  });

  app.get('/consultations/:id/report', open, async (req, reply) =>
    sendPage(req, reply, <ReportPage r={await publicReport(deps, idParam(req))} />),
  );

  // ---- The agency's console ----
  const agencyMap = async () => new Map((await allAgencies(deps)).map((a) => [a.id, a]));
  /** The agencies the actor may draft for (active ones). */
  const draftAgencies = async (req: FastifyRequest) => {
    const mine = new Set(actorAgencyIds(req.actor));
    return (await allAgencies(deps)).filter((a) => a.status === 'active' && mine.has(a.id) && participatePolicy.draft(req.actor, a.id));
  };

  app.get('/console/consultations', staff, async (req, reply) => {
    const day = consultations.dayOf(deps, new Date());
    const items = (await consultations.listForConsole(deps, req.ctx)).map((c) => ({ ...c, phase: consultations.phaseOf(c, day) }));
    return sendPage(
      req,
      reply,
      <ConsoleListPage items={items} agencies={await agencyMap()} canDraft={(await draftAgencies(req)).length > 0} />,
    );
  });

  app.get('/console/consultations/new', staff, async (req, reply) =>
    sendPage(req, reply, <DraftFormPage agencies={await draftAgencies(req)} values={{ source_format: 'text' }} />),
  );
  app.post('/console/consultations/new', withUpload, async (req, reply) => {
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () =>
        `/console/consultations/${(await consultations.createConsultation(deps, req.ctx, { ...values, ...uploadOf(req) })).id}`,
      flash: 'participate.flash.created',
      rerender: async (errors) => <DraftFormPage agencies={await draftAgencies(req)} values={values} errors={errors} />,
    });
  });

  const detailPage = async (req: FastifyRequest, values?: Values, errors?: Errors) => (
    <ConsoleConsultationPage d={await consoleDetail(deps, req.ctx, idParam(req))} values={values} errors={errors} />
  );
  app.get('/console/consultations/:id', staff, async (req, reply) => sendPage(req, reply, await detailPage(req)));

  // A DOCX draft's original file, as uploaded, for the agency's staff.
  app.get('/console/consultations/:id/source.docx', staff, async (req, reply) => {
    const c = await consultations.getForConsole(deps, req.ctx, idParam(req));
    if (!c.source_file_key) throw new NotFoundError();
    const name = (c.source_file_name ?? 'draft.docx').replace(/[^\w.-]+/g, '_');
    return reply
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'no-store')
      .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .send(await deps.storage.get(c.source_file_key));
  });

  app.get('/console/consultations/:id/edit', staff, async (req, reply) => {
    const c = await consultations.getForConsole(deps, req.ctx, idParam(req));
    const questions = await repo.listQuestions(deps.db, c.id);
    const values = {
      ...c,
      questions_ar: questions.map((q) => q.text_ar).join('\n'),
      questions_en: questions.map((q) => q.text_en).join('\n'),
      services: await serviceField(deps.db, c.id),
      initiatives: (await repo.listInitiativeLinks(deps.db, c.id)).join('\n'),
    };
    return sendPage(req, reply, <DraftFormPage c={c} agencies={[]} values={values} />);
  });
  app.post('/console/consultations/:id/edit', withUpload, async (req, reply) => {
    const id = idParam(req);
    const values = formValues(req.body);
    const c = await consultations.getForConsole(deps, req.ctx, id);
    return handleForm(req, reply, {
      action: async () => {
        await consultations.updateDraft(deps, req.ctx, id, { ...values, ...uploadOf(req) });
        return `/console/consultations/${id}`;
      },
      flash: 'participate.flash.saved',
      rerender: (errors) => <DraftFormPage c={c} agencies={[]} values={values} errors={errors} />,
    });
  });

  const step = (path: string, run: (id: number, req: FastifyRequest, values: Values) => Promise<unknown>, flash: MessageKey) =>
    app.post(`/console/consultations/:id/${path}`, staff, async (req, reply) => {
      const id = idParam(req);
      const values = formValues(req.body);
      return handleForm(req, reply, {
        action: async () => {
          await run(id, req, values);
          return `/console/consultations/${id}`;
        },
        flash,
        rerender: (errors) => detailPage(req, values, errors),
      });
    });
  step('submit', (id, req) => consultations.submitConsultation(deps, req.ctx, id), 'participate.flash.submitted');
  step('approve', (id, req) => consultations.approveConsultation(deps, req.ctx, id), 'participate.flash.approved');
  step('return', (id, req, v) => consultations.returnConsultation(deps, req.ctx, id, v), 'participate.flash.returned');
  step('publish', (id, req) => consultations.publishConsultation(deps, req.ctx, id), 'participate.flash.published');
  step('final', (id, req, v) => consultations.setFinalText(deps, req.ctx, id, v), 'participate.flash.saved');
  step('complete', (id, req) => consultations.completeConsultation(deps, req.ctx, id), 'participate.flash.completed');

  const queueFilter = (req: FastifyRequest): QueueFilter => {
    const s = (req.query as Record<string, unknown>)?.show;
    return s === 'undisposed' || s === 'moderation' ? s : 'all';
  };
  app.get('/console/consultations/:id/comments', staff, async (req, reply) =>
    sendPage(req, reply, <CommentsPage q={await commentQueue(deps, req.ctx, idParam(req), queueFilter(req), pageParam(req))} />),
  );

  /** A form of one comment on the queue: its fields carry the comment's prefix, taken off here. */
  const commentForm = (path: string, form: 'd' | 'm', run: (id: number, req: FastifyRequest, values: Values) => Promise<unknown>) =>
    app.post(`/console/consultations/comments/:id/${path}`, staff, async (req, reply) => {
      const id = idParam(req);
      const comment = await repo.findComment(deps.db, id);
      if (!comment) throw new NotFoundError();
      const prefix = fieldPrefix(id, form);
      const values = Object.fromEntries(
        Object.entries(formValues(req.body))
          .filter(([k]) => k.startsWith(prefix))
          .map(([k, v]) => [k.slice(prefix.length), v]),
      );
      return handleForm(req, reply, {
        action: async () => {
          await run(id, req, values);
          return `/console/consultations/${comment.consultation_id}/comments#comment-${id}`;
        },
        flash: 'participate.flash.saved',
        rerender: async (errors) => (
          <CommentsPage
            q={await commentQueue(deps, req.ctx, comment.consultation_id, 'all', await repo.queuePageOf(deps.db, comment, QUEUE_PAGE))}
            values={values}
            errors={errors}
            errorFor={{ id, form }}
          />
        ),
      });
    });
  commentForm('disposition', 'd', (id, req, v) => consultations.disposeComment(deps, req.ctx, id, v));
  commentForm('moderate', 'm', (id, req, v) => moderateComment(deps, req.ctx, id, v));
}
