import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorAgencyIds, hasRole } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Deps } from '../../platform/deps.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { idQuery, pageParam, queryFilters } from '../../platform/http/pages.ts';
import { dayStart, localDate } from '../../platform/i18n/dates.ts';
import { sendPage } from '../../platform/views/render.tsx';
import * as catalog from '../catalog/public.ts';
import { allAgencies } from '../identity/public.ts';
import { kpis, type Scope } from './feedback.metrics.ts';
import { feedbackPolicy, METRIC_ROLES } from './feedback.policy.ts';
import { byAgency, byService, medianCsatOf, monthlyTrend, servicePage } from './metrics.breakdown.ts';
import { serviceNames } from './metrics.export.ts';
import { MetricsPage } from './views/metrics.views.tsx';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The period and scope from the query string: by default the last twelve months to today
 * (inclusive), the whole country for the program office and the person's own agency otherwise.
 */
export async function metricsScope(deps: Deps, req: FastifyRequest) {
  const q = (req.query ?? {}) as Record<string, unknown>;
  const today = localDate(Date.now(), deps.config.timeZone);
  const [y, m] = today.split('-').map(Number);
  const yearAgo = new Date(Date.UTC(y, m - 12, 1)).toISOString().slice(0, 10);
  const from = typeof q.from === 'string' && DAY.test(q.from) ? q.from : yearAgo;
  const to = typeof q.to === 'string' && DAY.test(q.to) && q.to >= from ? q.to : today;
  const national = hasRole(req.actor, 'program_admin', 'program_reviewer', 'leadership_viewer');
  // One service narrows to its agency, whose metrics the person must be allowed to read.
  const serviceId = idQuery(q.service);
  const service = serviceId ? await catalog.findService(deps.db, serviceId) : undefined;
  if (Number(q.service) > 0 && !service) throw new NotFoundError();
  const asked = service?.agency_id ?? idQuery(q.agency);
  const agencyId = asked ? asked : national ? undefined : actorAgencyIds(req.actor)[0];
  authorize(feedbackPolicy.metrics(req.actor, agencyId), 'metrics of another agency');
  const scope: Scope = {
    from: dayStart(from, deps.config.timeZone),
    to: dayStart(to, deps.config.timeZone, 1),
    agencyId,
    serviceId: service?.id,
  };
  const query = new URLSearchParams({
    from,
    to,
    ...(agencyId ? { agency: String(agencyId) } : {}),
    ...(service ? { service: String(service.id) } : {}),
  }).toString();
  const serviceName = service ? (req.lang === 'ar' ? service.name_ar : service.name_en) : undefined;
  return {
    scope,
    filters: { from, to, agency: agencyId ? String(agencyId) : undefined, service: service ? String(service.id) : undefined },
    national,
    query,
    serviceName,
  };
}

/** The customer-experience dashboard (its CSV/XLSX export is in downloads.ts). */
export async function metricsPages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const readers = { config: { access: { roles: METRIC_ROLES } } };

  app.get('/console/feedback/metrics', readers, async (req, reply) => {
    const { scope, filters, national, query, serviceName } = await metricsScope(deps, req);
    const period = { from: scope.from, to: scope.to };
    const agencies = (await allAgencies(deps)).filter((a) => national || feedbackPolicy.metrics(req.actor, a.id));
    // The agencies' rows serve the comparison and the national median alike: read once.
    const agencyRows = await byAgency(deps, period);
    const names = await serviceNames(deps, req.lang);
    const services = scope.serviceId
      ? undefined
      : servicePage(await byService(deps, { ...period, agencyId: scope.agencyId }), names, {
          q: queryFilters(req, ['q']).q,
          page: pageParam(req),
        });
    return sendPage(
      req,
      reply,
      <MetricsPage
        filters={filters}
        kpis={await kpis(deps, scope)}
        trend={await monthlyTrend(deps, scope)}
        byAgency={national && scope.agencyId === undefined ? agencyRows : undefined}
        services={services}
        serviceName={serviceName}
        nationalMedian={medianCsatOf(agencyRows).median}
        agencies={agencies}
        serviceNames={names}
        exportQuery={query}
      />,
    );
  });
}
