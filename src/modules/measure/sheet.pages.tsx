import type { FastifyInstance, FastifyRequest } from 'fastify';
import { setFlash } from '../../platform/http/context.ts';
import { type FieldError, NotFoundError } from '../../platform/http/errors.ts';
import { autosaveError, handleForm, idParam, isPersonError, wantsJson } from '../../platform/http/pages.ts';
import { formValues } from '../../platform/http/validation.ts';
import { sendPage } from '../../platform/views/render.tsx';
import {
  type Conflict,
  editableAnswer,
  missingForSubmission,
  openSheet,
  refreshAutomatic,
  type Sheet,
  saveAnswers,
} from './answers.service.ts';
import { addEvidence, removeEvidence } from './evidence.service.ts';
import { measurePolicy, PROGRAM_ROLES } from './measure.policy.ts';
import { listEvents } from './repo/answers.repo.ts';
import { acceptPending, reviewAnswer } from './review.service.ts';
import type { FrameworkNode, QuestionNode } from './scoring/framework.schema.ts';
import { submitAnswers } from './submit.service.ts';
import { nameOf } from './views/common.tsx';
import { QuestionPage } from './views/question.views.tsx';
import { SheetPage, sheetPath } from './views/sheet.views.tsx';
import { SubmitPage } from './views/submit.views.tsx';

/** The question, the top-level section it sits in, and the names of the nodes above it. */
function locate(nodes: FrameworkNode[], key: string, lang: 'ar' | 'en', trail: string[] = []): { q: QuestionNode; trail: string[] } | null {
  for (const n of nodes) {
    if (n.type === 'question') {
      if (n.key === key) return { q: n, trail };
    } else {
      const hit = locate(n.children, key, lang, [...trail, nameOf(lang, n)]);
      if (hit) return hit;
    }
  }
  return null;
}
const sectionOf = (nodes: FrameworkNode[], key: string) =>
  nodes.find((n) => n.key === key || (n.type !== 'question' && locate(n.children, key, 'en')))?.key ?? nodes[0].key;

const keysOf = (values: Record<string, unknown>) => ([] as unknown[]).concat(values.q ?? []).map(String);

