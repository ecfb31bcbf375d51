import type { FastifyInstance } from 'fastify';
import { handleForm, idParam, pageParam, queryFilters } from '../../platform/http/pages.ts';
import { sendPage } from '../../platform/views/render.tsx';
import { consoleDashboard } from './console.extensions.ts';
import * as consoleService from './console.service.ts';
import { AuditPage, DashboardPage, JobsPage, MessagePage, OutboxPage } from './views/console.views.tsx';

const isoDay = (v: string | undefined, plusDays = 0) => {
  if (!v || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return undefined;
  const d = new Date(`${v}T00:00:00.000Z`);
  if (Number.isNaN(d.getTime())) return undefined;
  return new Date(d.getTime() + plusDays * 86_400_000).toISOString();
};

export async function consolePages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const ops = { config: { access: { roles: ['program_admin'] as const } } };

  app.get('/console', { config: { access: 'signed-in' } }, async (req, reply) =>
    sendPage(
      req,
      reply,
      <DashboardPage
        counts={await consoleService.overview(deps, req.ctx)}
        cards={await deps.extensions.render(consoleDashboard, deps, {}, req.ctx)}
      />,
    ),
  );

  app.get('/console/audit', { config: { access: { roles: ['program_admin', 'agency_admin'] as const } } }, async (req, reply) => {
    const filters = queryFilters(req, ['actor', 'action', 'record_type', 'record_id', 'agency', 'from', 'to', 'before'] as const);
    const before = Number(filters.before);
    const agency = Number(filters.agency);
    const r = await consoleService.listAudit(deps, req.ctx, {
      ...filters,
      agency: agency > 0 ? agency : undefined,
      before: before > 0 ? before : undefined,
      from: isoDay(filters.from),
      to: isoDay(filters.to, 1),
    });
    return sendPage(req, reply, <AuditPage items={r.items} nextBefore={r.nextBefore} filters={filters} />);
  });

  app.get('/console/outbox', ops, async (req, reply) => {
    const filters = queryFilters(req, ['status', 'channel', 'to', 'source'] as const);
    const page = pageParam(req);
    const r = await consoleService.listMessages(deps, req.ctx, filters, page);
    return sendPage(
      req,
      reply,
      <OutboxPage items={r.items} hasNext={r.hasNext} page={page} filters={filters} local={!deps.config.smtpUrl} />,
    );
  });

  app.get('/console/outbox/:id', ops, async (req, reply) =>
    sendPage(req, reply, <MessagePage m={await consoleService.getMessage(deps, req.ctx, idParam(req))} />),
  );

  // The email's own HTML, isolated: no scripts, no same-origin access.
  app.get('/console/outbox/:id/html', ops, async (req, reply) => {
    const m = await consoleService.getMessage(deps, req.ctx, idParam(req));
    return reply
      .header('content-security-policy', "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'")
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(m.html_body ?? '');
  });

  app.post('/console/outbox/:id/retry', ops, async (req, reply) => {
    const id = idParam(req);
    return handleForm(req, reply, {
      action: async () => {
        await consoleService.retryMessage(deps, req.ctx, id);
        return `/console/outbox/${id}`;
      },
      flash: 'flash.requeued',
      rerender: async () => <MessagePage m={await consoleService.getMessage(deps, req.ctx, id)} />,
    });
  });

  app.get('/console/jobs', ops, async (req, reply) => {
    const { status } = queryFilters(req, ['status'] as const);
    const page = pageParam(req);
    const r = await consoleService.listJobs(deps, req.ctx, status, page);
    return sendPage(req, reply, <JobsPage items={r.items} hasNext={r.hasNext} page={page} status={status} />);
  });

  app.post('/console/jobs/:id/retry', ops, async (req, reply) =>
    handleForm(req, reply, {
      action: async () => {
        await consoleService.retryJob(deps, req.ctx, idParam(req));
        return '/console/jobs?status=parked';
      },
      flash: 'flash.requeued',
      rerender: async () => {
        const r = await consoleService.listJobs(deps, req.ctx, 'parked');
        return <JobsPage items={r.items} hasNext={r.hasNext} page={1} status="parked" />;
      },
    }),
  );
}
