import { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { hashPassword, randomToken } from '../../platform/auth/crypto.ts';
import { isAgencyRole } from '../../platform/authz/roles.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, fieldError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import * as repo from './identity.repo.ts';
import { passwordSchema, roleSchema } from './identity.schema.ts';

const cliUser = z.object({
  email: z.email().transform((e) => e.toLowerCase()),
  name: z.string().trim().min(2).max(120),
  role: roleSchema,
  agency: z.string().optional(),
  password: passwordSchema.optional(),
});

/** `yusr user create`: an active account with one role, for the first administrator or operators. */
export async function createUserFromCli(deps: Deps, raw: Record<string, unknown>) {
  const input = parseInput(cliUser, raw);
  let agencyId: number | null = null;
  if (isAgencyRole(input.role)) {
    if (!input.agency) fieldError('agency', 'validation.agency_required');
    const agency = await repo.findAgencyByCode(deps.db, input.agency);
    if (!agency) fieldError('agency', 'validation.agency_unknown');
    agencyId = agency.id;
  }
  if (await repo.findUserByEmail(deps.db, input.email))
    throw new ConflictError('error.conflict', undefined, [{ field: 'email', key: 'validation.email_taken' }]);
  const password = input.password ?? randomToken(12);
  const hash = await hashPassword(password);
  await deps.db.transaction().execute(async (trx) => {
    const user = await repo.insertUser(trx, { email: input.email, name: input.name, locale: 'ar', status: 'active', password_hash: hash });
    await repo.insertMembership(trx, user.id, input.role, agencyId);
    await recordAudit(trx, systemCtx('cli user create'), {
      action: 'user.create',
      recordType: 'user',
      recordId: user.id,
      agencyId,
      after: { email: user.email, role: input.role },
    });
  });
  return { email: input.email, role: input.role, password, generated: !input.password };
}
