import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorAgencyIds, hasRole } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Role } from '../../platform/authz/roles.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { handleForm, idParam, pageParam, queryFilters } from '../../platform/http/pages.ts';
import { formValues } from '../../platform/http/validation.ts';
import { isoToLocal, localToIso } from '../../platform/i18n/dates.ts';
import { isLang } from '../../platform/i18n/i18n.ts';
import { sendPage } from '../../platform/views/render.tsx';
import * as catalog from '../catalog/public.ts';
import { allAgencies } from '../identity/public.ts';
import type { AnnouncementFilter } from './announcements.repo.ts';
import * as ann from './announcements.service.ts';
import { audienceOf } from './audience.ts';
import { setLogo } from './branding.ts';
import { dashboardData } from './dashboard.ts';
import { saveDigestSettings } from './digests.ts';
import { notifyPolicy } from './notify.policy.ts';
import { type AnnouncementKind, type AnnouncementStatus, announcementKinds, announcementStatuses } from './notify.tables.ts';
import { previewAnnouncement } from './preview.ts';
import { deliveryReport } from './report.ts';
import { AnnouncementFormPage, ChooseAgencyPage, PreviewPage } from './views/announcement.views.tsx';
import { AnnouncementsListPage, DashboardPage } from './views/console.views.tsx';
import { AnnouncementDetailPage } from './views/detail.views.tsx';

export const NOTIFY_STAFF = ['program_admin', 'program_reviewer', 'leadership_viewer', 'agency_admin', 'agency_editor'] as const;
const WRITERS = ['program_admin', 'agency_admin', 'agency_editor'] as const;
const APPROVERS = ['program_admin', 'agency_admin'] as const;

/** The form's values as the service expects them: numbers, lists, and local times turned into instants. */
export function formToInput(v: Record<string, unknown>, timeZone: string) {
  const ids = Array.isArray(v.service_ids) ? v.service_ids : v.service_ids === undefined ? [] : [v.service_ids];
  return {
    ...(v.agency_id !== undefined ? { agency_id: Number(v.agency_id) } : {}),
    kind: v.kind,
    title_ar: v.title_ar ?? '',
    title_en: v.title_en ?? '',
    body_ar: v.body_ar ?? '',
    body_en: v.body_en ?? '',
    service_ids: ids.map(Number),
    starts_at: localToIso(v.starts_at as string | undefined, timeZone),
    ends_at: localToIso(v.ends_at as string | undefined, timeZone),
    publish_at: localToIso(v.publish_at as string | undefined, timeZone),
  };
}

