import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { MessageKey } from '../../messages.ts';
import { actorAgencyIds } from '../../platform/auth/actor.ts';
import { nowIso } from '../../platform/db/time.ts';
import { setFlash } from '../../platform/http/context.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { handleForm, idParam } from '../../platform/http/pages.ts';
import { formValues } from '../../platform/http/validation.ts';
import { lastLocalDate, localDate } from '../../platform/i18n/dates.ts';
import { sendPage } from '../../platform/views/render.tsx';
import { allAgencies } from '../identity/public.ts';
import { finaliseBlockers, finaliseRound, publishRound } from './finalise.service.ts';
import { listFrameworks } from './frameworks.service.ts';
import { MEASURE_ROLES, measurePolicy } from './measure.policy.ts';
import { listAnswers } from './repo/answers.repo.ts';
import * as rounds from './rounds.service.ts';
import { RoundPage } from './views/round.views.tsx';
import { MeasureHomePage, RoundFormPage } from './views/rounds.views.tsx';

export async function roundPages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const everyone = { config: { access: { roles: MEASURE_ROLES } } };
  const admin = { config: { access: { roles: ['program_admin'] as const } } };
  const tz = deps.config.timeZone;

  app.get('/console/measure', everyone, async (req, reply) =>
    sendPage(
      req,
      reply,
      <MeasureHomePage
        rounds={await rounds.listRounds(deps, req.ctx)}
        canAdminister={measurePolicy.administer(req.actor)}
        canOversee={measurePolicy.oversee(req.actor)}
      />,
    ),
  );

  const form = async (
    req: FastifyRequest,
    mode: 'new' | 'edit',
    values: Record<string, unknown>,
    errors?: FieldError[],
    round?: rounds.RoundRow,
  ) => (
    <RoundFormPage
      mode={mode}
      round={round}
      values={values}
      errors={errors}
      frameworks={(await listFrameworks(deps, req.ctx)).filter((f) => f.status === 'published')}
      agencies={(await allAgencies(deps)).filter(
        (a) => a.status === 'active' || ([] as unknown[]).concat(values.agency_ids ?? []).includes(String(a.id)),
      )}
    />
  );

  app.get('/console/measure/rounds/new', admin, async (req, reply) => {
    const today = localDate(nowIso(), tz);
    const in30 = localDate(Date.now() + 30 * 86_400_000, tz);
    return sendPage(req, reply, await form(req, 'new', { opens_on: today, closes_on: in30, reminder_days: '7, 1', scope: 'all' }));
  });

  app.post('/console/measure/rounds/new', admin, async (req, reply) => {
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => `/console/measure/rounds/${(await rounds.createRound(deps, req.ctx, values)).id}`,
      flash: 'measure.flash.round_created',
      rerender: (errors) => form(req, 'new', values, errors),
    });
  });

  app.get('/console/measure/rounds/:id', everyone, async (req, reply) => {
    const bundle = await rounds.getRound(deps, req.ctx, idParam(req));
    const { round } = bundle;
    const mineIds = actorAgencyIds(req.actor);
    const mine = bundle.participants.filter((p) => mineIds.includes(p.agency_id) && measurePolicy.readAnswers(req.actor, p.agency_id));
    const answered = new Map<number, number>();
    for (const p of mine) {
      const rows = await listAnswers(deps.db, round.id, p.agency_id);
      answered.set(p.agency_id, rows.filter((r) => r.value_json !== null || r.na === 1).length);
    }
    const oversee = measurePolicy.oversee(req.actor);
    const blocker = measurePolicy.administer(req.actor) && round.status === 'open' ? await finaliseBlockers(deps, round.id) : null;
    return sendPage(
      req,
      reply,
      <RoundPage
        bundle={bundle}
        progress={oversee ? await rounds.progress(deps, req.ctx, round.id) : undefined}
        mine={mine}
        answered={answered}
        can={{
          administer: measurePolicy.administer(req.actor),
          oversee,
          results: round.status !== 'draft' && measurePolicy.readResults(req.actor, round.status),
          submitFor: mine.filter((p) => measurePolicy.submit(req.actor, p.agency_id)).map((p) => p.agency_id),
        }}
        blocker={blocker}
        beforeClose={round.closes_at > nowIso()}
      />,
    );
  });

  const editValues = async (req: FastifyRequest) => {
    const bundle = await rounds.getRound(deps, req.ctx, idParam(req));
    const r = bundle.round;
    return {
      bundle,
      values: {
        code: r.code,
        name_ar: r.name_ar,
        name_en: r.name_en,
        framework_id: r.framework_id,
        period_from: r.period_from,
        period_to: r.period_to,
        opens_on: localDate(r.opens_at, tz),
        closes_on: lastLocalDate(r.closes_at, tz),
        reminder_days: r.reminder_days.split(',').join(', '),
        scope: 'selected',
        agency_ids: bundle.participants.map((p) => String(p.agency_id)),
      } as Record<string, unknown>,
    };
  };

  app.get('/console/measure/rounds/:id/edit', admin, async (req, reply) => {
    const { bundle, values } = await editValues(req);
    return sendPage(req, reply, await form(req, 'edit', values, undefined, bundle.round));
  });

  app.post('/console/measure/rounds/:id/edit', admin, async (req, reply) => {
    const { bundle } = await editValues(req);
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        await rounds.updateRound(deps, req.ctx, bundle.round.id, values);
        return `/console/measure/rounds/${bundle.round.id}`;
      },
      flash: 'measure.flash.saved',
      rerender: (errors) => form(req, 'edit', values, errors, bundle.round),
    });
  });

  // A refused step (wrong state, still open, answers not reviewed) is an error page that says why.
  const step = (path: string, run: (id: number, req: FastifyRequest) => Promise<unknown>, flash: MessageKey) =>
    app.post(`/console/measure/rounds/:id/${path}`, admin, async (req, reply) => {
      const id = idParam(req);
      await run(id, req);
      setFlash(req, reply, flash);
      return reply.redirect(`/${req.lang}/console/measure/rounds/${id}`, 303);
    });
  step('open', (id, req) => rounds.openRound(deps, req.ctx, id), 'measure.flash.round_opened');
  step('close', (id, req) => rounds.closeNow(deps, req.ctx, id), 'measure.flash.round_closed');
  step('finalise', (id, req) => finaliseRound(deps, req.ctx, id), 'measure.flash.round_finalised');
  step('publish', (id, req) => publishRound(deps, req.ctx, id), 'measure.flash.round_published');
}
