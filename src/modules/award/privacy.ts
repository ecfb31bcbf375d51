import type { Executor } from '../../db.ts';
import type { Deps } from '../../platform/deps.ts';
import {
  ERASED,
  type ErasureResult,
  eraseStaffLabels,
  isStaffLabel,
  type PersonalDataPort,
  type Subject,
} from '../../platform/personal-data.ts';
import { findUserByEmail } from '../identity/public.ts';
import { answersOf } from './questions.ts';

// The award's personal data for the privacy office. Judges: their place on a panel, the conflicts
// they declared (a note may name a relative) and their reviews. Agency staff: the nominations they
// drafted, screened or decided, known by the label their actions carry. Nominees: the name of a
// person or team nominated, which no verified address leads to — the office finds it by the
// nomination the request names and corrects it there, so it is in the register but not matched here.
// Erasure keeps reviews, scores and the panel's discussion (the edition's results rest on them) and the rows under the
// judge's account id (identity then pseudonymises it); conflict notes and the labels go. Individuals
// who nominated: their name and proven email per edition, and the nominations they made, found by
// that email, with the documents they attached (in the archive as files); erasure replaces the name
// and the address (their nominations stay, results rest on them) and removes those documents, rows
// and files (what was judged stays verifiable: each submission's audit record keeps their SHA-256).

const JUDGE_KIND = 'award.judge';
const STAFF_KIND = 'award.staff';
const NOMINEE_KIND = 'award.nominee';
const ENTRANT_KIND = 'award.entrant';
const LABELS = [
  ['award_nominations', 'created_by'],
  ['award_nominations', 'screened_by'],
  ['award_conflicts', 'created_by'],
  ['award_branches', 'decided_by'],
  ['award_branches', 'approved_by'],
] as const;

/** The documents attached to the nominations of these entrants, oldest first. */
const entrantAttachments = (db: Executor, entrantIds: number[]) =>
  db
    .selectFrom('award_attachments as a')
    .innerJoin('award_nominations as n', 'n.id', 'a.nomination_id')
    .select(['a.id', 'a.nomination_id', 'a.file_key', 'a.file_name', 'a.size', 'a.sha256', 'a.created_at'])
    .where('n.entrant_id', 'in', entrantIds)
    .orderBy('a.id')
    .execute();

const judgeOf = (db: Executor, s: Subject) => (s.email ? findUserByEmail(db, s.email) : Promise.resolve(undefined));

