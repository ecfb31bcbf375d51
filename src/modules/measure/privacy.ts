import type { Deps } from '../../platform/deps.ts';
import { type ErasureResult, eraseStaffLabels, isStaffLabel, type PersonalDataPort } from '../../platform/personal-data.ts';

// Measure's personal data for the privacy office: the staff who acted in measurement — imported a
// framework, saved or reviewed an answer, uploaded evidence or gave a link to it, signed off an
// agency's answers — known by the label their actions carry (`Name <email>`). What they did belongs
// to the agency's answers and the round's results and stays with them; erasure removes who did it,
// so answers, scores and results do not move. The evidence files are the agency's, not the person's:
// the archive lists them without their files. Uploads kept between a dry run and applying it name
// their uploader by account id, not by label (identity pseudonymises the account).

const KIND = 'measure.staff';
const LABELS = [
  ['measure_frameworks', 'created_by'],
  ['measure_participants', 'signed_off_by'],
  ['measure_answers', 'updated_by'],
  ['measure_answers', 'reviewed_by'],
  ['measure_evidence', 'uploaded_by'],
  ['measure_evidence_links', 'added_by'],
  ['measure_answer_events', 'actor_label'],
] as const;

const like = (email: string) => `%<${email.trim().toLowerCase()}>`;

export const measurePersonalData: PersonalDataPort = {
  kinds: [
    {
      key: KIND,
      label: 'measure.privacy.staff',
      where: LABELS.map(([table, column]) => `${table} (${column})`).join(', '),
      purpose: 'measure.privacy.staff_purpose',
      basis: 'public_task',
      retention: 'measure.privacy.staff_retention',
      defaultPeriod: null,
    },
  ],

  async export(deps: Deps, subject) {
    if (!subject.email) return [];
    const email = subject.email;
    const mine = <T extends { label: string | null }>(rows: T[]) =>
      rows.filter((r) => isStaffLabel(r.label, email)).map(({ label: _, ...rest }) => rest);
    const db = deps.db;
    const frameworks = mine(
      await db
        .selectFrom('measure_frameworks')
        .select(['key', 'version', 'name_ar', 'name_en', 'created_at', 'created_by as label'])
        .where('created_by', 'like', like(email))
        .orderBy('id')
        .execute(),
    );
    const signOffs = mine(
      await db
        .selectFrom('measure_participants as p')
        .innerJoin('measure_rounds as r', 'r.id', 'p.round_id')
        .select(['r.code as round', 'p.agency_id', 'p.signed_off_at', 'p.signed_off_by as label'])
        .where('p.signed_off_by', 'like', like(email))
        .orderBy('p.id')
        .execute(),
    );
    const evidence = mine(
      await db
        .selectFrom('measure_evidence as e')
        .innerJoin('measure_rounds as r', 'r.id', 'e.round_id')
        .innerJoin('measure_answers as a', 'a.id', 'e.answer_id')
        .select(['r.code as round', 'e.agency_id', 'a.question_key as question', 'e.filename', 'e.uploaded_at', 'e.uploaded_by as label'])
        .where('e.uploaded_by', 'like', like(email))
        .orderBy('e.id')
        .execute(),
    );
    const links = mine(
      await db
        .selectFrom('measure_evidence_links as l')
        .innerJoin('measure_rounds as r', 'r.id', 'l.round_id')
        .innerJoin('measure_answers as a', 'a.id', 'l.answer_id')
        .select(['r.code as round', 'l.agency_id', 'a.question_key as question', 'l.url', 'l.added_at', 'l.added_by as label'])
        .where('l.added_by', 'like', like(email))
        .orderBy('l.id')
        .execute(),
    );
    // Every save, submission, evidence change and review decision, as the answer's history shows it.
    const actions = mine(
      await db
        .selectFrom('measure_answer_events as ev')
        .innerJoin('measure_answers as a', 'a.id', 'ev.answer_id')
        .innerJoin('measure_rounds as r', 'r.id', 'a.round_id')
        .select(['r.code as round', 'a.agency_id', 'a.question_key as question', 'ev.action', 'ev.at', 'ev.actor_label as label'])
        .where('ev.actor_label', 'like', like(email))
        .orderBy('ev.id')
        .execute(),
    );
    // Answers whose current value or review decision is theirs (the history above says when).
    const answers = (
      await db
        .selectFrom('measure_answers as a')
        .innerJoin('measure_rounds as r', 'r.id', 'a.round_id')
        .select([
          'r.code as round',
          'a.agency_id',
          'a.question_key as question',
          'a.status',
          'a.review_reason',
          'a.reviewed_at',
          'a.updated_at',
          'a.updated_by',
          'a.reviewed_by',
        ])
        .where((eb) => eb.or([eb('a.updated_by', 'like', like(email)), eb('a.reviewed_by', 'like', like(email))]))
        .orderBy('a.id')
        .execute()
    )
      .filter((a) => isStaffLabel(a.updated_by, email) || isStaffLabel(a.reviewed_by, email))
      .map(({ updated_by, reviewed_by, review_reason, reviewed_at, ...a }) => ({
        ...a,
        last_saved: isStaffLabel(updated_by, email),
        ...(isStaffLabel(reviewed_by, email) ? { reviewed: true, review_reason, reviewed_at } : {}),
      }));
    return [
      {
        kind: KIND,
        records: [
          ...frameworks.map((framework) => ({ framework })),
          ...signOffs.map((sign_off) => ({ sign_off })),
          ...answers.map((answer) => ({ answer })),
          ...evidence.map((evidence) => ({ evidence })),
          ...links.map((evidence_link) => ({ evidence_link })),
          ...actions.map((action) => ({ action })),
        ],
        files: [],
      },
    ];
  },

  async erase(trx, _deps, subject): Promise<ErasureResult> {
    if (!subject.email) return { counts: {}, files: [] };
    return { counts: { [KIND]: await eraseStaffLabels(trx, subject.email, LABELS) }, files: [] };
  },
};
