import { catalogModule } from './modules/catalog/index.ts';
import { consoleModule } from './modules/console/index.ts';
import { feedbackModule } from './modules/feedback/index.ts';
import { identityModule } from './modules/identity/index.ts';
import { measureModule } from './modules/measure/index.ts';
import { notifyModule } from './modules/notify/index.ts';
import { planModule } from './modules/plan/index.ts';
import { platformMigrations } from './platform/db/migrations/index.ts';
import { allMigrations } from './platform/module.ts';

/**
 * Every module of Yusr, each a manifest in its folder's index.ts. The app's routes, the worker's
 * jobs, the migrator, the demo loader and the `DB` type are derived from this list; adding a module
 * is adding one line. Order matters where one module's demo reads another's data (people first,
 * measure after the modules whose figures it reads) and for the order routes are registered in.
 */
export const modules = [identityModule, catalogModule, feedbackModule, notifyModule, consoleModule, measureModule, planModule] as const;

/** The platform's migrations and every module's, by name. */
export const migrations = allMigrations(platformMigrations, modules);
