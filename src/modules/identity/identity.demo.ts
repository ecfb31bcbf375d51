import { recordAudit } from '../../platform/audit/audit.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { hashPassword } from '../../platform/auth/crypto.ts';
import type { Deps } from '../../platform/deps.ts';
import { DEMO_PASSWORD, demoAgencies, demoUsers } from './demo.data.ts';
import * as repo from './identity.repo.ts';

/** The demo agencies and one account per role, in one transaction. */
export async function loadIdentityDemo(deps: Deps, ctx: Ctx): Promise<{ agencies: number; users: number }> {
  const hash = await hashPassword(DEMO_PASSWORD);
  return deps.db.transaction().execute(async (trx) => {
    const ids = new Map<string, number>();
    let agencies = 0;
    for (const a of demoAgencies) {
      const existing = await repo.findAgencyByCode(trx, a.code);
      if (existing) {
        ids.set(a.code, existing.id);
        continue;
      }
      const row = await repo.insertAgency(trx, {
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
      if (await repo.findUserByEmail(trx, u.email)) continue;
      const user = await repo.insertUser(trx, {
        email: u.email,
        name: u.name,
        locale: u.locale,
        status: 'active',
        password_hash: hash,
      });
      const agencyId = u.agency ? (ids.get(u.agency) ?? null) : null;
      await repo.insertMembership(trx, user.id, u.role, agencyId);
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
