import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorAgencyIds } from '../../platform/auth/actor.ts';
import type { Role } from '../../platform/authz/roles.ts';
import { type FieldError, NotFoundError } from '../../platform/http/errors.ts';
import { handleForm, idParam } from '../../platform/http/pages.ts';
import { formValues } from '../../platform/http/validation.ts';
import { dayStart, isoDay, localDayNumber } from '../../platform/i18n/dates.ts';
import { langs } from '../../platform/i18n/i18n.ts';
import { sendPage } from '../../platform/views/render.tsx';
import { findServiceByIdentifier, listServices } from '../catalog/public.ts';
import { allAgencies } from '../identity/public.ts';
import { announcementStatus } from '../notify/public.ts';
import { AVAILABILITY_ROLES, availabilityPolicy, MANAGER_ROLES } from './availability.policy.ts';
import * as repo from './availability.repo.ts';
import { readPeriod } from './availability.schema.ts';
import { incidentsAtom } from './feed.ts';
import * as svc from './probes.service.ts';
import * as status from './status.service.ts';
import { IncidentPage, IncidentsPage, NewProbePage, ProbePage, ProbesPage } from './views/console.views.tsx';
import { AgencyStatusPage, type Named, NationalStatusPage, type PeriodFigures, ServiceStatusPage } from './views/status.views.tsx';

// The public status pages (national, agency, service) and the console's probes and incidents.

type Values = Record<string, unknown>;
const access = (roles: readonly Role[]) => ({ config: { access: { roles } } });
const open = { config: { access: 'public' as const } };
const DAY = 86_400_000;

/** Names of services by id, for tables (one query per distinct agency at most). */
async function serviceNames(deps: FastifyInstance['deps'], agencyIds?: number[]): Promise<Map<number, Named>> {
  const rows = await listServices(deps.db, { agencyIds }, 10_000, 0);
  return new Map(rows.map((s) => [s.id, { id: s.id, identifier: s.identifier, name_ar: s.name_ar, name_en: s.name_en }]));
}

