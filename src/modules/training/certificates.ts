import type { Executor } from '../../db.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { credentialFor, issueCredential, revokeCredential } from '../../platform/credentials/index.ts';
import type { Deps } from '../../platform/deps.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { findUser } from '../identity/public.ts';
import type { EnrolmentRow, GuestRow, ProgrammeRow } from './training.repo.ts';

// Completion certificates through the platform's signing service (Open Badges 3.0, Ed25519, status
// list): one per completion, named by the enrolment and the moment it was completed (and dated by it), so a
// completion withdrawn (its certificate revoked) and reached again gets a new certificate.

const SOURCE = 'training';
const refOf = (e: { id: number; completed_at: string | null }) => `enrolment:${e.id}@${e.completed_at}`;
/** A member of the public's completion: named by their sign-up and its moment, like staff's. */
const guestRefOf = (g: { id: number; completed_at: string | null }) => `guest:${g.id}@${g.completed_at}`;
const achievementOf = (p: ProgrammeRow) => ({
  key: `programme-${p.code}`,
  type: 'Certificate' as const,
  name: { ar: p.title_ar, en: p.title_en },
  description: { ar: p.description_ar, en: p.description_en },
  criteria: { ar: criteriaText('ar', p), en: criteriaText('en', p) },
});

/** The criteria as the certificate states them, in one language. */
function criteriaText(lang: 'ar' | 'en', p: ProgrammeRow): string {
  const parts = [translate(lang, 'training.criteria.attendance', { pct: String(p.min_attendance_pct) })];
  if (p.pass_mark_pct !== null)
    parts.push(translate(lang, 'training.criteria.assessment', { pct: String(p.pass_mark_pct), attempts: String(p.max_attempts) }));
  return parts.join(lang === 'ar' ? '، ' : '; ');
}

/** Issues the certificate of a completion inside the transaction that records it (again: the one already issued). */
export async function certifyCompletion(deps: Deps, trx: Executor, ctx: Ctx, e: EnrolmentRow, p: ProgrammeRow) {
  const person = await findUser(trx, e.user_id);
  if (!person || !e.completed_at) return undefined;
  return issueCredential(deps, trx, ctx, {
    source: SOURCE,
    sourceRef: refOf(e),
    lang: person.locale,
    recipient: { name: person.name, email: person.email },
    achievement: achievementOf(p),
    issuedAt: new Date(e.completed_at),
  });
}

/**
 * Issues the certificate of a member of the public's completion in the transaction that records it:
 * the same signed credential as staff's, in the language they signed up in, under the name they gave.
 */
export async function certifyGuestCompletion(deps: Deps, trx: Executor, ctx: Ctx, g: GuestRow, p: ProgrammeRow) {
  if (!g.completed_at) return undefined;
  return issueCredential(deps, trx, ctx, {
    source: SOURCE,
    sourceRef: guestRefOf(g),
    lang: g.locale,
    recipient: { name: g.name, email: g.email },
    achievement: achievementOf(p),
    issuedAt: new Date(g.completed_at),
  });
}

/** The certificate of a member of the public's current completion, if one was issued. */
export const guestCertificateOf = (db: Executor, g: { id: number; completed_at: string | null }) =>
  g.completed_at ? credentialFor(db, SOURCE, guestRefOf(g)) : Promise.resolve(undefined);

/** Revokes the certificate of a member of the public's completion that no longer holds. */
export async function revokeGuestCertificate(trx: Executor, ctx: Ctx, g: GuestRow, reason: string) {
  const c = await guestCertificateOf(trx, g);
  if (c && !c.revoked_at) await revokeCredential(trx, ctx, c.serial, reason);
}

/** The certificate of an enrolment's current completion, if one was issued. */
export const certificateOf = (db: Executor, e: { id: number; completed_at: string | null }) =>
  e.completed_at ? credentialFor(db, SOURCE, refOf(e)) : Promise.resolve(undefined);

/** Revokes the certificate of a completion that no longer holds, with the reason verifiers will see. */
export async function revokeCompletionCertificate(trx: Executor, ctx: Ctx, e: EnrolmentRow, reason: string) {
  const c = await certificateOf(trx, e);
  if (c && !c.revoked_at) await revokeCredential(trx, ctx, c.serial, reason);
}
