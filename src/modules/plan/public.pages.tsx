import type { FastifyInstance } from 'fastify';
import { idParam } from '../../platform/http/pages.ts';
import { sendPage } from '../../platform/views/render.tsx';
import { publicInitiative, publicPlan, publishedPlans } from './followup.service.ts';
import { PublicInitiativePage, PublicPlanPage, PublicPlansPage, RatingsPage } from './views/public.views.tsx';

/** What anyone may read: published plans and initiatives, their progress and history, and the rating definitions. */
export async function publicPlanPages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const open = { config: { access: 'public' as const } };
  app.get('/plans', open, async (req, reply) => sendPage(req, reply, <PublicPlansPage plans={await publishedPlans(deps)} />));
  app.get('/plans/ratings', open, async (req, reply) => sendPage(req, reply, <RatingsPage />));
  app.get('/plans/:id', open, async (req, reply) => sendPage(req, reply, <PublicPlanPage f={await publicPlan(deps, idParam(req))} />));
  app.get('/plans/initiatives/:id', open, async (req, reply) =>
    sendPage(req, reply, <PublicInitiativePage d={await publicInitiative(deps, idParam(req))} />),
  );
}
