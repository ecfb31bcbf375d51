import type { Executor } from '../../db.ts';
import { eraseCredentialRecipient } from '../../platform/credentials/index.ts';
import type { Deps } from '../../platform/deps.ts';
import {
  ERASED,
  type ErasureResult,
  eraseStaffLabels,
  type PersonalDataPort,
  type Subject,
  subjectEmail,
} from '../../platform/personal-data.ts';
import { findUserByEmail } from '../identity/public.ts';

// Training's personal data for the privacy office: a trainee's learning record (enrolments,
// attendance, assessment attempts, trainer assignments) and the certificates issued to them, found
// through their staff account. Erasure keeps the rows under the account's id (identity then
// pseudonymises the account), so seats, completions and the agencies' yearly progress do not move;
// the office's written completion reasons go, the labels of what the person decided or marked go,
// and each certificate is revoked with its name and signed document removed. Members of the public
// who signed up without an account are found by their address or phone; erasure removes their name,
// address and phone and keeps the row, so the seat it holds stays counted; their attendance,
// assessment attempts, completion and evaluation invitation are exported with the sign-up, the
// office's written reasons go, and their certificates are revoked with the name and document removed.

const RECORD_KIND = 'training.learning_record';
const GUEST_KIND = 'training.public_signup';
const CERTIFICATE_KIND = 'training.certificate';
const SOURCE = 'training';
const LABELS = [
  ['training_enrolments', 'decided_by'],
  ['training_attendance', 'marked_by'],
] as const;

async function trainee(db: Executor, s: Subject) {
  return s.email ? findUserByEmail(db, s.email) : undefined;
}

/** A person's sign-ups from the public, by their address or their phone. */
const guestsOf = (db: Executor, s: Subject) => {
  const email = subjectEmail(s);
  if (!email && !s.phone) return Promise.resolve([]);
  return db
    .selectFrom('training_guests')
    .selectAll()
    .where((eb) => eb.or([...(email ? [eb('email', '=', email)] : []), ...(s.phone ? [eb('phone', '=', s.phone)] : [])]))
    .orderBy('id')
    .execute();
};

const certificatesOf = (db: Executor, ids: number[], kind: 'enrolment' | 'guest' = 'enrolment') =>
  ids.length
    ? db
        .selectFrom('credentials')
        .selectAll()
        .where('source', '=', SOURCE)
        .where((eb) => eb.or(ids.map((id) => eb('source_ref', 'like', `${kind}:${id}@%`))))
        .orderBy('id')
        .execute()
    : Promise.resolve([]);

const certificateRecord = (c: Awaited<ReturnType<typeof certificatesOf>>[number]) => ({
  serial: c.serial,
  recipient: c.recipient_name,
  achievement: JSON.parse(c.achievement_json) as unknown,
  issued_at: c.issued_at,
  revoked_at: c.revoked_at,
  document: JSON.parse(c.document) as unknown,
});

