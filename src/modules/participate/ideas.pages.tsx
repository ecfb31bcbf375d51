import type { FastifyInstance, FastifyRequest } from 'fastify';
import { setFlash } from '../../platform/http/context.ts';
import { handleForm, idParam, pageParam, queryFilters } from '../../platform/http/pages.ts';
import { formValues } from '../../platform/http/validation.ts';
import { sendPage } from '../../platform/views/render.tsx';
import { listServices } from '../catalog/public.ts';
import { allAgencies } from '../identity/public.ts';
import * as ideas from './ideas.service.ts';
import { PARTICIPANT_COOKIE } from './participate.pages.tsx';
import { PARTICIPATE_ROLES } from './participate.policy.ts';
import { ideaAnswers, ideaCategories, ideaModerations } from './participate.tables.ts';
import * as participation from './participation.service.ts';
import { setIdeaRule } from './thresholds.ts';
import { ConsoleIdeaPage, ConsoleIdeasPage, IdeaFormPage, IdeaPage, IdeasPage } from './views/ideas.views.tsx';
import { CodePage, JoinPage } from './views/public.views.tsx';

// Ideas pages: the public's (list, idea, proposing after verifying an address, supporting) and the
// console's (the ideas addressed to the actor's agency, or all for the office; moderation and answers).

type Values = Record<string, unknown>;

/** Where the code form may send a person back to: the ideas pages only. */
const safeNext = (v: unknown) => (typeof v === 'string' && /^\/ideas(\/new|\/\d{1,10})?$/.test(v) ? v : undefined);
const oneOf = <T extends string>(list: readonly T[], v: string | undefined): T | undefined =>
  list.includes(v as T) ? (v as T) : undefined;
const toFilter = (v: string | undefined): number | 'program' | undefined =>
  v === 'program' ? 'program' : v && /^\d{1,10}$/.test(v) ? Number(v) : undefined;

/** Published catalog services a proposer may link an idea to (at most this many, by name). */
const SERVICE_CHOICES = 2000;