/** The console: the notify dashboard (silent launches), announcements and their workflow, previews, reports. */
export async function consolePages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const tz = deps.config.timeZone;
  const staff = { config: { access: { roles: NOTIFY_STAFF } } };
  const writers = { config: { access: { roles: WRITERS } } };
  const approvers = { config: { access: { roles: APPROVERS } } };

  const visibleAgencies = async (req: FastifyRequest) => {
    const all = await allAgencies(deps);
    const scope = ann.visibleAgencies(req.ctx);
    return scope ? all.filter((a) => scope.includes(a.id)) : all;
  };

  app.get('/console/notify', staff, async (req, reply) => {
    const q = queryFilters(req, ['from', 'to', 'agency'] as const);
    return sendPage(req, reply, <DashboardPage {...(await dashboardData(deps, req.ctx, q))} />);
  });

  app.post('/console/notify/settings', { config: { access: { roles: ['program_admin'] as const } } }, async (req, reply) =>
    handleForm(req, reply, {
      action: async () => {
        await saveDigestSettings(deps, req.ctx, formValues(req.body));
        return '/console/notify';
      },
      flash: 'flash.saved',
      rerender: async (errors) => <DashboardPage {...(await dashboardData(deps, req.ctx, {}))} errors={errors} />,
    }),
  );

  app.post('/console/notify/branding/:id', approvers, async (req, reply) => {
    const id = idParam(req);
    return handleForm(req, reply, {
      action: async () => {
        await setLogo(deps, req.ctx, id, (req.body as Record<string, unknown> | undefined)?.logo);
        return `/console/notify?agency=${id}`;
      },
      flash: 'flash.saved',
      rerender: async (errors) => <DashboardPage {...(await dashboardData(deps, req.ctx, { agency: String(id) }))} errors={errors} />,
    });
  });

  app.get('/console/announcements', staff, async (req, reply) => {
    const filters = queryFilters(req, ['status', 'kind', 'agency'] as const);
    const page = pageParam(req);
    const f: AnnouncementFilter = {
      status: announcementStatuses.includes(filters.status as AnnouncementStatus) ? (filters.status as AnnouncementStatus) : undefined,
      kind: announcementKinds.includes(filters.kind as AnnouncementKind) ? (filters.kind as AnnouncementKind) : undefined,
      agencyIds: Number(filters.agency) > 0 ? [Number(filters.agency)] : undefined,
    };
    const r = await ann.listForStaff(deps, req.ctx, f, page);
    return sendPage(
      req,
      reply,
      <AnnouncementsListPage items={r.items} hasNext={r.hasNext} page={page} filters={filters} agencies={await visibleAgencies(req)} />,
    );
  });

  const servicesOf = async (req: FastifyRequest, agencyId: number) =>
    (await catalog.listForConsole(deps, req.ctx, { agencyIds: [agencyId] }, 1, 500)).items.filter((s) => s.agency_id === agencyId);

  const newForm = async (req: FastifyRequest, values: Record<string, unknown>, errors?: FieldError[]) => {
    const agencies = (await visibleAgencies(req)).filter((a) => notifyPolicy.draft(req.actor, a.id));
    const agencyId = Number(values.agency_id) || agencies[0]?.id;
    return (
      <AnnouncementFormPage
        mode="new"
        action="/console/announcements/new"
        agencies={agencies}
        services={agencyId ? await servicesOf(req, agencyId) : []}
        values={{ ...values, agency_id: agencyId }}
        errors={errors}
      />
    );
  };

  app.get('/console/announcements/new', writers, async (req, reply) => {
    const q = queryFilters(req, ['agency', 'service', 'kind'] as const);
    const mine = hasRole(req.actor, 'program_admin')
      ? await allAgencies(deps)
      : (await allAgencies(deps)).filter((a) => actorAgencyIds(req.actor).includes(a.id));
    const writable = mine.filter((a) => notifyPolicy.draft(req.actor, a.id));
    authorize(writable.length > 0);
    const agencyId = Number(q.agency) || (writable.length === 1 ? writable[0].id : 0);
    if (!agencyId) return sendPage(req, reply, <ChooseAgencyPage agencies={writable} />);
    authorize(notifyPolicy.draft(req.actor, agencyId));
    return sendPage(
      req,
      reply,
      await newForm(req, { agency_id: agencyId, kind: q.kind ?? 'news', service_ids: q.service ? [q.service] : [] }),
    );
  });

  app.post('/console/announcements/new', writers, async (req, reply) => {
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => `/console/announcements/${(await ann.createAnnouncement(deps, req.ctx, formToInput(values, tz))).id}`,
      flash: 'notify.flash.draft_saved',
      rerender: (errors) => newForm(req, values, errors),
    });
  });

  const detail = async (req: FastifyRequest, errors?: FieldError[]) => {
    const r = await ann.getForStaff(deps, req.ctx, idParam(req));
    const a = r.announcement;
    const report = a.status === 'published' ? await deliveryReport(deps, req.ctx, a.id) : null;
    // Before publication, who it would reach now (per language and channel), for the approver to see.
    const audience =
      a.status === 'published'
        ? null
        : await audienceOf(
            deps.db,
            a,
            r.services.map((s) => s.id),
          );
    const can = { draft: notifyPolicy.draft(req.actor, a.agency_id), approve: notifyPolicy.approve(req.actor, a.agency_id) };
    return (
      <AnnouncementDetailPage a={a} agency={r.agency} services={r.services} can={can} report={report} audience={audience} errors={errors} />
    );
  };
  app.get('/console/announcements/:id', staff, async (req, reply) => sendPage(req, reply, await detail(req)));

  const editForm = async (req: FastifyRequest, values?: Record<string, unknown>, errors?: FieldError[]) => {
    const r = await ann.getForStaff(deps, req.ctx, idParam(req));
    const a = r.announcement;
    authorize(notifyPolicy.draft(req.actor, a.agency_id));
    const v = values ?? {
      kind: a.kind,
      title_ar: a.title_ar,
      title_en: a.title_en,
      body_ar: a.body_ar,
      body_en: a.body_en,
      starts_at: isoToLocal(a.starts_at, tz),
      ends_at: isoToLocal(a.ends_at, tz),
      publish_at: isoToLocal(a.publish_at, tz),
      service_ids: r.services.map((s) => String(s.id)),
    };
    return (
      <AnnouncementFormPage
        mode="edit"
        action={`/console/announcements/${a.id}/edit`}
        agencies={[]}
        services={await servicesOf(req, a.agency_id)}
        values={v}
        errors={errors}
      />
    );
  };
  app.get('/console/announcements/:id/edit', writers, async (req, reply) => sendPage(req, reply, await editForm(req)));
  app.post('/console/announcements/:id/edit', writers, async (req, reply) => {
    const id = idParam(req);
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        const { agency_id: _ignored, ...input } = formToInput(values, tz);
        await ann.updateAnnouncement(deps, req.ctx, id, input);
        return `/console/announcements/${id}`;
      },
      flash: 'notify.flash.draft_saved',
      rerender: (errors) => editForm(req, values, errors),
    });
  });

  const step = (
    path: string,
    access: { config: { access: { roles: readonly Role[] } } },
    run: (req: FastifyRequest, id: number, v: Record<string, unknown>) => Promise<unknown>,
    flash: Parameters<typeof handleForm>[2]['flash'],
    after?: (id: number) => string,
  ) =>
    app.post(`/console/announcements/:id/${path}`, access, async (req, reply) => {
      const id = idParam(req);
      const values = formValues(req.body);
      return handleForm(req, reply, {
        action: async () => {
          await run(req, id, values);
          return after ? after(id) : `/console/announcements/${id}`;
        },
        flash,
        rerender: (errors) => detail(req, errors),
      });
    });

  step('submit', writers, (req, id) => ann.submitAnnouncement(deps, req.ctx, id), 'notify.flash.submitted');
  step(
    'approve',
    approvers,
    (req, id, v) => ann.approveAnnouncement(deps, req.ctx, id, { publish_at: localToIso(v.publish_at as string | undefined, tz) }),
    'notify.flash.approved',
  );
  step(
    'return',
    approvers,
    (req, id, v) => ann.returnAnnouncement(deps, req.ctx, id, v.note as string | undefined),
    'notify.flash.returned',
  );
  step('unschedule', approvers, (req, id) => ann.unscheduleAnnouncement(deps, req.ctx, id), 'notify.flash.unscheduled');
  step(
    'discard',
    writers,
    (req, id) => ann.discardAnnouncement(deps, req.ctx, id),
    'notify.flash.discarded',
    () => '/console/announcements',
  );

  app.get('/console/announcements/:id/preview', staff, async (req, reply) => {
    const id = idParam(req);
    const [ar, en] = [await previewAnnouncement(deps, req.ctx, id, 'ar'), await previewAnnouncement(deps, req.ctx, id, 'en')];
    return sendPage(
      req,
      reply,
      <PreviewPage
        id={id}
        title={req.lang === 'ar' ? ar.title : en.title}
        subjects={{ ar: ar.email.subject ?? '', en: en.email.subject ?? '' }}
        sms={{ ar: ar.sms, en: en.sms }}
      />,
    );
  });

  // The email's own HTML for the preview frame: sandboxed (no script, no same-origin access), framable by our pages only.
  app.get(
    '/console/announcements/:id/preview/:lang',
    {
      ...staff,
      onSend: async (_req, reply) => {
        reply.header('x-frame-options', 'SAMEORIGIN');
        reply.header(
          'content-security-policy',
          "sandbox; default-src 'none'; img-src 'self' data: https: http:; style-src 'unsafe-inline'; frame-ancestors 'self'",
        );
      },
    },
    async (req, reply) => {
      const lang = (req.params as { lang: string }).lang;
      if (!isLang(lang)) throw new AppError(404, 'error.not_found');
      const p = await previewAnnouncement(deps, req.ctx, idParam(req), lang);
      return reply
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(p.email.html ?? '');
    },
  );
}
