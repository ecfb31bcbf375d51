import type { FastifyInstance } from 'fastify';
import { hasRole } from '../../platform/auth/actor.ts';
import { registerPages } from '../../platform/http/pages.ts';
import { addReadinessCheck } from '../../platform/http/readiness.ts';
import type { ScheduledPayload } from '../../platform/jobs/worker.ts';
import { defineModule, type ModuleDefinition } from '../../platform/module.ts';
import { catalogApi } from './catalog.api.ts';
import { catalogDashboardCard } from './catalog.dashboard.tsx';
import { loadCatalogDemo } from './catalog.demo.ts';
import { popularServices, servicePageExtensions } from './catalog.extensions.ts';
import { catalogSearch, pruneChangeFeed } from './catalog.search.ts';
import { SERVICE_PUBLISHED, type ServicePublished, servicePageCache } from './catalog.service.ts';
import type { CatalogTables } from './catalog.tables.ts';
import { vocabPages, vocabRoutes } from './cpsv/vocab.pages.tsx';
import { dropExpiredImports, IMPORT_JOB, type ImportJob, PLAN_VALID_MS, runImportJob } from './io/imports.service.ts';
import { ioPages } from './io/io.pages.tsx';
import ar from './messages/ar.json' with { type: 'json' };
import en from './messages/en.json' with { type: 'json' };
import * as m0002 from './migrations/0002_catalog.ts';
import * as m0007 from './migrations/0007_catalog_changes.ts';
import * as m0009 from './migrations/0009_catalog_imports.ts';
import * as m0024 from './migrations/0024_catalog_review.ts';
import * as m0034 from './migrations/0034_catalog_import_options.ts';
import * as m0036 from './migrations/0036_catalog_default_synonyms.ts';
import * as m0041 from './migrations/0041_catalog_search_snapshot.ts';
import * as m0042 from './migrations/0042_catalog_gulf_synonyms.ts';
import * as m0064 from './migrations/0064_catalog_french_synonyms.ts';
import * as m0068 from './migrations/0068_catalog_life_event_synonyms.ts';
import * as m0069 from './migrations/0069_catalog_everyday_synonyms.ts';
import * as m0071 from './migrations/0071_catalog_search_snapshot_rows.ts';
import { portalPages } from './portal.pages.tsx';
import { catalogPersonalData } from './privacy.ts';
import { catalogReportPanel } from './report-panel.ts';
import { servicePages } from './services.pages.tsx';
import { sitemapRoutes } from './sitemap.ts';
import { vocabularyPages } from './vocabulary.pages.tsx';

declare module '../../platform/jobs/jobs.ts' {
  interface JobPayloads {
    'catalog.import': ImportJob;
    'catalog.import_cleanup': ScheduledPayload;
    'catalog.prune_changes': ScheduledPayload;
  }
}
declare module '../../platform/jobs/events.ts' {
  interface EventPayloads {
    'catalog.service_published': ServicePublished;
  }
}

const CATALOG_STAFF = ['program_admin', 'program_reviewer', 'leadership_viewer', 'agency_admin', 'agency_editor'] as const;

/** The national e-service catalog and its public portal, search, import/export and API. */
export const catalogModule: ModuleDefinition<CatalogTables, typeof ar> = defineModule({
  name: 'catalog',
  messages: { ar, en },
  tables: [
    'services',
    'service_versions',
    'service_status_history',
    'taxonomy_terms',
    'search_synonyms',
    'catalog_changes',
    'catalog_imports',
    'catalog_search_snapshots',
    'catalog_search_snapshot_rows',
  ],
  migrations: {
    '0002_catalog': m0002,
    '0007_catalog_changes': m0007,
    '0009_catalog_imports': m0009,
    '0024_catalog_review': m0024,
    '0034_catalog_import_options': m0034,
    '0036_catalog_default_synonyms': m0036,
    '0041_catalog_search_snapshot': m0041,
    '0042_catalog_gulf_synonyms': m0042,
    '0064_catalog_french_synonyms': m0064,
    '0068_catalog_life_event_synonyms': m0068,
    '0069_catalog_everyday_synonyms': m0069,
    '0071_catalog_search_snapshot_rows': m0071,
  },
  personalData: catalogPersonalData,
  nav: [
    { href: '/services', label: 'nav.services', area: 'public', order: 10, visible: (a) => a.kind !== 'user' },
    { href: '/agencies', label: 'nav.agencies_public', area: 'public', order: 20, visible: (a) => a.kind !== 'user' },
    { href: '/console/services', label: 'nav.console_services', area: 'console', order: 10, visible: (a) => hasRole(a, ...CATALOG_STAFF) },
    { href: '/console/catalog/io', label: 'nav.import', area: 'console', order: 15, visible: (a) => hasRole(a, ...CATALOG_STAFF) },
    { href: '/console/taxonomies', label: 'nav.taxonomies', area: 'console', order: 70, visible: (a) => hasRole(a, 'program_admin') },
    { href: '/console/synonyms', label: 'nav.synonyms', area: 'console', order: 71, visible: (a) => hasRole(a, 'program_admin') },
  ],
  extensions: { offers: [servicePageExtensions, popularServices], fills: [catalogDashboardCard, catalogReportPanel] },
  // Imports run in the worker, off the request path; expired dry runs' files go hourly.
  jobs: {
    [IMPORT_JOB]: (d, payload, job) => runImportJob(d, payload, job.signal),
    'catalog.import_cleanup': async (d) => {
      await dropExpiredImports(d);
    },
    'catalog.prune_changes': async (d) => {
      await pruneChangeFeed(d);
    },
  },
  schedules: [
    { kind: 'catalog.import_cleanup', everyMs: PLAN_VALID_MS },
    { kind: 'catalog.prune_changes', daily: { hour: 3, minute: 30 } },
  ],
  events: { emits: [SERVICE_PUBLISHED] },
  routes: catalogRoutes,
  demo: async (deps, ctx, opts) => ({ services: await loadCatalogDemo(deps, ctx, opts) }),
});

async function catalogRoutes(app: FastifyInstance): Promise<void> {
  await registerPages(app, async (scope) => {
    await portalPages(scope);
    await servicePages(scope);
    await vocabularyPages(scope);
    await ioPages(scope);
    await vocabPages(scope);
  });
  await catalogApi(app);
  await vocabRoutes(app);
  await sitemapRoutes(app);
  // The search index is built at start, in batches, and kept current from the change feed;
  // /readyz answers 503 until it is built.
  const search = catalogSearch(app.deps);
  addReadinessCheck(app.deps, () => (search.ready ? null : 'search index building'));
  servicePageCache(app.deps); // listens to the feed from the start
  app.addHook('onReady', async () => search.startPolling());
  app.addHook('onClose', async () => search.stop());
}

/** `yusr catalog import` and `yusr agencies import` (src/main.ts). */
export { runImportCommand } from './io/cli.ts';
