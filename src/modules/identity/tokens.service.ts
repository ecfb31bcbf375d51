import { recordAudit } from '../../platform/audit/audit.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { newApiToken } from '../../platform/auth/sessions.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { isoIn } from '../../platform/db/time.ts';
import type { Deps } from '../../platform/deps.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { getAgency } from './agencies.service.ts';
import { identityPolicy } from './identity.policy.ts';
import * as repo from './identity.repo.ts';
import { tokenInput } from './identity.schema.ts';

// API tokens belong to an agency, or (agency null) to the program office: such a token acts
// across agencies wherever a route lets the office (see docs/modules.md), and only a program
// administrator issues, lists or revokes it.

/** May the actor manage the tokens of this agency (null: the program office's own)? */
const mayManage = (ctx: Ctx, agencyId: number | null) =>
  agencyId === null ? identityPolicy.manageOfficeTokens(ctx.actor) : identityPolicy.manageTokens(ctx.actor, agencyId);

export async function listTokens(deps: Deps, ctx: Ctx, agencyId: number) {
  const agency = await getAgency(deps, agencyId);
  authorize(mayManage(ctx, agencyId));
  return { agency, tokens: await repo.listApiTokens(deps.db, agencyId) };
}

/** The program office's own tokens (program administrators only). */
export async function listOfficeTokens(deps: Deps, ctx: Ctx) {
  authorize(mayManage(ctx, null));
  return repo.listApiTokens(deps.db, null);
}

/** Creates an API token of an agency or (null) of the program office; the secret is returned once and only its hash is kept. */
export async function createToken(deps: Deps, ctx: Ctx, agencyId: number | null, raw: unknown) {
  if (agencyId !== null) await getAgency(deps, agencyId);
  authorize(mayManage(ctx, agencyId));
  const input = parseInput(tokenInput, raw);
  const { token, prefix, hash } = newApiToken();
  const row = await deps.db.transaction().execute(async (trx) => {
    const r = await repo.insertApiToken(trx, {
      agency_id: agencyId,
      name: input.name,
      prefix,
      token_hash: hash,
      scopes: input.scopes,
      created_by: ctx.actor.kind === 'user' ? ctx.actor.id : null,
      expires_at: input.expires_in_days ? isoIn(input.expires_in_days * 86_400_000) : null,
    });
    await recordAudit(trx, ctx, {
      action: 'token.create',
      recordType: 'api_token',
      recordId: r.id,
      agencyId,
      after: { name: r.name, prefix, scopes: input.scopes, expires_at: r.expires_at, office: agencyId === null },
    });
    return r;
  });
  return { token, row };
}

export async function revokeToken(deps: Deps, ctx: Ctx, agencyId: number | null, tokenId: number) {
  const row = await repo.findApiToken(deps.db, tokenId);
  if (!row || row.agency_id !== agencyId) throw new NotFoundError();
  authorize(mayManage(ctx, row.agency_id));
  if (row.revoked) return;
  await deps.db.transaction().execute(async (trx) => {
    await repo.revokeApiTokenRow(trx, tokenId);
    await recordAudit(trx, ctx, {
      action: 'token.revoke',
      recordType: 'api_token',
      recordId: tokenId,
      agencyId: row.agency_id,
      before: { name: row.name, prefix: row.prefix },
    });
  });
}
