import { recordAuditNow } from '../../platform/audit/audit.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import type { CaseRow } from './cases.repo.ts';

/**
 * Where a case's personal data was read: the console (case page, attachment), the API (a token or
 * a session), or the beneficiary's status link (whoever holds it: a leaked link shows up here).
 */
export type CaseReadVia = 'console' | 'api' | 'link';

/**
 * Records that the actor read the personal data of these cases (contact details, the message, a
 * file): who, from where, and which cases. One record per page or file, one per API page of cases.
 */
export async function recordCaseRead(
  deps: Deps,
  ctx: Ctx,
  cases: Pick<CaseRow, 'id' | 'agency_id'>[],
  via: CaseReadVia,
  attachment?: number,
) {
  if (cases.length === 0) return;
  const agencies = [...new Set(cases.map((c) => c.agency_id))];
  await recordAuditNow(deps.db, ctx, {
    action: attachment === undefined ? 'feedback.case_read' : 'feedback.attachment_read',
    recordType: 'feedback_case',
    recordId: cases.length === 1 ? cases[0].id : null,
    agencyId: agencies.length === 1 ? agencies[0] : null,
    after: { via, cases: cases.map((c) => c.id), ...(attachment === undefined ? {} : { attachment }) },
  });
}
