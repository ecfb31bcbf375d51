import type { FastifyInstance } from 'fastify';
import { hasRole } from '../../platform/auth/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { registerPages } from '../../platform/http/pages.ts';
import { addReadinessCheck } from '../../platform/http/readiness.ts';
import { addNavItem } from '../../platform/views/nav.ts';
import { catalogApi } from './catalog.api.ts';
import { registerCatalogDashboard } from './catalog.dashboard.tsx';
import { catalogSearch } from './catalog.search.ts';
import { servicePageCache } from './catalog.service.ts';
import { registerImportJobs } from './io/imports.service.ts';
import { ioPages } from './io/io.pages.tsx';
import { portalPages } from './portal.pages.tsx';
import { servicePages } from './services.pages.tsx';
import { sitemapRoutes } from './sitemap.ts';
import { vocabularyPages } from './vocabulary.pages.tsx';

/** The catalog's background work: imports run in the worker, off the request path. */
export function registerCatalogJobs(deps: Deps): void {
  registerImportJobs(deps);
}

const CATALOG_STAFF = ['program_admin', 'program_reviewer', 'leadership_viewer', 'agency_admin', 'agency_editor'] as const;

/** The national e-service catalog and its public portal, search, import/export and API. */
export async function catalogModule(app: FastifyInstance): Promise<void> {
  registerCatalogDashboard();
  addNavItem({ href: '/services', label: 'nav.services', area: 'public', order: 10, visible: (a) => a.kind !== 'user' });
  addNavItem({ href: '/agencies', label: 'nav.agencies_public', area: 'public', order: 20, visible: (a) => a.kind !== 'user' });
  addNavItem({
    href: '/console/services',
    label: 'nav.console_services',
    area: 'console',
    order: 10,
    visible: (a) => hasRole(a, ...CATALOG_STAFF),
  });
  addNavItem({
    href: '/console/catalog/io',
    label: 'nav.import',
    area: 'console',
    order: 15,
    visible: (a) => hasRole(a, ...CATALOG_STAFF),
  });
  addNavItem({
    href: '/console/taxonomies',
    label: 'nav.taxonomies',
    area: 'console',
    order: 70,
    visible: (a) => hasRole(a, 'program_admin'),
  });
  addNavItem({ href: '/console/synonyms', label: 'nav.synonyms', area: 'console', order: 71, visible: (a) => hasRole(a, 'program_admin') });
  await registerPages(app, async (scope) => {
    await portalPages(scope);
    await servicePages(scope);
    await vocabularyPages(scope);
    await ioPages(scope);
  });
  await catalogApi(app);
  await sitemapRoutes(app);
  // The search index is built at start, in batches, and kept current from the change feed;
  // /readyz answers 503 until it is built.
  const search = catalogSearch(app.deps);
  addReadinessCheck(app.deps, () => (search.ready ? null : 'search index building'));
  servicePageCache(app.deps); // listens to the feed from the start
  app.addHook('onReady', async () => search.startPolling());
  app.addHook('onClose', async () => search.stop());
}
