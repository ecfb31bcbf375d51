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

/** One member of an agency's staff for the demo (training's year of enrolments draws on them). */
export interface DemoStaffMember {
  email: string;
  name: string;
  locale: 'ar' | 'en';
  role: 'agency_admin' | 'agency_editor';
  agencyId: number;
}

/**
 * Demo staff who sign in only through single sign-on: active accounts with no password (password
 * sign-in refuses them; the agency's provider, or the demo's local one, vouches for the address and
 * identity links it to the account), one agency role each, audited, in one transaction. No password
 * is hashed, so hundreds cost little. Addresses that exist are skipped; returns every named account.
 */
export async function loadDemoStaff(deps: Deps, ctx: Ctx, people: readonly DemoStaffMember[]): Promise<repo.User[]> {
  return deps.db.transaction().execute(async (trx) => {
    const out: repo.User[] = [];
    for (const p of people) {
      const existing = await repo.findUserByEmail(trx, p.email);
      if (existing) {
        out.push(existing);
        continue;
      }
      const user = await repo.insertUser(trx, { email: p.email, name: p.name, locale: p.locale, status: 'active', password_hash: null });
      await repo.insertMembership(trx, user.id, p.role, p.agencyId);
      await recordAudit(trx, ctx, {
        action: 'user.create',
        recordType: 'user',
        recordId: user.id,
        agencyId: p.agencyId,
        after: { email: user.email, role: p.role, sign_in: 'single sign-on' },
      });
      out.push(user);
    }
    return out;
  });
}
