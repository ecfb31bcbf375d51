import type { FastifyInstance } from 'fastify';
import { hasRole } from '../../platform/auth/actor.ts';
import { registerPages } from '../../platform/http/pages.ts';
import { addNavItem } from '../../platform/views/nav.ts';
import { addServiceUpdatesBox, announcementPages } from './announcements.pages.tsx';
import { logoRoutes } from './branding.ts';
import { consolePages, NOTIFY_STAFF } from './console.pages.tsx';
import { feedRoutes } from './feeds.ts';
import { notifyApi } from './notify.api.ts';
import { registerNotifyDashboard } from './notify.dashboard.tsx';
import { subscribePages } from './subscribe.pages.tsx';

/** Subscriptions and announcements: no service launches silently. Its background work is registered by jobs.ts. */
export async function notifyModule(app: FastifyInstance): Promise<void> {
  addNavItem({ href: '/announcements', label: 'nav.announcements', area: 'public', order: 30, visible: (a) => a.kind !== 'user' });
  addNavItem({ href: '/console/notify', label: 'nav.notify', area: 'console', order: 20, visible: (a) => hasRole(a, ...NOTIFY_STAFF) });
  addServiceUpdatesBox();
  registerNotifyDashboard();
  await registerPages(app, async (scope) => {
    await subscribePages(scope);
    await announcementPages(scope);
    await consolePages(scope);
  });
  await notifyApi(app);
  await feedRoutes(app);
  await logoRoutes(app);
}
