import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Access } from '../../platform/http/access.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { handleForm, idParam, pageParam, queryFilters } from '../../platform/http/pages.ts';
import { formValues } from '../../platform/http/validation.ts';
import { sendPage } from '../../platform/views/render.tsx';
import { servicePageCache } from '../catalog/public.ts';
import { allAgencies } from '../identity/public.ts';
import { CASE_ROLES, feedbackPolicy } from './feedback.policy.ts';
import { caseScope } from './inbox.service.ts';
import { serviceNames } from './metrics.export.ts';
import { hideComment, unhideComment } from './moderation.service.ts';
import { withFieldNames } from './pages.util.ts';
import { listComments, publishReply, withdrawReply } from './ratings.service.ts';
import { RatingsPage } from './views/ratings.views.tsx';

/** Comments on services: public replies and moderation. */
export async function ratingsPages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const staff = { config: { access: { roles: CASE_ROLES } } };
  const moderators = { config: { access: { roles: ['program_admin', 'agency_admin'] as const } } };

  const list = async (req: FastifyRequest, errors?: FieldError[], errorFor?: number) => {
    const f = queryFilters(req, ['state', 'replied', 'agency'] as const);
    const page = pageParam(req);
    const r = await listComments(
      deps,
      req.ctx,
      {
        state: f.state === 'visible' || f.state === 'hidden' ? f.state : undefined,
        replied: f.replied === 'yes' || f.replied === 'no' ? f.replied : undefined,
        agencyIds: Number(f.agency) > 0 ? [Number(f.agency)] : undefined,
      },
      page,
    );
    const scope = caseScope(req.ctx);
    return (
      <RatingsPage
        items={r.items}
        hasNext={r.hasNext}
        page={page}
        filters={f}
        agencies={(await allAgencies(deps)).filter((a) => !scope || scope.includes(a.id))}
        serviceNames={await serviceNames(deps, req.lang)}
        can={{ moderate: (agencyId) => feedbackPolicy.moderate(req.actor, agencyId) }}
        errors={errors}
        errorFor={errorFor}
      />
    );
  };

  app.get('/console/feedback/ratings', staff, async (req, reply) => sendPage(req, reply, await list(req)));

  /** The public page shows replies and hides moderated comments at once, not after the page cache expires. */
  const changed = <T,>(v: T) => {
    servicePageCache(deps).invalidate();
    return v;
  };

  const post = (
    path: string,
    access: { config: { access: Access } },
    flash: Parameters<typeof handleForm>[2]['flash'],
    run: (req: FastifyRequest, id: number, values: Record<string, unknown>) => Promise<unknown>,
  ) =>
    app.post(`/console/feedback/ratings/:id/${path}`, access, async (req, reply) => {
      const id = idParam(req);
      const values = formValues(req.body);
      return handleForm(req, reply, {
        action: async () => {
          changed(await run(req, id, values));
          return '/console/feedback/ratings';
        },
        flash,
        rerender: (errors) => list(req, errors, id),
      });
    });

  post('reply', staff, 'feedback.flash.reply_published', (req, id, v) =>
    withFieldNames({ body: `reply_${id}` }, () => publishReply(deps, req.ctx, id, { body: v[`reply_${id}`] })),
  );
  post('withdraw', staff, 'feedback.flash.reply_withdrawn', (req, id) => withdrawReply(deps, req.ctx, id));
  post('hide', moderators, 'feedback.flash.hidden', (req, id, v) =>
    withFieldNames({ reason: `reason_${id}` }, () => hideComment(deps, req.ctx, id, { reason: v[`reason_${id}`] })),
  );
  post('unhide', moderators, 'feedback.flash.unhidden', (req, id) => unhideComment(deps, req.ctx, id));
}
