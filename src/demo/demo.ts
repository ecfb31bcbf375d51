import { DEMO_PASSWORD, demoUsers } from '../modules/identity/demo.data.ts';
import { modules } from '../modules.ts';
import type { Ctx } from '../platform/auth/actor.ts';
import type { Deps } from '../platform/deps.ts';
import type { DemoOptions } from '../platform/module.ts';

/** True when the database holds no agencies and no users yet. */
export async function isEmpty(deps: Deps): Promise<boolean> {
  const a = await deps.db.selectFrom('agencies').select('id').limit(1).execute();
  const u = await deps.db.selectFrom('users').select('id').limit(1).execute();
  return a.length === 0 && u.length === 0;
}

/** How many records each module's demo made, by kind (agencies, users, services, ratings…). */
export type DemoCounts = Record<string, number>;

/**
 * Loads every module's demo data in the order of the module list (people, catalog, notify,
 * feedback, measure — measure reads the others' figures); each part skips what exists, so it can
 * run again. `only: 'catalog'` stops after that module (benchmarks of the catalog alone).
 */
export async function loadDemo(deps: Deps, ctx: Ctx, opts: DemoOptions & { only?: string } = {}): Promise<DemoCounts> {
  const counts: DemoCounts = {};
  for (const m of modules) {
    if (m.demo) Object.assign(counts, await m.demo(deps, ctx, opts));
    if (m.name === opts.only) break;
  }
  return counts;
}

export { DEMO_PASSWORD, demoUsers };
