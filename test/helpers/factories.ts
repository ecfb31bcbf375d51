import { randomBytes } from 'node:crypto';
import type { App } from '../../src/app.ts';
import type { AgencyInput } from '../../src/modules/identity/testing.ts';
import * as repo from '../../src/modules/identity/testing.ts';
import { hashPassword } from '../../src/platform/auth/crypto.ts';
import type { Role } from '../../src/platform/authz/roles.ts';

export const TEST_PASSWORD = 'correct-horse-battery-staple';
let hashed: Promise<string> | null = null;
/**
 * Test users share one password, hashed at scrypt's lowest sensible cost: every sign-in verifies it,
 * and at the product's cost (about 0.1 s each, far more on a loaded machine) those verifications were
 * a large share of the suite's time. Verification is the product's own (the cost is read from the
 * hash); the product's cost is checked in crypto.test.ts and by the throttling test's stand-in hash.
 */
const passwordHash = () => {
  hashed ??= hashPassword(TEST_PASSWORD, { N: 2 ** 10, r: 8, p: 1 });
  return hashed;
};

const uid = () => randomBytes(4).toString('hex');

/** An agency with sensible defaults; pass what the test cares about. */
export async function buildAgency(deps: App, overrides: Partial<AgencyInput> = {}) {
  const id = uid();
  return repo.insertAgency(deps.db, {
    code: `agency-${id}`,
    name_ar: `جهة ${id}`,
    name_en: `Agency ${id}`,
    kind: 'ministry',
    parent_id: null,
    website: 'https://example.gov.sa',
    email: null,
    phone: null,
    address_ar: null,
    address_en: null,
    status: 'active',
    ...overrides,
  });
}

/** An active user holding one role (agency roles need `agencyId`). Password: TEST_PASSWORD. */
export async function buildUser(
  deps: App,
  opts: {
    role?: Role;
    agencyId?: number | null;
    email?: string;
    name?: string;
    locale?: 'ar' | 'en';
    status?: 'active' | 'invited' | 'deactivated';
  } = {},
) {
  const user = await repo.insertUser(deps.db, {
    email: opts.email ?? `user-${uid()}@example.gov.sa`,
    name: opts.name ?? 'Test Person',
    locale: opts.locale ?? 'en',
    status: opts.status ?? 'active',
    password_hash: await passwordHash(),
  });
  if (opts.role) await repo.insertMembership(deps.db, user.id, opts.role, opts.agencyId ?? null);
  return user;
}
