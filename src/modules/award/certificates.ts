import type { Executor } from '../../db.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { credentialFor, issueCredential, revokeCredential } from '../../platform/credentials/index.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, NotFoundError } from '../../platform/http/errors.ts';
import { findAgency } from '../identity/public.ts';
import type * as repo from './award.repo.ts';

// Certificates of the award through the platform's signing service (Open Badges 3.0, Ed25519,
// Bitstring Status List): one per winner and honourable mention, issued when the results are
// published, revocable by the program administrator with a reason the verification page shows.

export const CREDENTIAL_SOURCE = 'award';
export const credentialRef = (decisionId: number) => `decision:${decisionId}`;

const outcomeName = {
  winner: { ar: 'الفائز', en: 'Winner' },
  honourable_mention: { ar: 'تنويه', en: 'Honourable mention' },
} as const;

/** Issues the certificate of one decision inside the publishing transaction (again: the one already issued). */
export async function issueAwardCertificate(
  deps: Deps,
  trx: Executor,
  ctx: Ctx,
  cycle: repo.CycleRow,
  branch: repo.BranchRow,
  decision: repo.DecisionRow,
  nomination: repo.NominationRow,
) {
  const agency = nomination.agency_id === null ? undefined : await findAgency(trx, nomination.agency_id);
  const o = outcomeName[decision.outcome];
  return issueCredential(deps, trx, ctx, {
    source: CREDENTIAL_SOURCE,
    sourceRef: credentialRef(decision.id),
    lang: 'ar',
    recipient: { name: nomination.nominee_name ?? agency?.name_ar ?? nomination.title_ar },
    achievement: {
      key: `edition-${cycle.number}/${branch.code}/${decision.outcome}`,
      type: 'Award',
      name: { ar: `${o.ar} — ${branch.name_ar} — ${cycle.name_ar}`, en: `${o.en} — ${branch.name_en} — ${cycle.name_en}` },
      description: { ar: `«${nomination.title_ar}»: ${decision.citation_ar}`, en: `“${nomination.title_en}”: ${decision.citation_en}` },
      criteria: { ar: branch.description_ar, en: branch.description_en },
    },
  });
}

/** The certificate of a decision, if one was issued. */
export const certificateOf = (db: Executor, decisionId: number) => credentialFor(db, CREDENTIAL_SOURCE, credentialRef(decisionId));

/** Revokes a decision's certificate with the reason verifiers will see. */
export async function revokeAwardCertificate(trx: Executor, ctx: Ctx, decisionId: number, reason: string) {
  const c = await certificateOf(trx, decisionId);
  if (!c) throw new NotFoundError();
  if (c.revoked_at) throw new ConflictError('award.error.already_revoked');
  await revokeCredential(trx, ctx, c.serial, reason);
}
