import type { FastifyInstance } from 'fastify';
import { idParam, pageParam, queryFilters } from '../../platform/http/pages.ts';
import { fill } from '../../platform/views/extensions.ts';
import { sendPage } from '../../platform/views/render.tsx';
import { servicePageExtensions } from '../catalog/public.ts';
import { allAgencies } from '../identity/public.ts';
import { listAnnouncements } from './announcements.repo.ts';
import { getPublic } from './announcements.service.ts';
import { type AnnouncementKind, announcementKinds } from './notify.tables.ts';
import { AnnouncementPage, AnnouncementsPage, ServiceUpdatesBox } from './views/public.views.tsx';

const PER_PAGE = 20;

/** Puts the "get updates about this service" box on catalog's public service page (catalog knows nothing of notify). */
export const serviceUpdatesBox = fill(servicePageExtensions, {
  name: 'notify',
  order: 40,
  load: (deps, props) => listAnnouncements(deps.db, { status: 'published', serviceId: props.serviceId }, 3),
  render: (recent, props) => <ServiceUpdatesBox identifier={props.identifier} name={props.data.name} recent={recent} />,
});

/** Public announcements: the latest, filtered by kind or agency, and each one on its own page. */
export async function announcementPages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const pub = { config: { access: 'public' as const } };

  app.get('/announcements', pub, async (req, reply) => {
    const filters = queryFilters(req, ['kind', 'agency'] as const);
    const page = pageParam(req);
    const agencies = (await allAgencies(deps)).filter((a) => a.status === 'active');
    const agency = agencies.find((a) => a.code === filters.agency);
    const kind = announcementKinds.includes(filters.kind as AnnouncementKind) ? (filters.kind as AnnouncementKind) : undefined;
    const rows = await listAnnouncements(
      deps.db,
      { status: 'published', kind, agencyIds: agency ? [agency.id] : undefined },
      PER_PAGE + 1,
      (page - 1) * PER_PAGE,
    );
    return sendPage(
      req,
      reply,
      <AnnouncementsPage
        items={rows.slice(0, PER_PAGE)}
        hasNext={rows.length > PER_PAGE}
        page={page}
        filters={filters}
        agencies={agencies}
      />,
    );
  });

  app.get('/announcements/:id', pub, async (req, reply) => {
    const r = await getPublic(deps, idParam(req));
    return sendPage(req, reply, <AnnouncementPage a={r.announcement} agency={r.agency} services={r.services} />);
  });
}