export const awardPersonalData: PersonalDataPort = {
  kinds: [
    {
      key: JUDGE_KIND,
      label: 'award.privacy.judge',
      where: 'award_judges, award_conflicts (note), award_reviews (scores, comment), award_discussion (body), by user id',
      purpose: 'award.privacy.judge_purpose',
      basis: 'public_task',
      retention: 'award.privacy.judge_retention',
      defaultPeriod: null,
      correction: 'award.privacy.office_correction',
    },
    {
      key: STAFF_KIND,
      label: 'award.privacy.staff',
      where: 'award_nominations (created_by, screened_by), award_conflicts (created_by), award_branches (decided_by, approved_by)',
      purpose: 'award.privacy.staff_purpose',
      basis: 'public_task',
      retention: 'award.privacy.judge_retention',
      defaultPeriod: null,
      correction: 'award.privacy.office_correction',
    },
    {
      key: NOMINEE_KIND,
      label: 'award.privacy.nominee',
      where: 'award_nominations (nominee_name), credentials (source award: recipient_name)',
      purpose: 'award.privacy.nominee_purpose',
      basis: 'public_task',
      retention: 'award.privacy.nominee_retention',
      defaultPeriod: null,
      correction: 'award.privacy.nominee_correction',
    },
    {
      key: ENTRANT_KIND,
      label: 'award.privacy.entrant',
      where:
        'award_entrants (name, email, language), award_nominations (by entrant: titles, summary, answers to the branch questions, nominee name, status), award_attachments (by entrant: file name, stored file)',
      purpose: 'award.privacy.entrant_purpose',
      basis: 'public_task',
      retention: 'award.privacy.nominee_retention',
      defaultPeriod: null,
      correction: 'award.privacy.office_correction',
    },
  ],

  async export(deps: Deps, subject) {
    if (!subject.email) return [];
    const email = subject.email;
    const u = await judgeOf(deps.db, subject);
    const panels = u
      ? await deps.db
          .selectFrom('award_judges as j')
          .innerJoin('award_cycles as c', 'c.id', 'j.cycle_id')
          .select(['c.name_ar', 'c.name_en', 'j.added_at'])
          .where('j.user_id', '=', u.id)
          .orderBy('j.id')
          .execute()
      : [];
    const conflicts = u
      ? await deps.db
          .selectFrom('award_conflicts')
          .select(['cycle_id', 'agency_id', 'nomination_id', 'source', 'kind', 'note', 'created_at'])
          .where('judge_user_id', '=', u.id)
          .orderBy('id')
          .execute()
      : [];
    const reviews = u
      ? await deps.db
          .selectFrom('award_reviews as r')
          .innerJoin('award_nominations as n', 'n.id', 'r.nomination_id')
          .select(['n.title_ar', 'n.title_en', 'r.status', 'r.scores_json', 'r.comment', 'r.assigned_at', 'r.submitted_at'])
          .where('r.judge_user_id', '=', u.id)
          .orderBy('r.id')
          .execute()
      : [];
    const posts = u
      ? await deps.db
          .selectFrom('award_discussion as d')
          .innerJoin('award_nominations as n', 'n.id', 'd.nomination_id')
          .select(['n.title_ar', 'n.title_en', 'd.body', 'd.created_at'])
          .where('d.author_user_id', '=', u.id)
          .orderBy('d.id')
          .execute()
      : [];
    const nominations = (
      await deps.db
        .selectFrom('award_nominations')
        .select(['title_ar', 'title_en', 'status', 'created_by', 'screened_by', 'created_at', 'submitted_at'])
        .where((eb) => eb.or([eb('created_by', 'like', `%<${email}>`), eb('screened_by', 'like', `%<${email}>`)]))
        .orderBy('id')
        .execute()
    ).filter((n) => isStaffLabel(n.created_by, email) || isStaffLabel(n.screened_by, email));
    const entrants = await deps.db
      .selectFrom('award_entrants')
      .selectAll()
      .where('email', '=', email.toLowerCase())
      .orderBy('id')
      .execute();
    const entries = entrants.length
      ? await deps.db
          .selectFrom('award_nominations')
          .select([
            'id',
            'entrant_id',
            'title_ar',
            'title_en',
            'summary',
            'answers_json',
            'nominee_name',
            'status',
            'screening',
            'created_at',
            'submitted_at',
          ])
          .where(
            'entrant_id',
            'in',
            entrants.map((e) => e.id),
          )
          .orderBy('id')
          .execute()
      : [];
    const documents = entries.length
      ? await entrantAttachments(
          deps.db,
          entrants.map((e) => e.id),
        )
      : [];
    return [
      {
        kind: ENTRANT_KIND,
        records: entrants.map((e) => ({
          entrant: { edition: e.cycle_id, name: e.name, email: e.email, language: e.locale, verified_at: e.verified_at },
          nominations: entries
            .filter((n) => n.entrant_id === e.id)
            .map(({ entrant_id: _, id, answers_json, ...n }) => ({
              ...n,
              answers: answersOf({ answers_json }),
              documents: documents
                .filter((d) => d.nomination_id === id)
                .map((d) => ({ file: `${id}/${d.id}-${d.file_name}`, size: d.size, sha256: d.sha256, attached_at: d.created_at })),
            })),
        })),
        files: documents.map((d) => ({ name: `${d.nomination_id}/${d.id}-${d.file_name}`, storageKey: d.file_key })),
      },
      {
        kind: JUDGE_KIND,
        records: [
          ...panels.map((p) => ({ panel: { edition: { ar: p.name_ar, en: p.name_en }, added_at: p.added_at } })),
          ...conflicts.map((c) => ({ conflict: c })),
          ...reviews.map(({ scores_json, ...r }) => ({ review: { ...r, scores: JSON.parse(scores_json) as unknown } })),
          ...posts.map((d) => ({ discussion: { nomination: { ar: d.title_ar, en: d.title_en }, body: d.body, created_at: d.created_at } })),
        ],
        files: [],
      },
      {
        kind: STAFF_KIND,
        records: nominations.map((n) => ({
          nomination: { ar: n.title_ar, en: n.title_en },
          status: n.status,
          drafted: isStaffLabel(n.created_by, email),
          screened: isStaffLabel(n.screened_by, email),
          created_at: n.created_at,
          submitted_at: n.submitted_at,
        })),
        files: [],
      },
    ];
  },

  async erase(trx, _deps, subject): Promise<ErasureResult> {
    if (!subject.email) return { counts: {}, files: [] };
    const labels = await eraseStaffLabels(trx, subject.email, LABELS);
    const u = await judgeOf(trx, subject);
    const notes = u
      ? await trx
          .updateTable('award_conflicts')
          .set({ note: ERASED })
          .where('judge_user_id', '=', u.id)
          .where('note', 'is not', null)
          .executeTakeFirst()
      : undefined;
    const entrants = await trx.selectFrom('award_entrants').select('id').where('email', '=', subject.email.toLowerCase()).execute();
    const documents = entrants.length
      ? await entrantAttachments(
          trx,
          entrants.map((e) => e.id),
        )
      : [];
    if (documents.length)
      await trx
        .deleteFrom('award_attachments')
        .where(
          'id',
          'in',
          documents.map((d) => d.id),
        )
        .execute();
    // Their answers to the branch's questions go with them (free text written by the entrant).
    const answers = entrants.length
      ? await trx
          .updateTable('award_nominations')
          .set({ answers_json: null })
          .where(
            'entrant_id',
            'in',
            entrants.map((e) => e.id),
          )
          .where('answers_json', 'is not', null)
          .executeTakeFirst()
      : undefined;
    for (const e of entrants)
      await trx
        .updateTable('award_entrants')
        .set({ name: ERASED, email: `${ERASED}#${e.id}`, code_hash: null, code_expires_at: null })
        .where('id', '=', e.id)
        .execute();
    return {
      counts: {
        [JUDGE_KIND]: Number(notes?.numUpdatedRows ?? 0),
        [STAFF_KIND]: labels,
        [ENTRANT_KIND]: entrants.length + documents.length + Number(answers?.numUpdatedRows ?? 0),
      },
      files: documents.map((d) => d.file_key),
    };
  },
};