export async function availabilityPages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const tz = () => deps.config.timeZone;

  app.get('/status', open, async (req, reply) => {
    const d = await status.nationalStatus(deps, new Date());
    return sendPage(req, reply, <NationalStatusPage {...d} />);
  });

  app.get('/status/agencies/:code', open, async (req, reply) => {
    const code = (req.params as { code: string }).code;
    const agency = (await allAgencies(deps)).find((a) => a.code === code);
    if (!agency) throw new NotFoundError();
    const now = new Date();
    const dates = status.historyDates(now, tz());
    const [byService, incidents, maintenance, probes, services] = await Promise.all([
      status.historyBy(deps, 'service', dates, { agencyId: agency.id }),
      status.incidentsIn(deps, now, { agencyId: agency.id }),
      status.maintenanceAhead(deps, now, { agencyId: agency.id }),
      repo.listProbes(deps.db, { agencyId: agency.id }),
      serviceNames(deps, [agency.id]),
    ]);
    const openServices = new Set(incidents.filter((i) => i.status === 'open').map((i) => i.service_id));
    const rows = [...new Set(probes.map((p) => p.service_id))].flatMap((sid) => {
      const service = services.get(sid);
      if (!service) return [];
      const mine = probes.filter((p) => p.service_id === sid);
      const days = byService.days(sid);
      return [
        {
          service,
          days,
          uptime: status.uptimeOfDays(days),
          open: openServices.has(sid),
          ok: mine.every((p) => p.last_ok === null) ? null : mine.every((p) => p.last_ok !== 0) ? 1 : 0,
        },
      ];
    });
    const all = byService.days('all');
    return sendPage(
      req,
      reply,
      <AgencyStatusPage
        agency={agency}
        rows={rows}
        {...{ uptime: status.uptimeOfDays(all), incidents, services, maintenance, notices: await status.noticesOf(deps.db, incidents) }}
      />,
    );
  });

  app.get('/status/services/:identifier', open, async (req, reply) => {
    const row = await findServiceByIdentifier(deps.db, (req.params as { identifier: string }).identifier);
    if (!row?.published_json) throw new NotFoundError();
    const agency = (await allAgencies(deps)).find((a) => a.id === row.agency_id);
    if (!agency) throw new NotFoundError();
    const now = new Date();
    const to = now.toISOString();
    const since = (days: number) => new Date(now.getTime() - days * DAY).toISOString();
    const f = { serviceId: row.id };
    const [byService, incidents, maintenance, probes, day, month, quarter, latDay, latMonth] = await Promise.all([
      status.historyBy(deps, 'service', status.historyDates(now, tz()), f),
      status.incidentsIn(deps, now, f),
      status.maintenanceAhead(deps, now, { agencyId: row.agency_id, serviceId: row.id }),
      repo.listProbes(deps.db, { serviceId: row.id }),
      status.uptimeBetween(deps, { ...f, from: since(1), to }),
      status.uptimeBetween(deps, { ...f, from: since(30), to }),
      status.uptimeBetween(deps, { ...f, from: since(90), to }),
      status.latencyBetween(deps, row.id, since(1), to),
      status.latencyBetween(deps, row.id, since(30), to),
    ]);
    const openProbes = new Set(incidents.filter((i) => i.status === 'open').map((i) => i.probe_id));
    const last = await Promise.all(probes.map((p) => repo.recentResults(deps.db, p.id, 1)));
    // A period of the reader's choice (?from=&to=, local days): figures, or field errors and a 400.
    const choice = readPeriod(req.query, isoDay(localDayNumber(tz(), now.getTime())));
    let chosen: PeriodFigures | undefined;
    if (choice?.period) {
      const range = { from: dayStart(choice.period.from, tz()), to: dayStart(choice.period.to, tz(), 1) };
      const [uptime, latency] = await Promise.all([
        status.uptimeBetween(deps, { ...f, ...range }),
        status.latencyBetween(deps, row.id, range.from, range.to),
      ]);
      chosen = { ...choice.period, uptime, latency };
    }
    return sendPage(
      req,
      reply,
      <ServiceStatusPage
        service={{ id: row.id, identifier: row.identifier, name_ar: row.name_ar, name_en: row.name_en }}
        agency={agency}
        probes={probes.map((p, i) => ({
          id: p.id,
          channel: p.channel,
          ok: p.last_ok,
          open: openProbes.has(p.id),
          error: last[i]?.[0]?.error ?? null,
        }))}
        days={byService.days(row.id)}
        uptime={{ day, month, quarter }}
        latency={{ day: latDay, month: latMonth }}
        incidents={incidents}
        notices={await status.noticesOf(deps.db, incidents)}
        maintenance={maintenance}
        period={{ raw: choice?.raw ?? { from: '', to: '' }, errors: choice?.errors ?? [], figures: chosen }}
      />,
      choice?.errors.length ? 400 : 200,
    );
  });

  // The console.
  const staff = access(AVAILABILITY_ROLES);
  const managers = access(MANAGER_ROLES);
  const scopeNames = (req: FastifyRequest) => serviceNames(deps, availabilityPolicy.scope(req.actor));

  app.get('/console/availability', staff, async (req, reply) => {
    const [probes, incidents, services] = await Promise.all([
      svc.probesForStaff(deps, req.ctx),
      svc.incidentsForStaff(deps, req.ctx, 'open'),
      scopeNames(req),
    ]);
    return sendPage(
      req,
      reply,
      <ProbesPage
        probes={probes}
        services={services}
        open={new Set(incidents.map((i) => i.probe_id))}
        openCount={incidents.length}
        canCreate={req.actor.kind === 'user' && req.actor.memberships.some((m) => MANAGER_ROLES.includes(m.role))}
      />,
    );
  });

  const manageable = async (req: FastifyRequest) => {
    const all = availabilityPolicy.manage(req.actor, -1);
    const rows = await listServices(deps.db, { agencyIds: all ? undefined : actorAgencyIds(req.actor), state: 'published' }, 2000, 0);
    return rows.filter((s) => availabilityPolicy.manage(req.actor, s.agency_id));
  };
  const newForm = async (req: FastifyRequest, values: Values, errors?: FieldError[]) => (
    <NewProbePage services={await manageable(req)} values={values} errors={errors} />
  );
  app.get('/console/availability/probes/new', managers, async (req, reply) =>
    sendPage(
      req,
      reply,
      await newForm(req, { interval_seconds: 300, timeout_ms: 10_000, expect_status: 200, fail_threshold: 3, recover_threshold: 2 }),
    ),
  );
  app.post('/console/availability/probes/new', managers, async (req, reply) => {
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => `/console/availability/probes/${(await svc.createProbe(deps, req.ctx, values)).id}`,
      flash: 'availability.flash.created',
      rerender: (errors) => newForm(req, values, errors),
    });
  });

  const probePage = async (req: FastifyRequest, values?: Values, errors?: FieldError[]) => {
    const d = await svc.probeForStaff(deps, req.ctx, idParam(req));
    const p = d.probe;
    return (
      <ProbePage
        probe={p}
        service={d.service}
        results={d.results}
        canManage={d.canManage}
        values={values ?? { ...p, url: p.url, expect_text: p.expect_text ?? '' }}
        errors={errors}
      />
    );
  };
  app.get('/console/availability/probes/:id', staff, async (req, reply) => sendPage(req, reply, await probePage(req)));
  app.post('/console/availability/probes/:id', managers, async (req, reply) => {
    const values = formValues(req.body);
    const id = idParam(req);
    return handleForm(req, reply, {
      action: async () => {
        await svc.updateProbe(deps, req.ctx, id, values);
        return `/console/availability/probes/${id}`;
      },
      flash: 'availability.flash.saved',
      rerender: (errors) => probePage(req, values, errors),
    });
  });
  for (const [action, paused] of [
    ['pause', true],
    ['resume', false],
  ] as const) {
    app.post(`/console/availability/probes/:id/${action}`, managers, async (req, reply) => {
      const id = idParam(req);
      return handleForm(req, reply, {
        action: async () => {
          await svc.setPaused(deps, req.ctx, id, paused);
          return `/console/availability/probes/${id}`;
        },
        flash: paused ? 'availability.flash.paused' : 'availability.flash.resumed',
        rerender: () => probePage(req),
      });
    });
  }

  app.get('/console/availability/incidents', staff, async (req, reply) => {
    const [incidents, services] = await Promise.all([svc.incidentsForStaff(deps, req.ctx), scopeNames(req)]);
    incidents.sort((a, b) => (a.status === b.status ? 0 : a.status === 'open' ? -1 : 1));
    return sendPage(req, reply, <IncidentsPage incidents={incidents} services={services} />);
  });
  app.get('/console/availability/incidents/:id', staff, async (req, reply) => {
    const d = await svc.incidentForStaff(deps, req.ctx, idParam(req));
    const statusOf = (id: number | null) => (id ? announcementStatus(deps.db, id) : undefined);
    const [announcement, restored] = await Promise.all([
      statusOf(d.incident.announcement_id),
      statusOf(d.incident.restored_announcement_id),
    ]);
    return sendPage(
      req,
      reply,
      <IncidentPage
        incident={d.incident}
        service={d.service}
        url={d.probe?.url}
        events={d.events}
        announcement={announcement}
        restored={restored}
      />,
    );
  });
}

/** The Atom feed of incidents, in each language. */
export async function feedRoutes(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  for (const lang of langs) {
    app.get(
      `/feeds/${lang}/status/incidents.atom`,
      { config: { access: 'public' as const }, schema: { hide: true } },
      async (_req, reply) => {
        const [incidents, services] = await Promise.all([status.incidentsIn(deps, new Date()), serviceNames(deps)]);
        return reply
          .type('application/atom+xml; charset=utf-8')
          .send(incidentsAtom({ lang, baseUrl: deps.config.baseUrl, timeZone: deps.config.timeZone, incidents, services }));
      },
    );
  }
}
