import { loadCatalogDemo } from '../modules/catalog/catalog.demo.ts';
import { loadFeedbackDemo } from '../modules/feedback/demo.ts';
import * as identityRepo from '../modules/identity/identity.repo.ts';
import { loadMeasureDemo } from '../modules/measure/demo.ts';
import { loadNotifyDemo } from '../modules/notify/notify.demo.ts';
import { recordAudit } from '../platform/audit/audit.ts';
import type { Ctx } from '../platform/auth/actor.ts';
import { hashPassword } from '../platform/auth/crypto.ts';
import type { Deps } from '../platform/deps.ts';
import { DEMO_PASSWORD, demoAgencies, demoUsers } from './agencies.data.ts';

/** True when the database holds no agencies and no users yet. */
export async function isEmpty(deps: Deps): Promise<boolean> {
  const a = await deps.db.selectFrom('agencies').select('id').limit(1).execute();
  const u = await deps.db.selectFrom('users').select('id').limit(1).execute();
  return a.length === 0 && u.length === 0;
}

export interface DemoCounts {
  agencies: number;
  users: number;
  services: number;
  subscribers: number;
  announcements: number;
  ratings: number;
  cases: number;
  rounds: number;
}

/**
 * Loads every module's demo data in dependency order (people, catalog, notify, feedback, measure —
 * measure reads the others' figures); each part skips what exists, so it can run again.
 * `only: 'catalog'` stops after the catalog (benchmarks of the catalog alone).
 */
export async function loadDemo(deps: Deps, ctx: Ctx, opts: { services?: number; only?: 'catalog' } = {}): Promise<DemoCounts> {
  const people = await loadPeople(deps, ctx);
  const services = await loadCatalogDemo(deps, ctx, opts);
  const counts: DemoCounts = { ...people, services, subscribers: 0, announcements: 0, ratings: 0, cases: 0, rounds: 0 };
  if (opts.only === 'catalog') return counts;
  Object.assign(counts, await loadNotifyDemo(deps, ctx));
  const feedback = await loadFeedbackDemo(deps, ctx);
  counts.ratings = feedback.ratings;
  counts.cases = feedback.cases;
  counts.rounds = (await loadMeasureDemo(deps, ctx)).rounds;
  return counts;
}

/** The demo agencies and one account per role, in one transaction. */
async function loadPeople(deps: Deps, ctx: Ctx): Promise<{ agencies: number; users: number }> {
  const hash = await hashPassword(DEMO_PASSWORD);
  return deps.db.transaction().execute(async (trx) => {
    const ids = new Map<string, number>();
    let agencies = 0;
    for (const a of demoAgencies) {
      const existing = await identityRepo.findAgencyByCode(trx, a.code);
      if (existing) {
        ids.set(a.code, existing.id);
        continue;
      }
      const row = await identityRepo.insertAgency(trx, {
        code: a.code,
        name_ar: a.name_ar,
        name_en: a.name_en,
        kind: a.kind,
        parent_id: a.parent ? (ids.get(a.parent) ?? null) : null,
        website: a.website,
        email: a.email ?? null,
        phone: a.phone ?? null,
        address_ar: a.city_ar ? `${a.city_ar}، المملكة العربية السعودية` : 'الرياض، المملكة العربية السعودية',
        address_en: a.city_en ? `${a.city_en}, Saudi Arabia` : 'Riyadh, Saudi Arabia',
        status: 'active',
      });
      ids.set(a.code, row.id);
      agencies++;
      await recordAudit(trx, ctx, { action: 'agency.create', recordType: 'agency', recordId: row.id, agencyId: row.id, after: row });
    }
    let users = 0;
    for (const u of demoUsers) {
      if (await identityRepo.findUserByEmail(trx, u.email)) continue;
      const user = await identityRepo.insertUser(trx, {
        email: u.email,
        name: u.name,
        locale: u.locale,
        status: 'active',
        password_hash: hash,
      });
      const agencyId = u.agency ? (ids.get(u.agency) ?? null) : null;
      await identityRepo.insertMembership(trx, user.id, u.role, agencyId);
      users++;
      await recordAudit(trx, ctx, {
        action: 'user.create',
        recordType: 'user',
        recordId: user.id,
        agencyId,
        after: { email: u.email, role: u.role },
      });
    }
    return { agencies, users };
  });
}

export { DEMO_PASSWORD, demoUsers };
