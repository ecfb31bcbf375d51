import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/auth/actor.ts';
import { passes } from '../../platform/http/access.ts';
import { idParam, langPath } from '../../platform/http/pages.ts';
import { sendPage } from '../../platform/views/render.tsx';
import { REPORT_ROLES, reportsPolicy } from './reports.policy.ts';
import { dashboard, keepLinks, periodOf, readForm, scorecard } from './reports.service.ts';
import { DashboardPage, ScorecardPage } from './views/reports.views.tsx';

/**
 * Whether a viewer may open a page: a GET route matches the path and its declared access lets the
 * viewer in (record-level checks are the providers': they link only to what their policy allows).
 */
function linkChecker(app: FastifyInstance) {
  let routes: { re: RegExp; access: NonNullable<FastifyInstance['routeInventory'][number]['access']> }[] | undefined;
  return (actor: Actor) => (href: string) => {
    routes ??= app.routeInventory
      .filter((r) => r.method === 'GET' && r.access !== undefined)
      .map((r) => ({
        re: new RegExp(
          `^${(r.url.replace(/^\/(ar|en)(?=\/|$)/, '') || '/').replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z_]+/g, '[^/]+')}$`,
        ),
        access: r.access as NonNullable<typeof r.access>,
      }));
    const path = href.split(/[?#]/)[0] as string;
    const route = routes.find((r) => r.re.test(path));
    return route !== undefined && passes(route.access, actor);
  };
}

export async function reportsPages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const access = { config: { access: { roles: REPORT_ROLES } } };
  const links = linkChecker(app);
  const formOf = (req: FastifyRequest) => readForm(deps, req.query as Record<string, unknown>);

  app.get('/console/reports', access, async (req, reply) => {
    // An agency administrator's reports are their agency's scorecard.
    if (!reportsPolicy.national(req.actor)) {
      const own = reportsPolicy.ownAgency(req.actor);
      if (own !== undefined) return reply.redirect(langPath(req, `/console/reports/agencies/${own}`), 303);
    }
    const form = formOf(req);
    const period = periodOf(deps, form);
    const d = await dashboard(deps, req.ctx, { ...period, agencyId: form.agency ?? undefined, trackId: form.track ?? undefined });
    return sendPage(req, reply, <DashboardPage form={form} period={period} {...d} panels={keepLinks(d.panels, links(req.actor))} />);
  });

  app.get('/console/reports/agencies/:id', access, async (req, reply) => {
    const form = formOf(req);
    const period = periodOf(deps, form);
    const d = await scorecard(deps, req.ctx, idParam(req), { ...period, trackId: form.track ?? undefined });
    return sendPage(req, reply, <ScorecardPage form={form} period={period} {...d} panels={keepLinks(d.panels, links(req.actor))} />);
  });
}