export async function ideasPages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const open = { config: { access: 'public' as const } };
  const staff = { config: { access: { roles: PARTICIPATE_ROLES } } };
  const participantOf = (req: FastifyRequest) => participation.participantFromToken(deps, req.cookies[PARTICIPANT_COOKIE]);
  const agencyMap = async () => new Map((await allAgencies(deps)).map((a) => [a.id, a]));
  const activeAgencies = async () => (await allAgencies(deps)).filter((a) => a.status === 'active');

  app.get('/ideas', open, async (req, reply) => {
    const q = queryFilters(req, ['to', 'category', 'answer', 'sort', 'page'] as const);
    const list = await ideas.publicIdeas(
      deps,
      {
        to: toFilter(q.to),
        category: oneOf(ideaCategories, q.category),
        answer: q.answer === 'none' ? 'none' : oneOf(ideaAnswers, q.answer),
        sort: q.sort === 'newest' ? 'newest' : 'supported',
      },
      pageParam(req),
    );
    return sendPage(req, reply, <IdeasPage list={list} agencies={await agencyMap()} query={q} />);
  });

  const formPage = async (req: FastifyRequest, values?: Values, errors?: Parameters<typeof IdeaFormPage>[0]['errors']) => {
    const services = (await listServices(deps.db, { state: 'published' }, SERVICE_CHOICES, 0))
      .map((s) => ({ id: s.id, agency_id: s.agency_id, name_ar: s.name_ar, name_en: s.name_en }))
      .sort((a, b) => (req.lang === 'ar' ? a.name_ar.localeCompare(b.name_ar, 'ar') : a.name_en.localeCompare(b.name_en, 'en')));
    return (
      <IdeaFormPage
        participant={await participantOf(req)}
        agencies={await activeAgencies()}
        services={services}
        values={values}
        errors={errors}
      />
    );
  };
  app.get('/ideas/new', open, async (req, reply) => sendPage(req, reply, await formPage(req)));
  app.post('/ideas/new', open, async (req, reply) => {
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        const p = await participantOf(req);
        return `/ideas/${(await ideas.proposeIdea(deps, req.ctx, p?.id ?? null, values)).id}`;
      },
      flash: 'participate.flash.idea_proposed',
      rerender: (errors) => formPage(req, values, errors),
    });
  });

  app.get('/ideas/join', open, async (req, reply) =>
    sendPage(req, reply, <JoinPage next={safeNext((req.query as Record<string, unknown>)?.next)} />),
  );
  app.post('/ideas/join', open, async (req, reply) => {
    const { next: rawNext, ...values } = formValues(req.body);
    const next = safeNext(rawNext);
    try {
      const pending = await participation.requestCode(deps, req.ctx, values);
      return sendPage(req, reply, <CodePage next={next} pending={pending} />);
    } catch (err) {
      const e = err as { status?: number; fieldErrors?: Parameters<typeof JoinPage>[0]['errors'] };
      if (e.status === 400 && e.fieldErrors)
        return sendPage(req, reply, <JoinPage next={next} values={values} errors={e.fieldErrors} />, 400);
      throw err;
    }
  });
  app.post('/ideas/verify', open, async (req, reply) => {
    const { pending, next: rawNext, ...values } = formValues(req.body);
    const next = safeNext(rawNext);
    return handleForm(req, reply, {
      action: async () => {
        const token = await participation.verifyCode(deps, req.ctx, pending, values);
        reply.setCookie(PARTICIPANT_COOKIE, token, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: deps.config.baseUrl.startsWith('https://'),
          maxAge: participation.SESSION_MAX_AGE,
        });
        return next ?? '/ideas/new';
      },
      flash: 'participate.flash.verified',
      rerender: (errors) => <CodePage next={next} pending={String(pending ?? '')} errors={errors} />,
    });
  });

  app.get('/ideas/:id', open, async (req, reply) => {
    const participant = await participantOf(req);
    const d = await ideas.publicIdea(deps, idParam(req), participant?.id ?? null);
    return sendPage(req, reply, <IdeaPage d={d} participant={participant} agencies={await agencyMap()} />);
  });
  app.post('/ideas/:id/support', open, async (req, reply) => {
    const id = idParam(req);
    const p = await participantOf(req);
    await ideas.supportIdea(deps, req.ctx, p?.id ?? null, id);
    setFlash(req, reply, 'participate.flash.idea_supported');
    return reply.redirect(`/${req.lang}/ideas/${id}`, 303);
  });

  // ---- The console ----
  app.get('/console/ideas', staff, async (req, reply) => {
    return sendPage(req, reply, await listPage(req));
  });
  const listPage = async (req: FastifyRequest, values?: Values, errors?: Parameters<typeof ConsoleIdeasPage>[0]['errors']) => {
    const q = queryFilters(req, ['moderation', 'page'] as const);
    const list = await ideas.consoleIdeas(deps, req.ctx, { moderation: oneOf(ideaModerations, q.moderation) }, pageParam(req));
    return <ConsoleIdeasPage list={list} agencies={await agencyMap()} query={q} values={values} errors={errors} />;
  };
  app.post('/console/ideas/rule', { config: { access: { roles: ['program_admin'] } } }, async (req, reply) => {
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        await setIdeaRule(deps, req.ctx, values);
        return '/console/ideas';
      },
      flash: 'participate.flash.saved',
      rerender: (errors) => listPage(req, values, errors),
    });
  });
  const detail = async (
    req: FastifyRequest,
    values?: Values,
    errors?: Parameters<typeof ConsoleIdeaPage>[0]['errors'],
    form?: 'moderate' | 'answer' | 'initiatives',
  ) => (
    <ConsoleIdeaPage
      d={await ideas.consoleIdea(deps, req.ctx, idParam(req))}
      agencies={await agencyMap()}
      values={values}
      errors={errors}
      form={form}
    />
  );
  app.get('/console/ideas/:id', staff, async (req, reply) => sendPage(req, reply, await detail(req)));
  const step = (
    path: 'moderate' | 'answer' | 'initiatives',
    run: (...a: Parameters<typeof ideas.linkIdeaInitiatives>) => Promise<unknown>,
  ) =>
    app.post(`/console/ideas/:id/${path}`, staff, async (req, reply) => {
      const id = idParam(req);
      const values = formValues(req.body);
      return handleForm(req, reply, {
        action: async () => {
          await run(deps, req.ctx, id, values);
          return `/console/ideas/${id}`;
        },
        flash: 'participate.flash.saved',
        rerender: (errors) => detail(req, values, errors, path),
      });
    });
  step('moderate', ideas.moderateIdea);
  step('answer', ideas.answerIdea);
  step('initiatives', ideas.linkIdeaInitiatives);
}