export async function sheetPages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const readers = { config: { access: { roles: [...PROGRAM_ROLES, 'agency_admin', 'agency_editor'] as const } } };
  const staff = { config: { access: { roles: ['agency_admin', 'agency_editor'] as const } } };
  const program = { config: { access: { roles: PROGRAM_ROLES } } };
  const ids = (req: FastifyRequest) => ({ roundId: idParam(req), agencyId: idParam(req, 'agencyId') });
  // The router has already decoded the segment once; decoding again broke on a key holding %.
  const questionKey = (req: FastifyRequest) => (req.params as { key: string }).key;
  const section = (req: FastifyRequest, sheet: Sheet) => {
    const s = (req.query as Record<string, string>).section;
    return sheet.framework.nodes.some((n) => n.key === s) ? s : sheet.framework.nodes[0].key;
  };

  const sheetPage = async (
    req: FastifyRequest,
    extra: { typed?: Record<string, unknown>; errors?: FieldError[]; conflicts?: Conflict[] } = {},
  ) => {
    const { roundId, agencyId } = ids(req);
    const sheet = await openSheet(deps, req.ctx, roundId, agencyId);
    return (
      <SheetPage
        sheet={sheet}
        section={section(req, sheet)}
        {...extra}
        can={{ review: measurePolicy.review(req.actor), submit: measurePolicy.answer(req.actor, agencyId) }}
      />
    );
  };

  const questionPage = async (req: FastifyRequest, key: string, extra: { typed?: Record<string, unknown>; errors?: FieldError[] } = {}) => {
    const { roundId, agencyId } = ids(req);
    const sheet = await openSheet(deps, req.ctx, roundId, agencyId);
    const found = locate(sheet.framework.nodes, key, req.lang);
    if (!found) throw new NotFoundError();
    const row = sheet.answers.get(key);
    const reviewable =
      measurePolicy.review(req.actor) &&
      sheet.round.status === 'open' &&
      sheet.participant.status !== 'in_progress' &&
      !!row &&
      ['submitted', 'accepted', 'adjusted'].includes(row.status);
    return (
      <QuestionPage
        sheet={sheet}
        q={found.q}
        trail={found.trail}
        section={sectionOf(sheet.framework.nodes, key)}
        row={row}
        evidence={row ? (sheet.evidence.get(row.id) ?? []) : []}
        events={row ? await listEvents(deps.db, row.id) : []}
        can={{ answer: sheet.canAnswer && editableAnswer(sheet.mode, row), review: reviewable }}
        {...extra}
      />
    );
  };

  const base = '/console/measure/rounds/:id/agencies/:agencyId';
  app.get(base, readers, async (req, reply) => sendPage(req, reply, await sheetPage(req)));

  app.post(`${base}/answers`, staff, async (req, reply) => {
    const { roundId, agencyId } = ids(req);
    const values = formValues(req.body);
    const keys = keysOf(values);
    const q = req.query as Record<string, string>;
    const question = typeof q.question === 'string' ? q.question : undefined;
    const back = question
      ? `${sheetPath(roundId, agencyId)}/questions/${encodeURIComponent(question)}`
      : `${sheetPath(roundId, agencyId)}?section=${encodeURIComponent(q.section ?? '')}`;
    try {
      const r = await saveAnswers(deps, req.ctx, roundId, agencyId, keys, values);
      if (wantsJson(req))
        return reply
          .code(r.conflicts.length ? 409 : 200)
          .send({ saved: r.saved, versions: r.versions, conflicts: r.conflicts.map((c) => c.key) });
      if (r.conflicts.length) return sendPage(req, reply, await sheetPage(req, { conflicts: r.conflicts, typed: values }), 409);
      setFlash(req, reply, r.saved.length ? 'measure.flash.answers_saved' : 'measure.flash.nothing_changed');
      return reply.redirect(`/${req.lang}${back}`, 303);
    } catch (err) {
      if (wantsJson(req) && isPersonError(err)) return autosaveError(req, reply, err);
      if (!isPersonError(err)) throw err;
      const errors = err.fieldErrors.length ? err.fieldErrors : [{ field: '_', key: err.key, params: err.params }];
      const page = question
        ? await questionPage(req, question, { typed: values, errors })
        : await sheetPage(req, { typed: values, errors });
      return sendPage(req, reply, page, err.status);
    }
  });

  app.post(`${base}/refresh`, staff, async (req, reply) => {
    const { roundId, agencyId } = ids(req);
    return handleForm(req, reply, {
      action: async () => {
        await refreshAutomatic(deps, req.ctx, roundId, agencyId);
        return sheetPath(roundId, agencyId);
      },
      flash: 'measure.flash.refreshed',
      rerender: (errors) => sheetPage(req, { errors }),
    });
  });

  const submitPage = async (req: FastifyRequest, errors?: FieldError[]) => {
    const { roundId, agencyId } = ids(req);
    const sheet = await openSheet(deps, req.ctx, roundId, agencyId);
    return (
      <SubmitPage
        sheet={sheet}
        missing={missingForSubmission(sheet)}
        canSubmit={measurePolicy.submit(req.actor, agencyId)}
        errors={errors}
      />
    );
  };
  app.get(`${base}/submit`, readers, async (req, reply) => sendPage(req, reply, await submitPage(req)));
  app.post(`${base}/submit`, { config: { access: { roles: ['agency_admin'] as const } } }, async (req, reply) => {
    const { roundId, agencyId } = ids(req);
    return handleForm(req, reply, {
      action: async () => {
        await submitAnswers(deps, req.ctx, roundId, agencyId, formValues(req.body));
        return `/console/measure/rounds/${roundId}`;
      },
      flash: 'measure.flash.submitted',
      rerender: (errors) => submitPage(req, errors),
    });
  });

  app.post(`${base}/accept-pending`, program, async (req, reply) => {
    const { roundId, agencyId } = ids(req);
    return handleForm(req, reply, {
      action: async () => {
        await acceptPending(deps, req.ctx, roundId, agencyId);
        return sheetPath(roundId, agencyId);
      },
      flash: 'measure.flash.accepted_pending',
      rerender: (errors) => sheetPage(req, { errors }),
    });
  });

  app.get(`${base}/questions/:key`, readers, async (req, reply) => sendPage(req, reply, await questionPage(req, questionKey(req))));

  app.post(`${base}/questions/:key/evidence`, staff, async (req, reply) => {
    const { roundId, agencyId } = ids(req);
    const key = questionKey(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    return handleForm(req, reply, {
      action: async () => {
        await addEvidence(
          deps,
          req.ctx,
          roundId,
          agencyId,
          key,
          body.file,
          typeof body.filename === 'string' && body.filename ? body.filename : req.uploadNames?.file,
        );
        return `${sheetPath(roundId, agencyId)}/questions/${encodeURIComponent(key)}`;
      },
      flash: 'measure.flash.evidence_added',
      rerender: (errors) => questionPage(req, key, { errors }),
    });
  });

  app.post(`${base}/questions/:key/review`, program, async (req, reply) => {
    const { roundId, agencyId } = ids(req);
    const key = questionKey(req);
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        await reviewAnswer(deps, req.ctx, roundId, agencyId, key, values);
        const { framework } = await openSheet(deps, req.ctx, roundId, agencyId);
        return `${sheetPath(roundId, agencyId)}?section=${encodeURIComponent(sectionOf(framework.nodes, key))}`;
      },
      flash: 'measure.flash.reviewed',
      rerender: (errors) => questionPage(req, key, { errors, typed: values }),
    });
  });

  app.post('/console/measure/evidence/:id/remove', staff, async (req, reply) => {
    const r = await removeEvidence(deps, req.ctx, idParam(req));
    setFlash(req, reply, 'measure.flash.evidence_removed');
    return reply.redirect(`/${req.lang}${sheetPath(r.roundId, r.agencyId)}/questions/${encodeURIComponent(r.key)}`, 303);
  });
}