export const trainingPersonalData: PersonalDataPort = {
  kinds: [
    {
      key: GUEST_KIND,
      label: 'training.privacy.guest',
      where:
        'training_guests (name, email, phone, language, sign-up status, completion, cancellation), training_guest_attendance, training_guest_attempts, training_guest_evaluation_invites (by sign-up)',
      purpose: 'training.privacy.guest_purpose',
      basis: 'consent',
      retention: 'training.privacy.guest_retention',
      defaultPeriod: null,
      correction: 'training.privacy.guest_correction',
    },
    {
      key: RECORD_KIND,
      label: 'training.privacy.record',
      where: 'training_enrolments, training_attendance, training_attempts, training_trainers (by user id)',
      purpose: 'training.privacy.record_purpose',
      basis: 'public_task',
      retention: 'training.privacy.record_retention',
      defaultPeriod: null,
      correction: 'training.privacy.record_correction',
    },
    {
      key: CERTIFICATE_KIND,
      label: 'training.privacy.certificate',
      where: 'credentials (source training: recipient_name, signed document; the email only as a salted hash)',
      purpose: 'training.privacy.certificate_purpose',
      basis: 'public_task',
      retention: 'training.privacy.certificate_retention',
      defaultPeriod: null,
      correction: 'training.privacy.record_correction',
    },
  ],

  async export(deps: Deps, subject) {
    const signups = await guestsOf(deps.db, subject);
    const gids = signups.map((g) => g.id);
    const guestAttendance = gids.length
      ? await deps.db
          .selectFrom('training_guest_attendance as a')
          .innerJoin('training_sessions as s', 's.id', 'a.session_id')
          .select(['a.guest_id', 's.starts_at', 'a.present'])
          .where('a.guest_id', 'in', gids)
          .orderBy('a.id')
          .execute()
      : [];
    const guestAttempts = gids.length
      ? await deps.db
          .selectFrom('training_guest_attempts')
          .select(['guest_id', 'correct', 'total', 'passed', 'started_at', 'submitted_at'])
          .where('guest_id', 'in', gids)
          .orderBy('id')
          .execute()
      : [];
    const guestInvites = gids.length
      ? await deps.db
          .selectFrom('training_guest_evaluation_invites')
          .select(['guest_id', 'sent_at', 'responded_at'])
          .where('guest_id', 'in', gids)
          .orderBy('id')
          .execute()
      : [];
    const guestCertificates = await certificatesOf(deps.db, gids, 'guest');
    const guestKind = {
      kind: GUEST_KIND,
      records: signups.map((g) => ({
        offering_id: g.offering_id,
        name: g.name,
        email: g.email,
        phone: g.phone,
        locale: g.locale,
        status: g.status,
        waitlist_position: g.waitlist_position,
        verified_at: g.verified_at,
        created_at: g.created_at,
        completed_at: g.completed_at,
        completion_basis: g.completion_basis,
        completion_reason: g.completion_reason,
        cancel_reason: g.cancel_reason,
        attendance: guestAttendance.filter((a) => a.guest_id === g.id).map((a) => ({ session: a.starts_at, present: a.present === 1 })),
        attempts: guestAttempts.filter((a) => a.guest_id === g.id).map(({ guest_id: _, ...a }) => a),
        evaluation: guestInvites.filter((i) => i.guest_id === g.id).map(({ guest_id: _, ...i }) => i)[0] ?? null,
        certificates: guestCertificates.filter((c) => c.source_ref.startsWith(`guest:${g.id}@`)).map(certificateRecord),
      })),
      files: [],
    };
    const u = await trainee(deps.db, subject);
    if (!u) return signups.length ? [guestKind] : [];
    const enrolments = await deps.db
      .selectFrom('training_enrolments as e')
      .innerJoin('training_offerings as o', 'o.id', 'e.offering_id')
      .innerJoin('training_programmes as p', 'p.id', 'o.programme_id')
      .select([
        'e.id',
        'p.code',
        'p.title_ar',
        'p.title_en',
        'o.starts_on',
        'o.ends_on',
        'e.status',
        'e.nominated',
        'e.decided_at',
        'e.completed_at',
        'e.completion_basis',
        'e.completion_reason',
        'e.created_at',
      ])
      .where('e.user_id', '=', u.id)
      .orderBy('e.id')
      .execute();
    const ids = enrolments.map((e) => e.id);
    const attendance = ids.length
      ? await deps.db
          .selectFrom('training_attendance as a')
          .innerJoin('training_sessions as s', 's.id', 'a.session_id')
          .select(['a.enrolment_id', 's.starts_at', 'a.present'])
          .where('a.enrolment_id', 'in', ids)
          .orderBy('a.id')
          .execute()
      : [];
    const attempts = ids.length
      ? await deps.db
          .selectFrom('training_attempts')
          .select(['enrolment_id', 'correct', 'total', 'passed', 'started_at', 'submitted_at'])
          .where('enrolment_id', 'in', ids)
          .orderBy('id')
          .execute()
      : [];
    const trained = await deps.db
      .selectFrom('training_trainers as t')
      .innerJoin('training_offerings as o', 'o.id', 't.offering_id')
      .innerJoin('training_programmes as p', 'p.id', 'o.programme_id')
      .select(['p.code', 'o.starts_on', 'o.ends_on'])
      .where('t.user_id', '=', u.id)
      .orderBy('t.id')
      .execute();
    const certificates = await certificatesOf(deps.db, ids);
    const invites = ids.length
      ? await deps.db
          .selectFrom('training_evaluation_invites')
          .select(['enrolment_id', 'sent_at', 'responded_at'])
          .where('enrolment_id', 'in', ids)
          .orderBy('id')
          .execute()
      : [];
    return [
      ...(signups.length ? [guestKind] : []),
      {
        kind: RECORD_KIND,
        records: [
          ...enrolments.map(({ id, ...e }) => ({
            enrolment: {
              ...e,
              attendance: attendance.filter((a) => a.enrolment_id === id).map((a) => ({ session: a.starts_at, present: a.present === 1 })),
              attempts: attempts.filter((a) => a.enrolment_id === id).map(({ enrolment_id: _, ...a }) => a),
              // Whether the person was asked to evaluate and answered; the answers themselves are anonymous and not theirs to export.
              evaluation: invites.find((i) => i.enrolment_id === id) ?? null,
            },
          })),
          ...trained.map((t) => ({ trainer_of: t })),
        ],
        files: [],
      },
      {
        kind: CERTIFICATE_KIND,
        records: certificates.map(certificateRecord),
        files: [],
      },
    ];
  },

  async erase(trx, _deps, subject): Promise<ErasureResult> {
    // Sign-ups from the public: the name, address and phone go; the row stays, so the seat it holds is still counted.
    const signups = await guestsOf(trx, subject);
    for (const g of signups)
      await trx
        .updateTable('training_guests')
        .set({
          name: ERASED,
          email: `${ERASED}#${g.id}`,
          phone: null,
          code_hash: null,
          code_expires_at: null,
          completion_reason: g.completion_reason === null ? null : ERASED,
          cancel_reason: g.cancel_reason === null ? null : ERASED,
        })
        .where('id', '=', g.id)
        .execute();
    // Their certificates are revoked, with the name and signed document removed.
    for (const c of await certificatesOf(
      trx,
      signups.map((g) => g.id),
      'guest',
    ))
      await eraseCredentialRecipient(trx, c.serial, 'محيت بطلب صاحبها — erased at the holder’s request');
    if (!subject.email) return { counts: { [GUEST_KIND]: signups.length }, files: [] };
    const labels = await eraseStaffLabels(trx, subject.email, LABELS);
    const u = await trainee(trx, subject);
    if (!u) return { counts: { [GUEST_KIND]: signups.length, [RECORD_KIND]: labels, [CERTIFICATE_KIND]: 0 }, files: [] };
    const enrolments = await trx.selectFrom('training_enrolments').select('id').where('user_id', '=', u.id).execute();
    const ids = enrolments.map((e) => e.id);
    if (ids.length)
      await trx
        .updateTable('training_enrolments')
        .set({ completion_reason: ERASED })
        .where('id', 'in', ids)
        .where('completion_reason', 'is not', null)
        .execute();
    const certificates = await certificatesOf(trx, ids);
    for (const c of certificates) await eraseCredentialRecipient(trx, c.serial, 'محيت بطلب صاحبها — erased at the holder’s request');
    return {
      counts: { [GUEST_KIND]: signups.length, [RECORD_KIND]: ids.length + labels, [CERTIFICATE_KIND]: certificates.length },
      files: [],
    };
  },
};
