import { advisoryModule } from './modules/advisory/index.ts';
import { availabilityModule } from './modules/availability/index.ts';
import { awardModule } from './modules/award/index.ts';
import { catalogModule } from './modules/catalog/index.ts';
import { consoleModule } from './modules/console/index.ts';
import { credentialsModule } from './modules/credentials/index.ts';
import { feedbackModule } from './modules/feedback/index.ts';
import { identityModule } from './modules/identity/index.ts';
import { kpiModule } from './modules/kpi/index.ts';
import { measureModule } from './modules/measure/index.ts';
import { notifyModule } from './modules/notify/index.ts';
import { participateModule } from './modules/participate/index.ts';
import { planModule } from './modules/plan/index.ts';
import { privacyModule } from './modules/privacy/index.ts';
import { reportsModule } from './modules/reports/index.ts';
import { siteModule } from './modules/site/index.ts';
import { trainingModule } from './modules/training/index.ts';
import { platformMigrations } from './platform/db/migrations/index.ts';
import { installMessages } from './platform/i18n/i18n.ts';
import platformAr from './platform/i18n/messages/ar.json' with { type: 'json' };
import platformEn from './platform/i18n/messages/en.json' with { type: 'json' };
import { allMessages, allMigrations } from './platform/module.ts';

/**
 * Every module of Yusr, each a manifest in its folder's index.ts. The app's routes, the worker's
 * jobs, the migrator, the demo loader, the messages and the `DB` and `MessageKey` types are derived from this list; adding a module
 * is adding one line. Order matters where one module's demo reads another's data (people first,
 * measure after the modules whose figures it reads) and for the order routes are registered in.
 */
export const modules = [
  identityModule,
  catalogModule,
  feedbackModule,
  notifyModule,
  consoleModule,
  credentialsModule,
  siteModule,
  measureModule,
  planModule,
  advisoryModule,
  participateModule,
  trainingModule,
  awardModule,
  availabilityModule,
  kpiModule,
  privacyModule,
  reportsModule,
] as const;

/** The platform's migrations and every module's, by name. */
export const migrations = allMigrations(platformMigrations, modules);

/** The platform's messages and every module's, by language (a key defined twice stops start-up). */
export const messages = allMessages({ ar: platformAr, en: platformEn }, modules);
// Installed as this list is loaded: anything that imports the app (server, worker, CLI, tests) translates with them.
installMessages(messages);

/** Each catalog pair by owner, for the message tests. */
export const catalogs = {
  platform: { ar: platformAr, en: platformEn },
  ...Object.fromEntries(modules.map((m) => [m.name, m.messages])),
} as Record<'platform' | (typeof modules)[number]['name'], { ar: Record<string, string>; en: Record<string, string> }>;
