import type { Executor } from '../../db.ts';
import type { Deps } from '../../platform/deps.ts';
import { ERASED, type ErasureResult, type ExportedKind, type PersonalDataPort, type Subject } from '../../platform/personal-data.ts';
import { contactHash } from './abuse.ts';

// Feedback's personal data for the privacy office: cases carry the contact details the person gave,
// what they wrote and the files they (and the agency) attached. Ratings carry no contact: a comment
// cannot be traced to a person, so it is listed but never exported or erased by subject. Erasure and
// retention keep each case's row (kind, category, agency, status, SLA clocks, survey score), so case
// counts, SLA compliance and CX figures do not move; only who wrote and what they wrote go.

const CASE_KIND = 'feedback.case_contact';
const FILES_KIND = 'feedback.case_files';
const RATING_KIND = 'feedback.rating_comment';

/** The hashes a subject's cases carry (cases are matched by their contact's keyed hash, as feedback itself does). */
const hashesOf = (deps: Deps, s: Subject) => [s.email, s.phone].filter((c): c is string => !!c).map((c) => contactHash(deps, c));

async function casesOf(db: Executor, deps: Deps, s: Subject) {
  const hashes = hashesOf(deps, s);
  if (hashes.length === 0) return [];
  return db.selectFrom('feedback_cases').selectAll().where('contact_hash', 'in', hashes).orderBy('id').execute();
}

/** Removes who wrote and what they wrote from these cases, and their files (keys returned for removal after commit). */
async function anonymiseCases(trx: Executor, cases: { id: number; tracking_no: string }[]): Promise<ErasureResult> {
  if (cases.length === 0) return { counts: { [CASE_KIND]: 0, [FILES_KIND]: 0 }, files: [] };
  const ids = cases.map((c) => c.id);
  for (const c of cases)
    await trx
      .updateTable('feedback_cases')
      .set({ contact_name: null, contact_email: null, contact_phone: null, subject: ERASED, body: ERASED, contact_hash: `erased:${c.id}` })
      .where('id', '=', c.id)
      .execute();
  await trx.updateTable('feedback_case_events').set({ body: ERASED }).where('case_id', 'in', ids).where('body', 'is not', null).execute();
  await trx
    .updateTable('feedback_case_events')
    .set({ author_label: null })
    .where('case_id', 'in', ids)
    .where('author_type', '=', 'beneficiary')
    .execute();
  // A merged duplicate's text was copied onto the surviving case's history.
  for (const c of cases)
    await trx
      .updateTable('feedback_case_events')
      .set({ body: ERASED })
      .where('kind', '=', 'merged_in')
      .where('data_json', 'like', `%"from":"${c.tracking_no}"%`)
      .execute();
  const files = await trx.selectFrom('feedback_attachments').select('storage_key').where('case_id', 'in', ids).execute();
  await trx.deleteFrom('feedback_attachments').where('case_id', 'in', ids).execute();
  return { counts: { [CASE_KIND]: cases.length, [FILES_KIND]: files.length }, files: files.map((f) => f.storage_key) };
}

export const feedbackPersonalData: PersonalDataPort = {
  readActions: ['feedback.case_read', 'feedback.attachment_read'],
  kinds: [
    {
      key: CASE_KIND,
      label: 'feedback.privacy.case_contact',
      where: 'feedback_cases (contact_name, contact_email, contact_phone, subject, body), feedback_case_events (body)',
      purpose: 'feedback.privacy.case_contact_purpose',
      basis: 'public_task',
      retention: 'feedback.privacy.case_contact_retention',
      defaultPeriod: { n: 2, unit: 'years' },
    },
    {
      key: FILES_KIND,
      label: 'feedback.privacy.case_files',
      where: 'feedback_attachments, stored files',
      purpose: 'feedback.privacy.case_contact_purpose',
      basis: 'public_task',
      retention: 'feedback.privacy.case_files_retention',
      defaultPeriod: null,
    },
    {
      key: RATING_KIND,
      label: 'feedback.privacy.rating_comment',
      where: 'feedback_ratings (comment; ip_hash is a keyed hash)',
      purpose: 'feedback.privacy.rating_comment_purpose',
      basis: 'public_task',
      retention: 'feedback.privacy.rating_comment_retention',
      defaultPeriod: null,
    },
  ],

  async export(deps, subject): Promise<ExportedKind[]> {
    const cases = await casesOf(deps.db, deps, subject);
    const ids = cases.map((c) => c.id);
    const events = ids.length
      ? await deps.db
          .selectFrom('feedback_case_events')
          .select(['case_id', 'kind', 'author_type', 'body', 'created_at'])
          .where('case_id', 'in', ids)
          .where('visibility', '=', 'public')
          .orderBy('id')
          .execute()
      : [];
    const files = ids.length
      ? await deps.db.selectFrom('feedback_attachments').selectAll().where('case_id', 'in', ids).orderBy('id').execute()
      : [];
    const tracking = new Map(cases.map((c) => [c.id, c.tracking_no]));
    return [
      {
        kind: CASE_KIND,
        records: cases.map((c) => ({
          tracking_no: c.tracking_no,
          kind: c.kind,
          category: c.category,
          subject: c.subject,
          body: c.body,
          contact_name: c.contact_name,
          contact_email: c.contact_email,
          contact_phone: c.contact_phone,
          status: c.status,
          created_at: c.created_at,
          survey_score: c.survey_score,
          history: events
            .filter((e) => e.case_id === c.id)
            .map((e) => ({ kind: e.kind, author: e.author_type, body: e.body, at: e.created_at })),
        })),
        files: [],
      },
      {
        kind: FILES_KIND,
        records: files.map((f) => ({
          case: tracking.get(f.case_id),
          file: `${f.id}.${f.ext}`,
          mime: f.mime,
          size: f.size,
          sha256: f.sha256,
          source: f.source,
        })),
        files: files.map((f) => ({ name: `${tracking.get(f.case_id)}/${f.id}.${f.ext}`, storageKey: f.storage_key })),
      },
    ];
  },

  async erase(trx, deps, subject) {
    return anonymiseCases(trx, await casesOf(trx, deps, subject));
  },

  async purge(trx, _deps, kind, cutoff) {
    if (kind !== CASE_KIND) return { counts: {}, files: [] };
    const cases = await trx
      .selectFrom('feedback_cases')
      .select(['id', 'tracking_no'])
      .where('status', 'in', ['resolved', 'merged'])
      .where((eb) => eb.or([eb('resolved_at', '<', cutoff), eb.and([eb('resolved_at', 'is', null), eb('updated_at', '<', cutoff)])]))
      .where('contact_hash', 'not like', 'erased:%')
      .execute();
    return anonymiseCases(trx, cases);
  },
};
